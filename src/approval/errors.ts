/**
 * Errors from the approval prompt. The human sees the message; the CLI maps the code to an exit
 * code. Messages never include the vault password or a credential value.
 */

export const APPROVAL_ERROR_CODES = [
  'APPROVAL_ERR_DENIED',
  'APPROVAL_ERR_TOO_MANY_ATTEMPTS',
  'APPROVAL_ERR_NO_MATCH',
  'APPROVAL_ERR_NOT_A_TTY',
  'APPROVAL_ERR_INTERRUPTED',
  'APPROVAL_ERR_VAULT',
] as const;

export type ApprovalErrorCode = (typeof APPROVAL_ERROR_CODES)[number];

export class ApprovalError extends Error {
  readonly code: ApprovalErrorCode;

  /** `cause`: the underlying error (e.g. the VaultError behind APPROVAL_ERR_VAULT), for its code. */
  constructor(code: ApprovalErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApprovalError';
    this.code = code;
  }
}

export function isApprovalError(error: unknown): error is ApprovalError {
  return error instanceof ApprovalError;
}

/**
 * The stable `code` of any layer's error (VaultError, ApprovalError, AgentError, …), if the thrown
 * value has one: the approval flow audits it and the CLI maps it to an exit code.
 */
export function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
