/**
 * What may go into an audit line. Only primitives: a SecureCredential, a Buffer or any object is
 * refused outright, so a credential cannot reach the log by being passed where a field belongs.
 * Field names that say "this is a secret" (password, token, …) are refused too. A secret passed as
 * a plain string under an innocent name cannot be recognised; callers log ids, names, hosts and
 * codes only (docs/audit.md).
 */
import { AuditError } from './errors.js';
import { EVENT_NAME_PATTERN } from './events.js';

export type AuditFieldValue = string | number | boolean | null;
export type AuditFields = Readonly<Record<string, AuditFieldValue>>;

/** Names the line itself uses; a field may not shadow them. */
export const RESERVED_NAMES = new Set(['seq', 'time', 'event', 'prev', 'tag']);
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const SECRET_NAME = /passw|passphrase|^pw$|pwd|secret|token|privatekey|apikey|sessionkey|otp$/i;
const MAX_FIELDS = 32;
const MAX_STRING = 1024;

export function checkEventName(event: unknown): string {
  if (typeof event !== 'string' || event.length > 64 || !EVENT_NAME_PATTERN.test(event)) {
    throw new AuditError(
      'AUDIT_ERR_EVENT',
      'an event name is dotted lowercase words, e.g. "credential.request"',
    );
  }
  return event;
}

function checkValue(name: string, value: unknown): AuditFieldValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new AuditError('AUDIT_ERR_FIELD', `field "${name}" is not a finite number`);
    }
    return value;
  }
  if (typeof value === 'string') {
    if (value.length > MAX_STRING) {
      throw new AuditError('AUDIT_ERR_FIELD', `field "${name}" is longer than ${MAX_STRING}`);
    }
    return value;
  }
  const what = typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
  throw new AuditError(
    'AUDIT_ERR_FIELD',
    `field "${name}" is a ${what}; only strings, numbers, booleans and null are logged`,
  );
}

/** Validated fields with names sorted, so the same fields always give the same line. */
export function checkFields(fields: unknown): [string, AuditFieldValue][] {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new AuditError('AUDIT_ERR_FIELD', 'fields must be a plain object');
  }
  const entries = Object.entries(fields);
  if (entries.length > MAX_FIELDS) {
    throw new AuditError('AUDIT_ERR_FIELD', `more than ${MAX_FIELDS} fields`);
  }
  const out: [string, AuditFieldValue][] = [];
  for (const [name, value] of entries) {
    if (!FIELD_NAME.test(name) || RESERVED_NAMES.has(name)) {
      throw new AuditError(
        'AUDIT_ERR_FIELD',
        `"${name.slice(0, 64)}" is not an allowed field name`,
      );
    }
    if (SECRET_NAME.test(name.replace(/_/g, ''))) {
      throw new AuditError(
        'AUDIT_ERR_SECRET_FIELD',
        `field "${name}" looks like it holds a secret; secrets are never logged`,
      );
    }
    out.push([name, checkValue(name, value)]);
  }
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
