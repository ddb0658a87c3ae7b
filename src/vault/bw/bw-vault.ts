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
import type { Lockable, LockReason, LockSignal } from '../lifetime.js';
import { matchItem, normaliseHost } from '../matcher.js';
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

/** What a session needs from its vault: the folder's lock, and word when bw locked it for us. */
interface SessionHooks {
  /** Queues `bw lock`; settles with its error (or undefined) when that bw has exited. */
  queueLock(): Promise<Error | undefined>;
  /** bw said our key is dead (someone locked or replaced it): nothing of ours is left unlocked. */
  lockedElsewhere(): void;
}

const toError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

class BwVaultSession implements VaultSession {
  #key: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** The latest lookup()'s matches, as credentials: credential() accepts only these ids. */
  readonly #candidates = new Candidates();
  #lockDone: Promise<Error | undefined> = Promise.resolve(undefined);
  readonly #cli: BwCli;
  readonly #hooks: SessionHooks;
  readonly #options: BwVaultOptions;

  constructor(cli: BwCli, key: string, hooks: SessionHooks, options: BwVaultOptions) {
    this.#cli = cli;
    this.#key = key;
    this.#hooks = hooks;
    this.#options = options;
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
      if (
        error instanceof VaultError &&
        error.code === 'VAULT_ERR_LOCKED' &&
        this.forget('replaced')
      ) {
        this.#hooks.lockedElsewhere();
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
      const match = matchItem(login, host);
      if (match === undefined) continue; // dropped with `listed`: its secrets are never copied
      this.#candidates.hold(login.id, credential());
      matches.push(match);
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
    if (outcome !== undefined) throw outcome;
  }

  /** The key is forgotten at once; `bw lock` is queued behind any running bw of the folder. */
  lockNow(reason: 'manual' | 'idle' | 'replaced'): void {
    if (!this.forget(reason)) return;
    this.#lockDone = this.#hooks.queueLock().then((error) => {
      if (error !== undefined && reason !== 'manual') this.#options.onLockError?.(error);
      return error;
    });
  }

  /**
   * Drops the key, wipes the candidates and tells onLock why; false when already locked. Runs no
   * bw: the caller decides how the folder gets locked (queued, or blocking at exit).
   */
  forget(reason: LockReason): boolean {
    if (this.#key === undefined) return false;
    this.#key = undefined;
    this.#candidates.wipe();
    clearTimeout(this.#timer);
    this.#options.onLock?.(reason);
    return true;
  }

  /** For BwVault: the lock this session started (idle, replaced, manual) has finished. */
  settled(): Promise<Error | undefined> {
    return this.#lockDone;
  }
}

/** Unlock failures after which bw certainly holds no unlocked key (it never got that far). */
const NOT_UNLOCKED: ReadonlySet<string> = new Set([
  'VAULT_ERR_WRONG_PASSWORD',
  'VAULT_ERR_BW_NOT_LOGGED_IN',
  'VAULT_ERR_BW_MISSING',
]);

export class BwVault implements Vault {
  readonly kind = 'bw' as const;
  readonly label: string;
  /** The data folder bw uses (public: it is a path, not a secret). */
  readonly dataDir: string;
  readonly #cli: BwCli;
  readonly #options: BwVaultOptions;
  #session: BwVaultSession | undefined;
  /**
   * The unlocks we started that may have left the data folder unlocked (numbered in order), from
   * the moment their `bw unlock` is queued until a later `bw lock` of ours has exited. While any
   * is open, the process's exit and signal handlers (lifetime.ts) lock the folder — this covers a
   * signal during `bw unlock` and during the final `bw lock`, not only an idle unlocked session.
   */
  readonly #open = new Set<number>();
  #unlocks = 0;
  /** The latest `bw lock` we queued. */
  #lastLock: Promise<Error | undefined> | undefined;
  /** Set by the exit and signal locks: the process is ending, so nothing unlocks any more. */
  #ending = false;
  #unlockTail: Promise<void> = Promise.resolve();
  readonly #exposure: Lockable = {
    lockNow: (reason) => this.#lockAtExit(reason),
    lockOnSignal: (reason) => this.#lockOnSignal(reason),
  };

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
    if (password.includes('\0')) {
      // No environment variable can carry it, and no Bitwarden password holds one.
      throw new VaultError('VAULT_ERR_INPUT', 'the master password contains a NUL character');
    }
    // One unlock at a time: each replaces (and first locks) the session of the one before, so no
    // session is left holding a key that a later unlock made stale.
    const run = this.#unlockTail.then(() => this.#unlockAfterOthers(password));
    this.#unlockTail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async #unlockAfterOthers(password: string): Promise<VaultSession> {
    this.#refuseWhenEnding();
    // A second unlock replaces bw's session key anyway; lock the old session first (queued ahead).
    this.#session?.lockNow('replaced');
    const attempt = ++this.#unlocks;
    this.#open.add(attempt);
    trackUnlocked(this.#exposure);
    let key: string;
    try {
      key = await this.#cli.unlock(password);
    } catch (error) {
      if (error instanceof VaultError && NOT_UNLOCKED.has(error.code)) this.#close([attempt]);
      else void this.#queueLock(); // bw may have unlocked before it failed: do not leave it so
      throw error;
    }
    // A signal arrived while bw unlocked: its lock is queued behind this unlock; hand out nothing.
    this.#refuseWhenEnding();
    const session = new BwVaultSession(
      this.#cli,
      key,
      {
        queueLock: () => this.#queueLock(),
        lockedElsewhere: () => this.#close([attempt]),
      },
      this.#options,
    );
    this.#session = session;
    return session;
  }

  /**
   * Locks the current session, if any, and waits for `bw lock` (also for idle/replaced locks);
   * then, if an unlock of ours may still have left the folder unlocked (one that failed oddly),
   * locks again. Throws if bw could not lock.
   */
  async lock(): Promise<void> {
    const session = this.#session;
    let outcome: Error | undefined;
    if (session !== undefined && !session.locked) {
      session.lockNow('manual');
      outcome = await session.settled();
    } else if (this.#lastLock !== undefined) {
      outcome = await this.#lastLock;
    }
    // Still open (an unlock that failed oddly, or the lock above failed): try once more.
    if (this.#open.size > 0) outcome = await this.#queueLock();
    if (outcome !== undefined) throw outcome;
  }

  /** Queues `bw lock`; when it exits successfully, every unlock queued before it is covered. */
  #queueLock(): Promise<Error | undefined> {
    const covers = [...this.#open];
    const done = this.#cli.lock().then(
      () => {
        this.#close(covers);
        return undefined;
      },
      (error: unknown) => toError(error),
    );
    this.#lastLock = done;
    return done;
  }

  #close(attempts: readonly number[]): void {
    for (const attempt of attempts) this.#open.delete(attempt);
    if (this.#open.size === 0) untrack(this.#exposure);
  }

  #refuseWhenEnding(): void {
    if (this.#ending) {
      throw new VaultError('VAULT_ERR_LOCKED', 'the bw vault is locked: the process is ending');
    }
  }

  /** 'exit': nothing can be awaited. Stop the folder's running bw, then a blocking `bw lock`. */
  #lockAtExit(reason: LockReason): void {
    this.#ending = true;
    this.#session?.forget(reason);
    if (this.#open.size === 0) return;
    if (this.#cli.lockSync()) this.#open.clear();
  }

  /**
   * A signal: the running bw may finish (never two at once), then `bw lock`. If the application
   * handles the signal and lives on, the vault can be unlocked again afterwards.
   */
  async #lockOnSignal(reason: LockSignal): Promise<void> {
    this.#ending = true;
    this.#session?.forget(reason);
    if (this.#lastLock !== undefined) await this.#lastLock;
    if (this.#open.size > 0 && (await this.#queueLock()) !== undefined) this.#lockAtExit(reason);
    this.#ending = false;
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
