/**
 * The embedded vault backend: a password-protected Bitwarden export file on disk, opened in this
 * process. unlock() derives the file key, indexes the login items and seals their secrets under a
 * per-unlock key (export-reader.ts); the session then locks itself after an idle window, on
 * process exit, on SIGINT/SIGTERM (lifetime.ts), or when lock() is called. Locking zeroes the
 * session key.
 */
import { readFile } from 'node:fs/promises';
import { VaultError } from './errors.js';
import { parseExportEnvelope } from './export-envelope.js';
import { unlockExport } from './export-reader.js';
import type { UnlockedExport } from './export-reader.js';
import { DEFAULT_IDLE_LOCK_MS, trackUnlocked, untrack } from './lifetime.js';
import type { Lockable, LockReason } from './lifetime.js';
import { matchItem } from './matcher.js';
import type { SecureCredential } from './secure-credential.js';
import type { Vault, VaultMatch, VaultSession } from './types.js';

export interface EmbeddedVaultOptions {
  /** Lock after this long without lookup()/credential(). Default 5 minutes. */
  readonly idleLockMs?: number;
  /** Told every time a session locks, with why (e.g. to print "vault locked (idle)"). */
  readonly onLock?: (reason: LockReason) => void;
}

class EmbeddedVaultSession implements VaultSession, Lockable {
  #contents: UnlockedExport | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #idleLockMs: number;
  readonly #onLock: ((reason: LockReason) => void) | undefined;

  constructor(contents: UnlockedExport, options: EmbeddedVaultOptions) {
    this.#contents = contents;
    this.#idleLockMs = options.idleLockMs ?? DEFAULT_IDLE_LOCK_MS;
    this.#onLock = options.onLock;
    trackUnlocked(this);
    this.#touch();
  }

  get locked(): boolean {
    return this.#contents === undefined;
  }

  /** Restarts the idle window; unref'd so an unlocked vault never keeps the process alive. */
  #touch(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.lockNow('idle'), this.#idleLockMs);
    this.#timer.unref();
  }

  #open(): UnlockedExport {
    if (this.#contents === undefined) {
      throw new VaultError('VAULT_ERR_LOCKED', 'the vault is locked; unlock it again');
    }
    this.#touch();
    return this.#contents;
  }

  async lookup(host: string): Promise<VaultMatch[]> {
    return this.#open().items.flatMap((item) => matchItem(item, host) ?? []);
  }

  async credential(itemId: string): Promise<SecureCredential> {
    return this.#open().credential(itemId);
  }

  async lock(): Promise<void> {
    this.lockNow('manual');
  }

  lockNow(reason: LockReason): void {
    const contents = this.#contents;
    if (contents === undefined) return;
    this.#contents = undefined;
    contents.close();
    clearTimeout(this.#timer);
    untrack(this);
    this.#onLock?.(reason);
  }
}

export class EmbeddedVault implements Vault {
  readonly kind = 'embedded' as const;
  readonly label: string;
  readonly #file: string;
  readonly #options: EmbeddedVaultOptions;
  #session: EmbeddedVaultSession | undefined;

  constructor(file: string, options: EmbeddedVaultOptions = {}) {
    const idle = options.idleLockMs;
    if (idle !== undefined && (!Number.isFinite(idle) || idle <= 0)) {
      throw new VaultError('VAULT_ERR_INPUT', 'idleLockMs must be a positive number of ms');
    }
    this.#file = file;
    this.label = file;
    this.#options = options;
  }

  current(): VaultSession | undefined {
    const session = this.#session;
    return session !== undefined && !session.locked ? session : undefined;
  }

  async lock(): Promise<void> {
    this.#session?.lockNow('manual');
  }

  /** Reads the file afresh each time (it may have been re-exported since). */
  async unlock(password: string): Promise<VaultSession> {
    if (typeof password !== 'string') {
      throw new VaultError('VAULT_ERR_INPUT', 'the password must be a string');
    }
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new VaultError('VAULT_ERR_FILE', `cannot read the vault file ${this.#file} (${why})`);
    }
    const contents = await unlockExport(parseExportEnvelope(text), password);
    this.#session?.lockNow('replaced');
    this.#session = new EmbeddedVaultSession(contents, this.#options);
    return this.#session;
  }
}
