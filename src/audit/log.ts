/**
 * The append-only audit log: one JSON line per event, hash-chained with an HMAC (chain.ts), each
 * append fsync'd before record() resolves, so an event that was reported as logged survives a
 * crash. One writer per file at a time (two processes appending would fork the chain).
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { lineBody, tagOf, verifyChain, withTag } from './chain.js';
import { AuditError } from './errors.js';
import type { AuditEventName } from './events.js';
import { checkEventName, checkFields } from './fields.js';
import type { AuditFields } from './fields.js';
import { loadOrCreateKey } from './key-file.js';

export interface AuditLogOptions {
  /** The log file (created with mode 0600 if missing). */
  readonly file: string;
  /** The HMAC key file (created with mode 0600 on first use). */
  readonly keyFile: string;
}

/** Where the chain stands after an append: keep `tag` elsewhere to detect later truncation. */
export interface AuditAnchor {
  readonly seq: number;
  readonly tag: string;
}

export class AuditLog {
  readonly file: string;
  readonly #key: Buffer;
  #fd: number | undefined;
  #seq: number;
  #prev: string;

  private constructor(file: string, key: Buffer, fd: number, seq: number, prev: string) {
    this.file = file;
    this.#key = key;
    this.#fd = fd;
    this.#seq = seq;
    this.#prev = prev;
  }

  /** Opens (or creates) the log; an existing log must verify with the key before we append. */
  static async open(options: AuditLogOptions): Promise<AuditLog> {
    const key = loadOrCreateKey(options.keyFile, options.file);
    const text = existsSync(options.file) ? readFileSync(options.file, 'utf8') : '';
    const chain = verifyChain(text, key);
    if (!chain.ok) {
      key.fill(0);
      throw new AuditError(
        'AUDIT_ERR_CHAIN',
        `${options.file} line ${chain.line}: ${chain.problem}; refusing to append. Inspect it ` +
          'with `npm run audit-log -- verify`, then move it aside to start a new log',
      );
    }
    const fd = openSync(options.file, 'a', 0o600);
    return new AuditLog(options.file, key, fd, chain.lines, chain.lastTag);
  }

  /** The latest line's seq and tag (seq 0 and the genesis tag for an empty log). */
  get anchor(): AuditAnchor {
    return { seq: this.#seq, tag: this.#prev };
  }

  /**
   * Appends one event and fsyncs it. Fields are primitives only (fields.ts says why); the returned
   * anchor is the new line's seq and tag.
   */
  async record(event: AuditEventName, fields: AuditFields = {}): Promise<AuditAnchor> {
    if (this.#fd === undefined) throw new AuditError('AUDIT_ERR_CLOSED', 'the audit log is closed');
    const name = checkEventName(event);
    const checked = checkFields(fields);
    const seq = this.#seq + 1;
    const body = lineBody(seq, new Date().toISOString(), name, checked, this.#prev);
    const tag = tagOf(this.#key, this.#prev, body);
    try {
      writeSync(this.#fd, `${withTag(body, tag)}\n`);
      fsyncSync(this.#fd);
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? 'write failed';
      throw new AuditError('AUDIT_ERR_IO', `cannot append to ${this.file} (${why})`);
    }
    this.#seq = seq;
    this.#prev = tag;
    return { seq, tag };
  }

  async close(): Promise<void> {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
    this.#key.fill(0);
  }
}
