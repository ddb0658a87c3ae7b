/** Secret scalars x and y (RFC 9382 §3.3) and the randomness they come from. */
import { randomBytes } from 'node:crypto';
import { bytesToNumberBE } from './bytes.js';
import { Spake2Error } from './errors.js';
import type { Group } from './group/index.js';

/** A source of uniformly random bytes. Passed in, so tests and lessons can replay vectors. */
export type RandomBytes = (length: number) => Uint8Array;

export const systemRandom: RandomBytes = (length) => new Uint8Array(randomBytes(length));

/**
 * A uniform scalar in [1, p) by rejection sampling, as RFC 9382 §7 recommends: draw len(p) bytes,
 * mask to the bit length of p, retry on 0 or ≥ p. (The RFC allows 0; noble's constant-time
 * multiply refuses it, and x = 0 would reveal w·M — so we draw from [1, p).)
 */
export function randomScalar(group: Group, random: RandomBytes = systemRandom): bigint {
  const bits = group.p.toString(2).length;
  const mask = (1n << BigInt(bits)) - 1n;
  for (let i = 0; i < 256; i++) {
    const k = bytesToNumberBE(random(group.scalarLength)) & mask;
    if (k >= 1n && k < group.p) return k;
  }
  // Each draw succeeds with probability > 1/2; 256 failures means the source is broken.
  throw new Spake2Error('SPAKE2_ERR_INPUT', 'the random source never produced a scalar in [1, p)');
}

/** An injected scalar (from a test vector or a lesson) must lie in [1, p). */
export function checkScalar(group: Group, k: bigint, what: string): bigint {
  if (k < 1n || k >= group.p) {
    throw new Spake2Error('SPAKE2_ERR_INPUT', `${what} must lie in [1, p) for ${group.name}`);
  }
  return k;
}
