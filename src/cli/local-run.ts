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
import type { ApprovalIO } from '../approval/io.js';
import type { Vault } from '../vault/types.js';
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
}

export interface LocalRunResult {
  readonly welcomeText: string;
  readonly chromiumVersion: string;
  readonly launchMs: number;
  readonly loginMs: number;
}

function codeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) return String(error.code);
  return 'unexpected';
}

export async function runLocal(opts: LocalRunOptions, deps: LocalRunDeps): Promise<LocalRunResult> {
  const { progress, audit } = deps;
  const { site } = opts;
  // The browser starts first: if Chromium is missing the human is not asked for anything.
  progress.step('Starting Chromium…');
  const agent = await FlightBookingAgent.launch(
    opts.chromiumPath === undefined ? {} : { executablePath: opts.chromiumPath },
  );
  let approved: ApprovedCredential | undefined;
  try {
    progress.ok(`Chromium ${agent.chromiumVersion} ready (${ms(agent.launchMs)})`);
    progress.step(`${opts.agentName} asks for a login to ${site.vaultHost}; waiting for approval…`);
    approved = await approveRequest(
      { agentName: opts.agentName, host: site.vaultHost, reason: opts.reason, siteId: site.id },
      { io: deps.io, vault: deps.vault, audit },
    );
    progress.step(`Logging in at ${site.loginUrl}…`);
    try {
      const result = await agent.logIn(
        site,
        approved.credential,
        opts.screenshotPath === undefined ? {} : { screenshotPath: opts.screenshotPath },
      );
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
      return {
        welcomeText: result.welcomeText,
        chromiumVersion: agent.chromiumVersion,
        launchMs: agent.launchMs,
        loginMs: result.loginMs,
      };
    } catch (error) {
      await audit.record(AUDIT_EVENTS.login, {
        requestId: approved.requestId,
        site: site.id,
        itemId: approved.match.item.id,
        outcome: 'failed',
        code: codeOf(error),
      });
      throw error;
    }
  } finally {
    // The credential is used once; the session locks now rather than idling in this process.
    approved?.credential.wipe();
    await approved?.session.lock();
    await agent.close();
  }
}
