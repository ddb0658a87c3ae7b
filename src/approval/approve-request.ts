/**
 * The approval flow, the same for local (terminal) and remote (queue) mode:
 *   show who asks for which host and why → [Y]/[N] → vault password (the Bitwarden master password
 *   for the bw backend; no echo, skipped while the vault is still unlocked) → lookup(host) → show the match(es), numbered choice if several →
 *   hand over one SecureCredential.
 * Every step writes one audit line. Nothing here approves by itself: the only way through is an
 * answer typed into the ApprovalIO.
 */
import { randomBytes } from 'node:crypto';
import type { SecureCredential } from '../vault/secure-credential.js';
import type { Vault, VaultMatch, VaultSession } from '../vault/types.js';
import { AUDIT_EVENTS } from './audit.js';
import type { AuditRecorder, AuditValue } from './audit.js';
import { ApprovalError, errorCodeOf } from './errors.js';
import type { ApprovalIO } from './io.js';

export interface CredentialRequest {
  readonly agentName: string;
  /** The host the agent wants to log into; the vault's matcher decides which items fit. */
  readonly host: string;
  readonly reason: string;
  /** The site profile id, for the audit trail. */
  readonly siteId?: string;
}

export interface ApprovalDeps {
  readonly io: ApprovalIO;
  readonly vault: Vault;
  readonly audit: AuditRecorder;
  /** Wrong vault passwords allowed before giving up. Default 3. */
  readonly maxPasswordAttempts?: number;
}

export interface ApprovedCredential {
  readonly requestId: string;
  readonly match: VaultMatch;
  readonly credential: SecureCredential;
  /** Still unlocked; it locks itself after its idle window (or the caller locks it). */
  readonly session: VaultSession;
}

export const DEFAULT_MAX_PASSWORD_ATTEMPTS = 3;

/** Short tag shown on the prompt and written to every audit line of this request. */
function newRequestId(): string {
  return `req-${randomBytes(3).toString('hex')}`;
}

function describeMatch(match: VaultMatch): string {
  const { name, username, uri } = match.item;
  return `${name}  ·  user ${username}  ·  ${uri}\n      (${match.reason})`;
}

export async function approveRequest(
  request: CredentialRequest,
  deps: ApprovalDeps,
): Promise<ApprovedCredential> {
  const { io, vault } = deps;
  const requestId = newRequestId();
  const base: Record<string, AuditValue> = {
    requestId,
    agent: request.agentName,
    host: request.host,
    site: request.siteId ?? null,
  };
  const audit = async (event: string, fields: Record<string, AuditValue> = {}) => {
    await deps.audit.record(event, { ...base, ...fields });
  };

  await audit(AUDIT_EVENTS.request, { reason: request.reason });
  io.write(
    `\nCredential request ${requestId}\n` +
      `  Agent:  ${request.agentName}\n` +
      `  Wants:  a login for ${request.host}\n` +
      `  Reason: ${request.reason}\n` +
      `  Vault:  ${vault.label}\n\n`,
  );

  if (!(await askDecision(io))) {
    await audit(AUDIT_EVENTS.denial, { stage: 'request' });
    throw new ApprovalError('APPROVAL_ERR_DENIED', `you denied request ${requestId}`);
  }
  await audit(AUDIT_EVENTS.approval);

  const session = await unlockVault(deps, audit);
  const matches = await session.lookup(request.host);
  await audit(AUDIT_EVENTS.lookup, {
    matches: matches.length,
    itemIds: matches.map((m) => m.item.id).join(','),
  });
  if (matches.length === 0) {
    await audit(AUDIT_EVENTS.failure, { stage: 'lookup', code: 'APPROVAL_ERR_NO_MATCH' });
    throw new ApprovalError(
      'APPROVAL_ERR_NO_MATCH',
      `no login in ${vault.label} matches ${request.host}`,
    );
  }

  const match = await chooseMatch(io, request.host, matches);
  if (match === undefined) {
    await audit(AUDIT_EVENTS.denial, { stage: 'choice' });
    throw new ApprovalError('APPROVAL_ERR_DENIED', `you denied request ${requestId}`);
  }
  const credential = await session.credential(match.item.id);
  await audit(AUDIT_EVENTS.handover, { itemId: match.item.id, itemName: match.item.name });
  io.write(`Handing "${match.item.name}" to ${request.agentName}.\n`);
  return { requestId, match, credential, session };
}

