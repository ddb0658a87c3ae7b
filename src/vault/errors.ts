/**
 * The one error type of src/vault. `code` is stable (docs/errors.md lists every one); the message
 * adds detail for a human but never a password, key or decrypted value.
 */
export type VaultErrorCode =
  | 'VAULT_ERR_WRONG_PASSWORD'
  | 'VAULT_ERR_LOCKED'
  | 'VAULT_ERR_BAD_EXPORT'
  | 'VAULT_ERR_KDF_LIMIT'
  | 'VAULT_ERR_MAC'
  | 'VAULT_ERR_NOT_FOUND'
  | 'VAULT_ERR_UNSUPPORTED'
  | 'VAULT_ERR_FILE'
  | 'VAULT_ERR_WIPED'
  | 'VAULT_ERR_INPUT'
  /** The bw backend (src/vault/bw/) only. */
  | 'VAULT_ERR_BW_MISSING'
  | 'VAULT_ERR_BW_NOT_LOGGED_IN'
  | 'VAULT_ERR_BW_FAILED';

export class VaultError extends Error {
  readonly code: VaultErrorCode;

  constructor(code: VaultErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.name = 'VaultError';
    this.code = code;
  }
}
