/**
 * Bitwarden's EncString type 2: "2." + b64(iv) + "|" + b64(ciphertext) + "|" + b64(mac), where the
 * ciphertext is AES-256-CBC (PKCS#7) under key[0:32] and the MAC is HMAC-SHA256 under key[32:64]
 * over iv ‖ ciphertext. The MAC is checked, in constant time, before anything is decrypted: CBC
 * without authentication would hand an attacker a padding oracle.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { VaultError } from './errors.js';

export const KEY_BYTES = 64;
const IV_BYTES = 16;
const MAC_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface EncString {
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly mac: Buffer;
}

function decodeBase64(part: string, what: string): Buffer {
  if (!BASE64.test(part) || part.length % 4 !== 0) {
    throw new VaultError('VAULT_ERR_BAD_EXPORT', `${what}: the ${'base64'} part is malformed`);
  }
  return Buffer.from(part, 'base64');
}

/** Parses without decrypting; `what` names the field in errors (never its content). */
export function parseEncString(text: unknown, what: string): EncString {
  if (typeof text !== 'string') {
    throw new VaultError('VAULT_ERR_BAD_EXPORT', `${what} is not an encrypted string`);
  }
  const dot = text.indexOf('.');
  const type = dot > 0 ? text.slice(0, dot) : '';
  if (!/^\d+$/.test(type)) {
    throw new VaultError('VAULT_ERR_BAD_EXPORT', `${what} is not an encrypted string`);
  }
  if (type !== '2') {
    throw new VaultError(
      'VAULT_ERR_UNSUPPORTED',
      `${what} uses encryption type ${type}; only type 2 (AES-256-CBC + HMAC-SHA256) is supported`,
    );
  }
  const parts = text.slice(dot + 1).split('|');
  if (parts.length !== 3) {
    throw new VaultError('VAULT_ERR_BAD_EXPORT', `${what} does not have the form 2.iv|data|mac`);
  }
  const [iv, ciphertext, mac] = parts.map((p, i) => decodeBase64(p, `${what} part ${i + 1}`)) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  if (iv.length !== IV_BYTES || mac.length !== MAC_BYTES) {
    throw new VaultError('VAULT_ERR_BAD_EXPORT', `${what} has a wrong IV or MAC length`);
  }
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
    throw new VaultError(
      'VAULT_ERR_BAD_EXPORT',
      `${what} has a ciphertext that is not whole blocks`,
    );
  }
  return { iv, ciphertext, mac };
}

export function formatEncString(enc: EncString): string {
  return `2.${enc.iv.toString('base64')}|${enc.ciphertext.toString('base64')}|${enc.mac.toString('base64')}`;
}

function macOf(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Buffer {
  return createHmac('sha256', key.subarray(32, 64)).update(iv).update(ciphertext).digest();
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new Error(`internal: a ${KEY_BYTES}-byte key is required`);
}

export function encryptBytes(key: Uint8Array, plaintext: Uint8Array): EncString {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-cbc', key.subarray(0, 32), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, mac: macOf(key, iv, ciphertext) };
}

/** True when the MAC verifies; compared in constant time. */
export function macVerifies(key: Uint8Array, enc: EncString): boolean {
  checkKey(key);
  return timingSafeEqual(macOf(key, enc.iv, enc.ciphertext), enc.mac);
}

/**
 * Decrypts into a fresh Buffer the caller owns (and should zero). Returns undefined when the MAC
 * does not verify, so each caller can say what that means (wrong password vs. tampered field).
 */
export function decryptBytes(key: Uint8Array, enc: EncString): Buffer | undefined {
  if (!macVerifies(key, enc)) return undefined;
  const decipher = createDecipheriv('aes-256-cbc', key.subarray(0, 32), enc.iv);
  const parts = [decipher.update(enc.ciphertext)];
  try {
    parts.push(decipher.final());
  } catch {
    // The MAC verified, so only someone holding the key could produce bad padding.
    for (const p of parts) p.fill(0);
    return undefined;
  }
  const out = Buffer.concat(parts);
  for (const p of parts) p.fill(0);
  return out;
}
