/**
 * Exit codes of `npm run agent` / `npm run demo` (documented in docs/local-mode.md). Each outcome
 * a script might branch on gets its own code; everything unexpected is 1.
 */
import type { AgentErrorCode } from '../agent/errors.js';
import { errorCodeOf } from '../approval/errors.js';
import type { ApprovalErrorCode } from '../approval/errors.js';

export const EXIT = {
  loggedIn: 0,
  unexpected: 1,
  usage: 2,
  denied: 3,
  wrongPassword: 4,
  noMatch: 5,
  loginFailed: 6,
  siteProblem: 7,
  browserMissing: 8,
  notATty: 9,
  vaultUnavailable: 10,
  bwNotLoggedIn: 11,
  bwMissing: 12,
  interrupted: 130,
} as const;

/** Vault codes that reach the CLI: the bw pre-flight, or a bw call after the unlock. */
type CliVaultCode =
  | 'VAULT_ERR_BW_NOT_LOGGED_IN'
  | 'VAULT_ERR_BW_MISSING'
  | 'VAULT_ERR_BW_FAILED'
  | 'VAULT_ERR_LOCKED'
  | 'VAULT_ERR_NOT_FOUND';

const BY_CODE: Record<AgentErrorCode | ApprovalErrorCode | CliVaultCode, number> = {
  AGENT_ERR_USAGE: EXIT.usage,
  AGENT_ERR_MODE_UNAVAILABLE: EXIT.usage,
  AGENT_ERR_UNKNOWN_SITE: EXIT.usage,
  AGENT_ERR_BROWSER_MISSING: EXIT.browserMissing,
  AGENT_ERR_BROWSER_LAUNCH: EXIT.browserMissing,
  AGENT_ERR_SITE_UNREACHABLE: EXIT.siteProblem,
  AGENT_ERR_LOGIN_FORM_NOT_FOUND: EXIT.siteProblem,
  AGENT_ERR_CREDENTIAL_FIELD_MISSING: EXIT.siteProblem,
  AGENT_ERR_LOGIN_FAILED: EXIT.loginFailed,
  AGENT_ERR_LOGIN_UNCONFIRMED: EXIT.siteProblem,
  AGENT_ERR_SCREENSHOT: EXIT.siteProblem,
  APPROVAL_ERR_DENIED: EXIT.denied,
  APPROVAL_ERR_TOO_MANY_ATTEMPTS: EXIT.wrongPassword,
  APPROVAL_ERR_NO_MATCH: EXIT.noMatch,
  APPROVAL_ERR_NOT_A_TTY: EXIT.notATty,
  APPROVAL_ERR_INTERRUPTED: EXIT.interrupted,
  APPROVAL_ERR_VAULT: EXIT.vaultUnavailable,
  VAULT_ERR_BW_NOT_LOGGED_IN: EXIT.bwNotLoggedIn,
  VAULT_ERR_BW_MISSING: EXIT.bwMissing,
  VAULT_ERR_BW_FAILED: EXIT.vaultUnavailable,
  // bw answered "Vault is locked." / "Not found." between lookup and get (another bw on the folder).
  VAULT_ERR_LOCKED: EXIT.vaultUnavailable,
  VAULT_ERR_NOT_FOUND: EXIT.vaultUnavailable,
};

export function exitCodeFor(code: string | undefined): number {
  if (code === undefined || !Object.hasOwn(BY_CODE, code)) return EXIT.unexpected;
  return BY_CODE[code as keyof typeof BY_CODE];
}

/**
 * The exit code for a thrown value. APPROVAL_ERR_VAULT (the unlock failed) takes its vault cause's
 * code when that has one of its own, so "bw is not logged in" is 11 wherever it is noticed.
 */
export function exitCodeForError(error: unknown): number {
  const code = errorCodeOf(error);
  if (code === 'APPROVAL_ERR_VAULT' && error instanceof Error) {
    const cause = exitCodeFor(errorCodeOf(error.cause));
    if (cause !== EXIT.unexpected) return cause;
  }
  return exitCodeFor(code);
}
