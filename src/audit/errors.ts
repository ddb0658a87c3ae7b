/**
 * The one error type of src/audit. `code` is stable (docs/errors.md lists every one); messages
 * name fields and line numbers, never a field's value.
 */
export type AuditErrorCode =
  | 'AUDIT_ERR_EVENT'
  | 'AUDIT_ERR_FIELD'
  | 'AUDIT_ERR_SECRET_FIELD'
  | 'AUDIT_ERR_KEY'
  | 'AUDIT_ERR_KEY_MISSING'
  | 'AUDIT_ERR_KEY_PERMISSIONS'
  | 'AUDIT_ERR_CHAIN'
  | 'AUDIT_ERR_IO'
  | 'AUDIT_ERR_CLOSED';

export class AuditError extends Error {
  readonly code: AuditErrorCode;

  constructor(code: AuditErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.name = 'AuditError';
    this.code = code;
  }
}
