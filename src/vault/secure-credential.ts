/**
 * One decrypted login, held in Buffers this object owns so it can be overwritten on wipe().
 * Printing it in any way (String(), `${}`, util.inspect, console.log, JSON.stringify) shows
 * `[redacted]`; the values are reachable only inside use().
 *
 * Limit, stated plainly: use() must hand its callback JavaScript strings (that is what a browser
 * fill or an HTTP body takes). Strings are immutable and garbage-collected, so those copies cannot
 * be wiped; they live until the engine reuses their memory. Keep the callback short and do not
 * store what it receives.
 */
import { inspect } from 'node:util';
import { VaultError } from './errors.js';

/** What use() passes to its callback. `extra` holds the item's custom fields, e.g. lastName. */
export interface CredentialFields {
  readonly username: string;
  readonly password: string;
  readonly extra: Readonly<Record<string, string>>;
}

/** Plain input for the constructor; Buffers are copied, so the caller may wipe its own. */
export interface CredentialParts {
  readonly username: string | Uint8Array;
  readonly password: string | Uint8Array;
  readonly extra?: Readonly<Record<string, string | Uint8Array>>;
}

const REDACTED = '[redacted]';

/** A Buffer we own: Buffer.alloc never hands out a slice of Node's shared pool. */
function ownCopy(value: string | Uint8Array): Buffer {
  const source = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const copy = Buffer.alloc(source.length);
  copy.set(source);
  return copy;
}

export class SecureCredential {
  readonly #username: Buffer;
  readonly #password: Buffer;
  readonly #extra: ReadonlyMap<string, Buffer>;
  #wiped = false;

  constructor(parts: CredentialParts) {
    this.#username = ownCopy(parts.username);
    this.#password = ownCopy(parts.password);
    const extra = new Map<string, Buffer>();
    for (const [name, value] of Object.entries(parts.extra ?? {})) {
      if (name === '') continue;
      extra.set(name, ownCopy(value));
    }
    this.#extra = extra;
  }

  /** Public: the names of the fields this credential has (never their values). */
  get fieldNames(): readonly string[] {
    return ['username', 'password', ...this.#extra.keys()];
  }

  /** Public: the custom field names only, e.g. ['lastName']. */
  get extraFieldNames(): readonly string[] {
    return [...this.#extra.keys()];
  }

  get wiped(): boolean {
    return this.#wiped;
  }

  /**
   * Runs `fn` with the values as strings and returns its result. The strings handed over cannot
   * be wiped (see the file comment); the Buffers behind them can, with wipe().
   */
  use<T>(fn: (fields: CredentialFields) => T): T {
    if (this.#wiped) {
      throw new VaultError(
        'VAULT_ERR_WIPED',
        'this credential was wiped and can no longer be used',
      );
    }
    const extra: Record<string, string> = {};
    for (const [name, value] of this.#extra) extra[name] = value.toString('utf8');
    return fn(
      Object.freeze({
        username: this.#username.toString('utf8'),
        password: this.#password.toString('utf8'),
        extra: Object.freeze(extra),
      }),
    );
  }

  /** Overwrites every value with zeros; later use() throws VAULT_ERR_WIPED. Idempotent. */
  wipe(): void {
    this.#username.fill(0);
    this.#password.fill(0);
    for (const value of this.#extra.values()) value.fill(0);
    this.#wiped = true;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `SecureCredential ${REDACTED} { fields: ${this.fieldNames.join(', ')} }`;
  }
}