/** Y or N, asked again until it is one of them (there is no default). */
async function askDecision(io: ApprovalIO): Promise<boolean> {
  for (;;) {
    const answer = (await io.ask('[Y] approve  [N] deny > ')).trim().toLowerCase();
    if (answer === 'y' || answer === 'yes') return true;
    if (answer === 'n' || answer === 'no') return false;
    io.write('Please type Y to approve or N to deny.\n');
  }
}

async function unlockVault(
  deps: ApprovalDeps,
  audit: (event: string, fields?: Record<string, AuditValue>) => Promise<void>,
): Promise<VaultSession> {
  const { io, vault } = deps;
  const open = vault.current();
  if (open !== undefined && !open.locked) {
    io.write('The vault is still unlocked from an earlier approval; no password needed.\n');
    return open;
  }
  const limit = deps.maxPasswordAttempts ?? DEFAULT_MAX_PASSWORD_ATTEMPTS;
  // The bw backend is the user's own Bitwarden account: ask for what they know it as.
  const secretName = vault.kind === 'bw' ? 'Bitwarden master password' : 'vault password';
  const question =
    vault.kind === 'bw'
      ? 'Bitwarden master password (not shown): '
      : `Vault password for ${vault.label} (not shown): `;
  for (let attempt = 1; attempt <= limit; attempt += 1) {
    const password = await io.askSecret(question);
    let session: VaultSession;
    try {
      session = await vault.unlock(password);
    } catch (error) {
      const code = errorCodeOf(error);
      if (code !== 'VAULT_ERR_WRONG_PASSWORD') {
        await audit(AUDIT_EVENTS.failure, { stage: 'unlock', code: code ?? 'unknown' });
        const detail = error instanceof Error ? error.message : String(error);
        throw new ApprovalError('APPROVAL_ERR_VAULT', `the vault could not be opened: ${detail}`, {
          cause: error,
        });
      }
      await audit(AUDIT_EVENTS.unlockFailure, { attempt, of: limit, code });
      const left = limit - attempt;
      io.write(
        left > 0
          ? `Wrong ${secretName} (attempt ${attempt} of ${limit}). Try again.\n`
          : `Wrong ${secretName} (attempt ${attempt} of ${limit}).\n`,
      );
      continue;
    }
    await audit(AUDIT_EVENTS.unlock, { attempt });
    return session;
  }
  await audit(AUDIT_EVENTS.failure, { stage: 'unlock', code: 'APPROVAL_ERR_TOO_MANY_ATTEMPTS' });
  throw new ApprovalError(
    'APPROVAL_ERR_TOO_MANY_ATTEMPTS',
    `${limit} wrong ${secretName}s; the request is refused`,
  );
}

/** One match is shown and used; several are numbered and the human picks one (or N to deny). */
async function chooseMatch(
  io: ApprovalIO,
  host: string,
  matches: readonly VaultMatch[],
): Promise<VaultMatch | undefined> {
  if (matches.length === 1) {
    io.write(`Matching login:\n  ${describeMatch(matches[0] as VaultMatch)}\n`);
    return matches[0];
  }
  io.write(`${matches.length} logins match ${host}:\n`);
  matches.forEach((m, i) => io.write(`  [${i + 1}] ${describeMatch(m)}\n`));
  for (;;) {
    const answer = (await io.ask(`Choose [1-${matches.length}] or N to deny > `)).trim();
    if (/^n(o)?$/i.test(answer)) return undefined;
    const index = Number(answer);
    if (Number.isInteger(index) && index >= 1 && index <= matches.length) return matches[index - 1];
    io.write(`Please type a number from 1 to ${matches.length}, or N.\n`);
  }
}
