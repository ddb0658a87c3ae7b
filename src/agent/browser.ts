/**
 * Finding and launching the system Chromium. playwright-core downloads no browser, so we always
 * pass an executable path; a missing one becomes a clear AgentError instead of Playwright's
 * "Executable doesn't exist at ~/.cache/ms-playwright/…".
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { AgentError } from './errors.js';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
/** Overrides the default path when no explicit option is given. */
export const CHROMIUM_PATH_ENV = 'AGENT_CHROMIUM_PATH';

export function resolveChromiumPath(explicit?: string): string {
  if (explicit !== undefined && explicit !== '') return explicit;
  const fromEnv = process.env[CHROMIUM_PATH_ENV];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_CHROMIUM_PATH;
}

export interface LaunchedBrowser {
  readonly browser: Browser;
  readonly executablePath: string;
  /** e.g. "156.0.8078.114" */
  readonly version: string;
  readonly launchMs: number;
}

export async function launchChromium(executablePath?: string): Promise<LaunchedBrowser> {
  const path = resolveChromiumPath(executablePath);
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new AgentError(
      'AGENT_ERR_BROWSER_MISSING',
      `no Chromium at ${path}: run \`make setup\` (or \`apt-get install chromium\`), ` +
        `or pass --chromium PATH / set ${CHROMIUM_PATH_ENV}`,
    );
  }
  const started = performance.now();
  let browser: Browser;
  try {
    // Headless, no sandbox flag needed: Playwright adds --no-sandbox itself (toolchain.md §4).
    browser = await chromium.launch({ executablePath: path, headless: true });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new AgentError(
      'AGENT_ERR_BROWSER_LAUNCH',
      `Chromium at ${path} did not start: ${reason}`,
    );
  }
  return {
    browser,
    executablePath: path,
    version: browser.version(),
    launchMs: performance.now() - started,
  };
}
