/**
 * What a bw session holds between lookup() and the human's pick: the credentials of the latest
 * lookup's matching logins, copied out of the `bw list items` answer (bw-items.ts) into
 * SecureCredentials, i.e. Buffers that can be zeroed.
 *
 * - take(id) hands the chosen one over (the caller owns it from then on) and wipes every other;
 * - wipe() (a new lookup, lock, idle, exit, signal) zeroes whatever is still held.
 * So at most one lookup's matches are held at a time, and none once a pick was made.
 */
import type { SecureCredential } from '../secure-credential.js';

/** What a test may see of a held candidate: its id and whether it was wiped, never a value. */
export interface CandidateProbe {
  readonly id: string;
  readonly wiped: boolean;
}

export class Candidates {
  readonly #held = new Map<string, SecureCredential>();

  has(id: string): boolean {
    return this.#held.has(id);
  }

  /** Holds `credential` for `id` (this object owns it now); one held earlier for `id` is wiped. */
  hold(id: string, credential: SecureCredential): void {
    this.#held.get(id)?.wipe();
    this.#held.set(id, credential);
  }

  /** The chosen credential, no longer held; every other candidate is wiped. Unknown id: undefined. */
  take(id: string): SecureCredential | undefined {
    const chosen = this.#held.get(id);
    if (chosen === undefined) return undefined;
    this.#held.delete(id);
    this.wipe();
    return chosen;
  }

  /** Zeroes and forgets every candidate still held. */
  wipe(): void {
    for (const credential of this.#held.values()) credential.wipe();
    this.#held.clear();
  }

  /** Live views of what is held now: `wiped` turns true when that credential is wiped later. */
  probes(): CandidateProbe[] {
    return [...this.#held].map(([id, credential]) => ({
      id,
      get wiped() {
        return credential.wiped;
      },
    }));
  }
}
