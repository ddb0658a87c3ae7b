/**
 * The real Bitwarden CLI as a vault backend (`--vault bw`). The user logs in once with their own
 * `bw` (`bw config server …`, `bw login`); this backend only unlocks, lists and locks.
 *
 * A request, and the `bw` processes it costs (each one 1.5–4 s on a 2-core machine):
 *   first request of a session:  unlock → list items --url → (human picks) → credential in hand
 *   within the unlocked window:            list items --url → (human picks) → credential in hand
 * `bw lock` runs when the window closes (idle), on lock(), on exit/SIGINT/SIGTERM — never between
 * "approve" and "credential in hand".
 *
 * Why no `bw get item <id>` after the pick: `bw list items` cannot list without secrets — it
 * prints every listed item decrypted, and JSON.parse of that answer has already made the
 * passwords and custom fields JavaScript strings in this process (bw-items.ts). A second process
 * would re-print the chosen item for 3–4 s and hide nothing. So lookup() keeps, of that one answer,
 * only the items our matcher accepts, copied into SecureCredentials (Buffers we can zero) held
 * privately by the session (candidates.ts); the rest is dropped at once. credential(id) hands over
 * the chosen one and wipes the other candidates; a new lookup(), lock() (also idle, exit, signal)
 * wipes any still held. That is no more exposure than before: the same strings existed either way,
 * and what outlives lookup() is only the matches, as wipeable Buffers, until the pick.
 *
 * The session key lives only in this object (and in the environment of the bw children it
 * starts); it is never put on argv, printed or logged. Locking forgets it first, then runs
 * `bw lock`, which deletes the session-encrypted user key from the data folder.
 */
import { VaultError } from '../errors.js';
import { DEFAULT_IDLE_LOCK_MS, trackUnlocked, untrack } from '../lifetime.js';
import type { Lockable, LockReason } from '../lifetime.js';
import { matchItemUris, normaliseHost } from '../matcher.js';
import type { SecureCredential } from '../secure-credential.js';
import type { Vault, VaultMatch, VaultSession } from '../types.js';
import { BwCli } from './bw-cli.js';
import { Candidates } from './candidates.js';
import type { CandidateProbe } from './candidates.js';
import { resolveBwPath, resolveDataDir } from './locate-bw.js';

export interface BwVaultOptions {
  /** `--bw-path`: this executable and no other. Default: `bw` on PATH, then node_modules/.bin. */
  readonly bwPath?: string;
  /** Bitwarden data folder. Default: bw's own (the user's normal folder, where `bw login` wrote). */
  readonly appDataDir?: string;
  /** CA file(s) bw should trust, for a self-hosted server with a private CA (NODE_EXTRA_CA_CERTS). */
  readonly extraCaCerts?: string;
  /** Lock after this long without lookup()/credential(). Default 5 minutes, as the embedded vault. */
  readonly idleLockMs?: number;
  /** Longest one bw process may run before it is killed. Default 60 s (a loaded machine is slow). */
  readonly callTimeoutMs?: number;
  /** Told every time a session locks, with why. */
  readonly onLock?: (reason: LockReason) => void;
  /** Told when `bw lock` itself failed after an idle lock (nothing else would hear of it). */
  readonly onLockError?: (error: unknown) => void;
}

export const DEFAULT_BW_CALL_TIMEOUT_MS = 60_000;

const SIGNAL_REASONS: ReadonlySet<LockReason> = new Set(['exit', 'SIGINT', 'SIGTERM']);

class BwVaultSession implements VaultSession, Lockable {
  #key: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** The latest lookup()'s matches, as credentials: credential() accepts only these ids. */
  readonly #candidates = new Candidates();
  #lockDone: Promise<unknown> = Promise.resolve();
  readonly #cli: BwCli;
  readonly #options: BwVaultOptions;

  constructor(cli: BwCli, key: string, options: BwVaultOptions) {
    this.#cli = cli;
    this.#key = key;
    this.#options = options;
    trackUnlocked(this);
    this.#touch();
  }

