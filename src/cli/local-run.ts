/**
 * Local mode in one terminal: request → approval prompt → vault → browser login → result.
 * The CLI entry (./agent.ts) parses options and builds the dependencies; this file only orders
 * the steps and makes sure everything opened is closed again, whatever happens.
 */
import { FlightBookingAgent } from '../agent/flight-booking-agent.js';
import type { SiteProfile } from '../agent/sites.js';
import { approveRequest } from '../approval/approve-request.js';
import type { ApprovedCredential } from '../approval/approve-request.js';
import { AUDIT_EVENTS } from '../approval/audit.js';
import type { AuditRecorder } from '../approval/audit.js';
import { errorCodeOf } from '../approval/errors.js';
import type { ApprovalIO } from '../approval/io.js';
import type { Vault, VaultSession } from '../vault/types.js';
import { ms } from './progress.js';
import type { Progress } from './progress.js';

export interface LocalRunOptions {
  readonly site: SiteProfile;
  readonly agentName: string;
  readonly reason: string;
  readonly chromiumPath?: string;
  readonly screenshotPath?: string;
}

export interface LocalRunDeps {
  readonly vault: Vault;
  readonly audit: AuditRecorder;
  readonly io: ApprovalIO;
  readonly progress: Progress;
  /**
   * Start-up checks already under way (e.g. the bw backend's `bw status`): awaited together with
   * the Chromium launch, so a failure ends the run before the human is asked anything.
   */
  readonly ready?: Promise<void>;
}

export interface LocalRunResult {
  readonly welcomeText: string;
  readonly chromiumVersion: string;
  readonly launchMs: number;
  readonly loginMs: number;
  /** The vault lock, from handover until it finished (bw: one `bw lock`). */
  readonly lockMs: number;
  /** The part of lockMs that was still running when the login had finished. */
  readonly lockTailMs: number;
}

/** A lock that has started: settles with its error (or undefined), never rejects. */
interface Locking {
  readonly done: Promise<unknown>;
  readonly started: number;
  ended?: number;
}

function startLock(session: VaultSession): Locking {
  const locking: Locking = {
    started: performance.now(),
    done: session.lock().then(
      () => undefined,
      (error: unknown) => error,
    ),
  };
  void locking.done.then(() => (locking.ended = performance.now()));
  return locking;
}

export async function runLocal(opts: LocalRunOptions, deps: LocalRunDeps): Promise<LocalRunResult> {
  const { progress, audit } = deps;
  const { site } = opts;
  // The browser starts first, beside the vault's own start-up check: if either fails, the human
  // is not asked for anything.
  progress.step('Starting Chromium…');
  const [launched, ready] = await Promise.allSettled([
    FlightBookingAgent.launch(
      opts.chromiumPath === undefined ? {} : { executablePath: opts.chromiumPath },
    ),
    deps.ready,
  ]);
  if (launched.status === 'rejected') throw launched.reason;
  const agent = launched.value;
  if (ready.status === 'rejected') {
    await agent.close().catch(() => undefined);
    throw ready.reason;
  }
  let approved: ApprovedCredential | undefined;
  let locking: Locking | undefined;
  let login:
    { readonly welcomeText: string; readonly loginMs: number; readonly at: number } | undefined;
  try {
    progress.ok(`Chromium ${agent.chromiumVersion} ready (${ms(agent.launchMs)})`);
    progress.step(`${opts.agentName} asks for a login to ${site.vaultHost}; waiting for approval…`);
    approved = await approveRequest(
      { agentName: opts.agentName, host: site.vaultHost, reason: opts.reason, siteId: site.id },
      { io: deps.io, vault: deps.vault, audit },
    );
    // The chosen credential is in hand and the session is needed no more: lock it now, while the
    // browser logs in (`bw lock` is a ~2 s process), and wait for it only before exiting.
    locking = startLock(approved.session);
    progress.step(`Logging in at ${site.loginUrl}…`);
    try {
      const result = await agent.logIn(
        site,
        approved.credential,
        opts.screenshotPath === undefined ? {} : { screenshotPath: opts.screenshotPath },
      );
      login = { welcomeText: result.welcomeText, loginMs: result.loginMs, at: performance.now() };
      await audit.record(AUDIT_EVENTS.login, {
        requestId: approved.requestId,
        site: site.id,
        itemId: approved.match.item.id,
        outcome: 'logged-in',
        loginMs: Math.round(result.loginMs),
      });
      progress.ok(
        `Logged in to ${site.displayName}: "${result.welcomeText}" (${ms(result.loginMs)})`,
      );
      if (result.screenshotPath !== undefined) progress.ok(`Screenshot: ${result.screenshotPath}`);
    } catch (error) {
      await audit.record(AUDIT_EVENTS.login, {
        requestId: approved.requestId,
        site: site.id,
        itemId: approved.match.item.id,
        outcome: 'failed',
        code: errorCodeOf(error) ?? 'unexpected',
      });
      throw error;
    }
  } finally {
    // The credential is used once; the session locks now rather than idling in this process.
    approved?.credential.wipe();
    if (approved !== undefined) locking ??= startLock(approved.session);
    // Chromium closes while the lock finishes; both are waited for before the CLI exits.
    const closing = agent.close().then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    const lockError = await locking?.done;
    if (locking !== undefined) {
      const end = locking.ended ?? performance.now();
      const tail =
        login === undefined ? '' : `, ${ms(Math.max(0, end - login.at))} after the login`;
      if (lockError === undefined)
        progress.ok(`Vault locked (${ms(end - locking.started)}${tail})`);
      else reportLockFailure(progress, lockError);
    }
    const closeFailed = await closing;
    if (closeFailed !== undefined) throw closeFailed.error;
  }
  if (login === undefined || locking === undefined) throw new Error('unreachable: no login');
  const lockEnd = locking.ended ?? performance.now();
  return {
    welcomeText: login.welcomeText,
    chromiumVersion: agent.chromiumVersion,
    launchMs: agent.launchMs,
    loginMs: login.loginMs,
    lockMs: lockEnd - locking.started,
    lockTailMs: Math.max(0, lockEnd - login.at),
  };
}

/**
 * The login stands; the vault did not lock. Said loudly (with what to do), not turned into a
 * failure of the run. The message is the vault's own, which never holds a secret.
 */
export function reportLockFailure(progress: Progress, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  progress.fail(`the vault did not lock: ${message} (for bw: run \`bw lock\`)`);
}
