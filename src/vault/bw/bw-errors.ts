/**
 * Turning what `bw` says into stable VaultError codes (docs/vault-bw.md has the table).
 *
 * `bw` words some failures unhelpfully; the mapping is by the message it prints (in `--response`
 * JSON), measured against 2026.6.0:
 *   "Cryptography error, The decryption operation failed"  → wrong master password
 *   "You are not logged in."                                → VAULT_ERR_BW_NOT_LOGGED_IN
 *   "Vault is locked."                                      → VAULT_ERR_LOCKED
 *   "Not found."                                            → VAULT_ERR_NOT_FOUND
 * Anything else is VAULT_ERR_BW_FAILED with bw's first line, after removing every secret we know.
 */
import { VaultError } from '../errors.js';
import type { VaultErrorCode } from '../errors.js';

const MESSAGE_CODES: readonly (readonly [RegExp, VaultErrorCode, string])[] = [
  [
    /^Cryptography error|Invalid master password/i,
    'VAULT_ERR_WRONG_PASSWORD',
    'wrong master password (bw could not decrypt the vault key)',
  ],
  [
    /^You are not logged in/i,
    'VAULT_ERR_BW_NOT_LOGGED_IN',
    'bw is not logged in on this data folder: run `bw config server <url>` (self-hosted) and `bw login` once',
  ],
  [/^Vault is locked/i, 'VAULT_ERR_LOCKED', 'bw says the vault is locked; unlock again'],
  [/^Not found/i, 'VAULT_ERR_NOT_FOUND', 'bw has no item with that id'],
];

const MAX_DETAIL = 200;

/** bw's message made safe to show: first line, known secrets removed, length capped. */
export function safeDetail(text: string, secrets: readonly string[]): string {
  let line = (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
  for (const secret of secrets) {
    if (secret !== '') line = line.split(secret).join('[redacted]');
  }
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL)}…` : line;
}

/** The VaultError for a failed `bw <command>` whose message (or stderr) is `message`. */
export function errorFromBw(command: string, message: string, secrets: readonly string[]) {
  const detail = safeDetail(message, secrets);
  for (const [pattern, code, meaning] of MESSAGE_CODES) {
    if (pattern.test(detail)) return new VaultError(code, `bw ${command}: ${meaning}`);
  }
  return new VaultError('VAULT_ERR_BW_FAILED', `bw ${command} failed: ${detail || 'no message'}`);
}