  get locked(): boolean {
    return this.#key === undefined;
  }

  /** Restarts the idle window; unref'd so an unlocked vault never keeps the process alive. */
  #touch(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () => this.lockNow('idle'),
      this.#options.idleLockMs ?? DEFAULT_IDLE_LOCK_MS,
    );
    this.#timer.unref();
  }

  #open(): string {
    if (this.#key === undefined) {
      throw new VaultError('VAULT_ERR_LOCKED', 'the bw vault is locked; unlock it again');
    }
    this.#touch();
    return this.#key;
  }

  /** bw answered "Vault is locked.": our key is dead (a `bw lock` or another unlock elsewhere). */
  async #guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      // Not `bw lock`: if another unlock replaced our key, locking would end someone else's session.
      if (error instanceof VaultError && error.code === 'VAULT_ERR_LOCKED' && this.#forget()) {
        this.#options.onLock?.('replaced');
      }
      throw error;
    }
  }

  async lookup(host: string): Promise<VaultMatch[]> {
    const key = this.#open();
    this.#candidates.wipe(); // a new lookup ends the previous one's choice, even if this one fails
    const normal = normaliseHost(host);
    if (normal === undefined) return []; // never hand bw an argument we would not match anyway
    // bw's --url filter follows each item's own match setting (base domain by default), which is
    // not our rule: it only narrows the list, and the shared matcher decides.
    const listed = await this.#guard(() => this.#cli.listLogins(`https://${normal}`, key));
    if (this.#key !== key) {
      throw new VaultError('VAULT_ERR_LOCKED', 'the bw vault was locked during the lookup');
    }
    this.#candidates.wipe(); // another lookup's matches, if it finished while this one waited
    const matches: VaultMatch[] = [];
    for (const { login, credential } of listed) {
      const match = matchItemUris(login.uris, host);
      if (match === undefined) continue; // dropped with `listed`: its secrets are never copied
      this.#candidates.hold(login.id, credential());
      const item = { id: login.id, name: login.name, username: login.username, uri: match.uri };
      matches.push({ item, reason: match.reason });
    }
    return matches;
  }

  /** The chosen candidate of the latest lookup(); no bw process runs. The others are wiped. */
  async credential(itemId: string): Promise<SecureCredential> {
    this.#open();
    const chosen = this.#candidates.take(itemId);
    if (chosen === undefined) {
      throw new VaultError(
        'VAULT_ERR_NOT_FOUND',
        `no login "${itemId}" is offered: it was not a match of the latest lookup(), or one was already chosen`,
      );
    }
    return chosen;
  }

  /** For candidateProbes(): what this session holds, without a value. */
  static probes(session: BwVaultSession): CandidateProbe[] {
    return session.#candidates.probes();
  }

  /** Locks and waits for `bw lock` to finish; throws if bw could not lock. */
  async lock(): Promise<void> {
    this.lockNow('manual');
    const outcome = await this.#lockDone;
    if (outcome instanceof Error) throw outcome;
  }

  /** Synchronous part first (the key is forgotten at once), then `bw lock`. */
  lockNow(reason: LockReason): void {
    if (!this.#forget()) return;
    if (SIGNAL_REASONS.has(reason)) {
      // Exit and signal handlers cannot wait for a promise: block on `bw lock` instead.
      this.#cli.lockSync();
    } else {
      this.#lockDone = this.#cli.lock().then(
        () => undefined,
        (error: unknown) => {
          if (reason !== 'manual') this.#options.onLockError?.(error);
          return error instanceof Error ? error : new Error(String(error));
        },
      );
    }
    this.#options.onLock?.(reason);
  }

  /** Drops the key and wipes the candidates; false when already locked. */
  #forget(): boolean {
    if (this.#key === undefined) return false;
    this.#key = undefined;
    this.#candidates.wipe();
    clearTimeout(this.#timer);
    untrack(this);
    return true;
  }

  /** For BwVault: a lock started by lockNow() (idle, replaced) has finished. */
  settled(): Promise<unknown> {
    return this.#lockDone;
  }
}

