/**
 * The `bw` commands this backend uses, each one process, all serialised per data folder. No call
 * here syncs: `bw unlock` and `bw list` work from the local copy (and with the server down), so a
 * `bw sync` would only add seconds to every request; new items arrive when the user's own `bw` syncs.
 *
 * There is no `bw get item`: `bw list items` already prints every listed item decrypted, so the
 * chosen item's credential is taken from that answer (see bw-items.ts and bw-vault.ts).
 */
import { VaultError } from '../errors.js';
import { loginsFromList } from './bw-items.js';
import type { BwListEntry } from './bw-items.js';
import { PASSWORD_VAR, parseResponse, runBwLockSync, startBw } from './bw-process.js';
import type { BwRun, BwTarget } from './bw-process.js';
import { serialise } from './serial-queue.js';

/**
 * The commands whose answer we take as soon as bw has printed it, ~2 s before bw exits (see
 * startBw). Measured (docs/vault-bw.md#speed): `unlock` and `list` write data.json only BEFORE
 * they answer, and `status` only reads. `lock` writes data.json AFTER its answer, so a lock is
 * over only when bw has exited. Whatever the command, the next bw of the folder still waits for
 * the exit (serial-queue.ts): processes never overlap.
 */
const ANSWER_BEFORE_EXIT: ReadonlySet<string> = new Set(['status', 'unlock', 'list']);

/** The `bw` running right now in each data folder (the queue lets at most one run). */
const running = new Map<string, BwRun>();

/** 64 random bytes in base64: what every `bw unlock` of 2026.x returns as the session key. */
const SESSION_KEY = /^[A-Za-z0-9+/]{86}==$/;

export type BwStatus = 'unauthenticated' | 'locked' | 'unlocked';

export class BwCli {
  readonly target: BwTarget;
  /** The queue key: the data folder bw will use. */
  readonly #queueKey: string;

  constructor(target: BwTarget, dataDir: string) {
    this.target = target;
    this.#queueKey = dataDir;
  }

  async #call(args: readonly string[], secrets: { session?: string; password?: string } = {}) {
    const known = [secrets.session ?? '', secrets.password ?? ''];
    const command = args[0] ?? '';
    const key = this.#queueKey;
    const result = await serialise(key, () => {
      const run = startBw(this.target, args, secrets, ANSWER_BEFORE_EXIT.has(command));
      running.set(key, run);
      void run.exited.then(() => {
        if (running.get(key) === run) running.delete(key);
      });
      return { result: run.answer, done: run.exited };
    });
    try {
      return parseResponse(command, result, known);
    } finally {
      result.stdout.fill(0);
    }
  }

  /** `bw status` (without a session it says "locked" for any logged-in account). */
  async status(): Promise<BwStatus> {
    const data = (await this.#call(['status'])).data as { template?: { status?: unknown } };
    const status = data?.template?.status;
    if (status === 'unauthenticated' || status === 'locked' || status === 'unlocked') return status;
    throw new VaultError('VAULT_ERR_BW_FAILED', 'bw status answered without a status');
  }

  /** `bw unlock --passwordenv`: the master password only ever in the child's environment. */
  async unlock(password: string): Promise<string> {
    const response = await this.#call(['unlock', '--passwordenv', PASSWORD_VAR], { password });
    const key = (response.data as { raw?: unknown } | undefined)?.raw;
    if (typeof key !== 'string' || !SESSION_KEY.test(key)) {
      // bw may have unlocked anyway: BwVault queues a `bw lock` after any unlock failure that
      // does not prove the folder stayed locked (this one included).
      throw new VaultError(
        'VAULT_ERR_BW_FAILED',
        'bw unlock succeeded without a session key of the expected form',
      );
    }
    return key;
  }

  /**
   * Login items bw considers a match for `url`, decrypted; our matcher has the last word and
   * decides whose secrets are kept (see bw-vault.ts).
   */
  async listLogins(url: string, session: string): Promise<BwListEntry[]> {
    const response = await this.#call(['list', 'items', '--url', url], { session });
    return loginsFromList(response.data);
  }

  async lock(): Promise<void> {
    await this.#call(['lock']);
  }

  /**
   * Blocking lock for when nothing can be awaited (the 'exit' event, a repeated signal; see
   * lifetime.ts). The folder's running `bw`, if any, is killed first so that the two never
   * overlap: an unlock still under way would otherwise write its key after our lock. SIGKILL takes
   * effect at once, well before the new `bw` has started (~0.5 s of Node start-up) — we cannot
   * wait for the exit itself here. Killing a `bw` is what a Ctrl-C at its own terminal does too.
   */
  lockSync(): boolean {
    running.get(this.#queueKey)?.kill('SIGKILL');
    return runBwLockSync(this.target);
  }
}
