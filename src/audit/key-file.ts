/**
 * The audit log's HMAC key: 32 random bytes as hex in its own file, mode 0600, created on first
 * use. It lives apart from the log so a copy of the log alone cannot be re-chained after an edit.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs';
import { AuditError } from './errors.js';

const KEY_TEXT = /^([0-9a-f]{64})\n?$/;

const exists = (path: string) => {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
};

/** Reads an existing key; refuses one that others can read or that is malformed. */
export function readKeyFile(keyFile: string): Buffer {
  let mode: number;
  try {
    mode = statSync(keyFile).mode;
  } catch {
    throw new AuditError('AUDIT_ERR_KEY_MISSING', `no key file at ${keyFile}`);
  }
  if ((mode & 0o077) !== 0) {
    throw new AuditError(
      'AUDIT_ERR_KEY_PERMISSIONS',
      `key file ${keyFile} is readable by others (mode ${(mode & 0o777).toString(8)}); ` +
        'run chmod 600 on it',
    );
  }
  const match = KEY_TEXT.exec(readFileSync(keyFile, 'utf8'));
  if (match === null) {
    throw new AuditError('AUDIT_ERR_KEY', `key file ${keyFile} does not hold a 64-hex-digit key`);
  }
  return Buffer.from(match[1] as string, 'hex');
}

/**
 * The key for `logFile`: read it, or create it when neither exists yet. A log that exists without
 * its key is refused: a new key could never verify the old lines.
 */
export function loadOrCreateKey(keyFile: string, logFile: string): Buffer {
  if (exists(keyFile)) return readKeyFile(keyFile);
  if (exists(logFile) && statSync(logFile).size > 0) {
    throw new AuditError(
      'AUDIT_ERR_KEY_MISSING',
      `the log ${logFile} exists but its key file ${keyFile} does not; restore the key or move ` +
        'the log aside',
    );
  }
  const key = randomBytes(32);
  // 'wx': fail rather than overwrite if another process created it in the meantime.
  const fd = openSync(keyFile, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600); // the umask can only narrow the mode, but be explicit
    writeSync(fd, `${key.toString('hex')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return key;
}
