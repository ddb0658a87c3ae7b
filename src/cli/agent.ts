/**
 * `npm run agent -- --mode local [--site demo-airline|aa.com] [--vault FILE|bw] …` and `npm run demo`.
 * Parses options, builds the vault, audit log, terminal prompt and (with --demo) the local airline,
 * then hands over to runLocal(). Exit codes: src/cli/exit-codes.ts and docs/local-mode.md.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { AgentError } from '../agent/errors.js';
import { findSiteProfile, siteIds, withOrigin } from '../agent/sites.js';
import type { SiteProfile } from '../agent/sites.js';
import { TtyApprovalIO } from '../approval/tty-io.js';
import { errorCodeOf } from '../approval/errors.js';
import { DEMO_VAULT_PATH } from '../vault/demo.js';
import { EXIT, exitCodeForError } from './exit-codes.js';
import { BW_VAULT_CHOICE, openAuditLog, openDemoAirline, openVault } from './local-deps.js';
import type { CliVault } from './local-deps.js';
import { reportLockFailure, runLocal } from './local-run.js';
import { ms, terminalProgress } from './progress.js';
import type { Progress } from './progress.js';

interface AgentCliOptions {
  mode: 'local' | 'remote';
  site: string;
  siteUrl?: string;
  vault?: string;
  bwPath?: string;
  agentName: string;
  reason?: string;
  screenshot?: string;
  chromium?: string;
  audit: string;
  demo?: boolean;
}

export const DEFAULT_AUDIT_FILE = join(homedir(), '.agent-credential-request', 'audit.jsonl');

function buildProgram(): Command {
  return new Command('agent')
    .description(
      'An agent asks for a login from your vault; you approve in this terminal; it logs in with Chromium.',
    )
    .addOption(
      new Option('--mode <mode>', 'local: approve in this terminal; remote: not yet available')
        .choices(['local', 'remote'])
        .default('local'),
    )
    .addOption(
      new Option('--site <id>', 'site profile (src/agent/sites.ts)')
        .choices(siteIds())
        .default('demo-airline'),
    )
    .option(
      '--site-url <origin>',
      'serve the site profile from this origin (e.g. a running demo airline)',
    )
    .option(
      '--vault <file|bw>',
      'a Bitwarden JSON export file, or "bw" for your logged-in Bitwarden CLI (default with --demo: the demo vault)',
    )
    .option(
      '--bw-path <path>',
      'with --vault bw: this bw executable (default: bw on PATH, then node_modules/.bin/bw)',
    )
    .option('--agent-name <name>', 'the name shown on the approval prompt', 'flight-booking-agent')
    .option('--reason <text>', 'why the agent needs the login (shown on the prompt)')
    .option('--screenshot <file>', 'write a PNG of the page after logging in')
    .option(
      '--chromium <path>',
      'Chromium executable (default /usr/bin/chromium or $AGENT_CHROMIUM_PATH)',
    )
    .option('--audit <file>', 'audit log (JSON lines)', DEFAULT_AUDIT_FILE)
    .option(
      '--demo',
      'start the local demo airline; the vault is the demo vault unless --vault says otherwise',
    )
    .exitOverride();
}

function resolveSite(opts: AgentCliOptions, demoOrigin: string | undefined): SiteProfile {
  const profile = findSiteProfile(opts.site);
  const origin = opts.siteUrl ?? (profile.id === 'demo-airline' ? demoOrigin : undefined);
  if (origin !== undefined) return withOrigin(profile, origin);
  if (profile.id === 'demo-airline') {
    throw new AgentError(
      'AGENT_ERR_USAGE',
      'demo-airline runs locally: pass --demo, or start it with `npm run airline` and pass --site-url',
    );
  }
  return profile;
}

/**
 * Starts the vault's start-up check, if it has one (only bw does: `bw status`); its outcome is
 * shown when it settles.
 */