export class BwVault implements Vault {
  readonly kind = 'bw' as const;
  readonly label: string;
  /** The data folder bw uses (public: it is a path, not a secret). */
  readonly dataDir: string;
  readonly #cli: BwCli;
  readonly #options: BwVaultOptions;
  #session: BwVaultSession | undefined;

  /** Resolves the bw executable now (throws VAULT_ERR_BW_MISSING); runs no bw yet. */
  constructor(options: BwVaultOptions = {}) {
    for (const [name, value] of [
      ['idleLockMs', options.idleLockMs],
      ['callTimeoutMs', options.callTimeoutMs],
    ] as const) {
      if (value !== undefined && (!Number.isFinite(value) || value <= 0)) {
        throw new VaultError('VAULT_ERR_INPUT', `${name} must be a positive number of ms`);
      }
    }
    const bwPath = resolveBwPath(options.bwPath);
    this.dataDir = resolveDataDir(options.appDataDir, process.env);
    const env: Record<string, string> = {};
    if (options.extraCaCerts !== undefined) env.NODE_EXTRA_CA_CERTS = options.extraCaCerts;
    this.#cli = new BwCli(
      {
        bwPath,
        appDataDir: options.appDataDir,
        env,
        timeoutMs: options.callTimeoutMs ?? DEFAULT_BW_CALL_TIMEOUT_MS,
      },
      this.dataDir,
    );
    this.#options = options;
    this.label = `Bitwarden CLI ${bwPath} (data folder ${this.dataDir})`;
  }

  get bwPath(): string {
    return this.#cli.target.bwPath;
  }

  current(): VaultSession | undefined {
    const session = this.#session;
    return session !== undefined && !session.locked ? session : undefined;
  }

  /**
   * Optional pre-flight, off the request path (e.g. at CLI start, beside other setup): fails early
   * with VAULT_ERR_BW_NOT_LOGGED_IN instead of after the human approved.
   */
  async checkLoggedIn(): Promise<void> {
    if ((await this.#cli.status()) === 'unauthenticated') {
      throw new VaultError(
        'VAULT_ERR_BW_NOT_LOGGED_IN',
        `bw is not logged in on ${this.dataDir}: run \`bw config server <url>\` (self-hosted) and \`bw login\``,
      );
    }
  }

  async unlock(password: string): Promise<VaultSession> {
    if (typeof password !== 'string') {
      throw new VaultError('VAULT_ERR_INPUT', 'the master password must be a string');
    }
    if (password === '') {
      // bw would answer "Master password is required"; for the person typing it is simply wrong.
      throw new VaultError('VAULT_ERR_WRONG_PASSWORD', 'the master password is empty');
    }
    // A second unlock replaces bw's session key anyway; lock the old session first (queued ahead).
    this.#session?.lockNow('replaced');
    const key = await this.#cli.unlock(password);
    this.#session = new BwVaultSession(this.#cli, key, this.#options);
    return this.#session;
  }

  /** Locks the current session, if any, and waits for `bw lock` (also for idle/replaced locks). */
  async lock(): Promise<void> {
    const session = this.#session;
    if (session === undefined) return;
    if (!session.locked) await session.lock();
    else {
      const outcome = await session.settled();
      if (outcome instanceof Error) throw outcome;
    }
  }
}

/**
 * For tests: the candidates a bw session holds right now, as live (id, wiped) views — never a
 * value. Throws for a session of another backend.
 */
export function candidateProbes(session: VaultSession): readonly CandidateProbe[] {
  if (!(session instanceof BwVaultSession)) {
    throw new VaultError('VAULT_ERR_INPUT', 'not a session of the bw backend');
  }
  return BwVaultSession.probes(session);
}
