/**
 * The browser side of the project: a real headless Chromium that logs into an airline site with a
 * credential the human approved. The agent sees only the site profile (data) and an opaque
 * CredentialSource; what it reports back (LoginResult) holds page text and timings, never a
 * credential value, so it is safe to hand to an LLM layer.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { AgentError } from './errors.js';
import { fillCredential } from './fill-credential.js';
import type { CredentialSource } from './fill-credential.js';
import type { PageCheck, SiteProfile } from './sites.js';

export interface FlightBookingAgentOptions {
  /** Default /usr/bin/chromium, or $AGENT_CHROMIUM_PATH. */
  readonly executablePath?: string;
  /** Per-step timeout (navigation, each fill, waiting for the result). Default 15 s. */
  readonly timeoutMs?: number;
}

export interface LoginOptions {
  /** Writes a PNG of the page after the outcome is known. */
  readonly screenshotPath?: string;
}

export interface LoginResult {
  readonly siteId: string;
  /** The page the login landed on. */
  readonly url: string;
  /** The success element's text, e.g. "Welcome, Ada". */
  readonly welcomeText: string;
  readonly loginMs: number;
  readonly screenshotPath?: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;

async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

function checkPasses(text: string, check: PageCheck): boolean {
  return check.textIncludes === undefined || text.includes(check.textIncludes);
}

export class FlightBookingAgent {
  readonly chromiumVersion: string;
  readonly launchMs: number;
  readonly #browser: Browser;
  readonly #timeoutMs: number;

  private constructor(browser: Browser, version: string, launchMs: number, timeoutMs: number) {
    this.#browser = browser;
    this.chromiumVersion = version;
    this.launchMs = launchMs;
    this.#timeoutMs = timeoutMs;
  }

  static async launch(opts: FlightBookingAgentOptions = {}): Promise<FlightBookingAgent> {
    const launched = await launchChromium(opts.executablePath);
    return new FlightBookingAgent(
      launched.browser,
      launched.version,
      launched.launchMs,
      opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
  }

  /** Opens the login form, fills it from the credential, submits, and checks the outcome. */
  async logIn(
    site: SiteProfile,
    credential: CredentialSource,
    opts: LoginOptions = {},
  ): Promise<LoginResult> {
    const started = performance.now();
    // A fresh context per login: no cookies or storage shared between sites or runs.
    const context = await this.#browser.newContext();
    try {
      const page = await context.newPage();
      await this.#open(page, site);
      await fillCredential(page, credential, site.fields, this.#timeoutMs);
      await this.#submit(page, site);
      const outcome = await this.#awaitOutcome(page, site);
      const screenshotPath = await this.#screenshot(page, opts.screenshotPath);
      if (outcome.kind === 'failure') {
        throw new AgentError(
          'AGENT_ERR_LOGIN_FAILED',
          `${site.displayName} rejected the login: ${outcome.text || '(no message)'}`,
        );
      }
      return {
        siteId: site.id,
        url: page.url(),
        welcomeText: outcome.text,
        loginMs: performance.now() - started,
        ...(screenshotPath === undefined ? {} : { screenshotPath }),
      };
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    await this.#browser.close();
  }

  async #open(page: Page, site: SiteProfile): Promise<void> {
    try {
      await page.goto(site.loginUrl, { timeout: this.#timeoutMs, waitUntil: 'domcontentloaded' });
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      throw new AgentError(
        'AGENT_ERR_SITE_UNREACHABLE',
        `could not open ${site.loginUrl}: ${reason}`,
      );
    }
  }

  async #submit(page: Page, site: SiteProfile): Promise<void> {
    try {
      await page.click(site.submitSelector, { timeout: this.#timeoutMs });
    } catch {
      throw new AgentError(
        'AGENT_ERR_LOGIN_FORM_NOT_FOUND',
        `no submit button ${site.submitSelector} on ${page.url()}`,
      );
    }
  }

  /** Waits for whichever comes first: the success element or the site's error message. */
  async #awaitOutcome(
    page: Page,
    site: SiteProfile,
  ): Promise<{ kind: 'success' | 'failure'; text: string }> {
    const success = page.locator(site.success.selector);
    const failure = page.locator(site.failure.selector);
    try {
      await success.or(failure).first().waitFor({ state: 'visible', timeout: this.#timeoutMs });
    } catch {
      throw new AgentError(
        'AGENT_ERR_LOGIN_UNCONFIRMED',
        `after submitting, neither ${site.success.selector} nor ${site.failure.selector} ` +
          `appeared on ${page.url()} within ${this.#timeoutMs} ms`,
      );
    }
    if ((await failure.count()) > 0) {
      return { kind: 'failure', text: await textOf(page, site.failure.selector) };
    }
    const text = await textOf(page, site.success.selector);
    if (!checkPasses(text, site.success)) {
      throw new AgentError(
        'AGENT_ERR_LOGIN_UNCONFIRMED',
        `${site.success.selector} says "${text}", expected it to include "${site.success.textIncludes}"`,
      );
    }
    return { kind: 'success', text };
  }

  async #screenshot(page: Page, path: string | undefined): Promise<string | undefined> {
    if (path === undefined) return undefined;
    try {
      await page.screenshot({ path, fullPage: true });
      return path;
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      throw new AgentError('AGENT_ERR_SCREENSHOT', `could not write ${path}: ${reason}`);
    }
  }
}