function startReadyCheck(
  checkReady: CliVault['checkReady'],
  progress: Progress,
): Promise<void> | undefined {
  if (checkReady === undefined) return undefined;
  const started = performance.now();
  const ready = checkReady().then(() => {
    progress.ok(`Bitwarden CLI is logged in (bw status ${ms(performance.now() - started)})`);
  });
  // Handled here so an early exit is no unhandled rejection; runLocal still sees the failure.
  ready.catch(() => undefined);
  return ready;
}

async function main(argv: string[]): Promise<number> {
  const started = performance.now();
  const progress = terminalProgress();
  const program = buildProgram();
  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT.usage;
    throw error;
  }
  const opts = program.opts<AgentCliOptions>();
  const cleanups: (() => Promise<void>)[] = [];
  try {
    if (opts.mode === 'remote') {
      throw new AgentError(
        'AGENT_ERR_MODE_UNAVAILABLE',
        'remote mode (approval from another device) is not yet available; use --mode local',
      );
    }
    const vaultChoice = opts.vault ?? (opts.demo ? DEMO_VAULT_PATH : undefined);
    if (vaultChoice === undefined) {
      throw new AgentError(
        'AGENT_ERR_USAGE',
        'pass --vault FILE (a Bitwarden JSON export), --vault bw (your Bitwarden CLI), or --demo',
      );
    }
    if (opts.bwPath !== undefined && vaultChoice !== BW_VAULT_CHOICE) {
      throw new AgentError('AGENT_ERR_USAGE', '--bw-path only applies with --vault bw');
    }
    // Fail before starting anything if nobody can answer the prompt.
    const io = TtyApprovalIO.open();
    cleanups.push(async () => io.close());
    const { vault, checkReady } = openVault(
      vaultChoice,
      opts.bwPath === undefined ? {} : { bwPath: opts.bwPath },
    );
    // Every way out (denial, no match, an error) leaves the vault locked before the process
    // exits: for bw that waits for the folder's running bw, where an exit handler could not.
    cleanups.push(() => vault.lock().catch((error: unknown) => reportLockFailure(progress, error)));
    // The vault's start-up check (bw: is anyone logged in?) runs beside everything below and the
    // Chromium launch; runLocal awaits it before the prompt. Never left running at exit.
    const ready = startReadyCheck(checkReady, progress);
    if (ready !== undefined) cleanups.push(() => ready.catch(() => undefined));

    let demoOrigin: string | undefined;
    if (opts.demo && opts.site === 'demo-airline' && opts.siteUrl === undefined) {
      const airline = await openDemoAirline();
      cleanups.push(() => airline.close());
      demoOrigin = airline.origin;
      progress.ok(`Demo airline listening at ${airline.origin}`);
    }
    const site = resolveSite(opts, demoOrigin);
    if (!site.verified)
      progress.step(`Note: the ${site.id} profile is unverified (docs/sites.md).`);
    const audit = await openAuditLog(opts.audit);
    cleanups.push(() => audit.close());
    progress.step(`Vault: ${vault.label}  ·  audit log: ${opts.audit}`);

    const result = await runLocal(
      {
        site,
        agentName: opts.agentName,
        reason: opts.reason ?? `log in to ${site.displayName} to look up flights`,
        ...(opts.chromium === undefined ? {} : { chromiumPath: opts.chromium }),
        ...(opts.screenshot === undefined ? {} : { screenshotPath: opts.screenshot }),
      },
      { vault, audit, io, progress, ...(ready === undefined ? {} : { ready }) },
    );
    progress.ok(
      `Done in ${ms(performance.now() - started)} (Chromium launch ${ms(result.launchMs)}, login ${ms(result.loginMs)})`,
    );
    return EXIT.loggedIn;
  } catch (error) {
    const code = errorCodeOf(error);
    const message = error instanceof Error ? error.message : String(error);
    // A VaultError's message already starts with its code.
    progress.fail(
      code === undefined
        ? `unexpected error: ${message}`
        : message.startsWith(`${code}: `)
          ? message
          : `${code}: ${message}`,
    );
    return exitCodeForError(error);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

const exitCode = await main(process.argv);
process.exitCode = exitCode;
// Everything is closed by now; if a library still holds a handle, do not hang the terminal.
setTimeout(() => process.exit(exitCode), 1000).unref();
