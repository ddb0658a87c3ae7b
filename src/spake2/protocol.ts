/**
 * RFC 9382 step by step: one small pure function per step, named with the RFC's symbol.
 * Nothing here keeps state or draws randomness; src/spake2/session.ts sequences these.
 */
import { timingSafeEqual } from 'node:crypto';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { concatBytes, lengthPrefixed, numberToBytesBE, utf8ToBytes } from './bytes.js';
import { Spake2Error } from './errors.js';
import type { Element } from './group/index.js';
import type { Suite } from './suites.js';

export type Role = 'A' | 'B';

/** RFC 9382 §3.3: pA = w·M + x·P (A's share; X = x·P stays secret). */
export function pA(suite: Suite, w: bigint, x: bigint): Element {
  return suite.M.multiply(w).add(suite.group.P.multiply(x));
}

/** RFC 9382 §3.3: pB = w·N + y·P (B's share; Y = y·P stays secret). */
export function pB(suite: Suite, w: bigint, y: bigint): Element {
  return suite.N.multiply(w).add(suite.group.P.multiply(y));
}

/**
 * RFC 9382 §3.3: K = h·x·(pB − w·N) for A, K = h·y·(pA − w·M) for B.
 * h is applied as a point operation (clearCofactor), never folded into the scalar: h·x mod p
 * differs from h·x on an element with a torsion component. Stricter than the RFC: K = I aborts
 * (reached e.g. by a peer that sends pB = w·N, having guessed w).
 */
export function K(
  suite: Suite,
  role: Role,
  w: bigint,
  scalar: bigint,
  peerShare: Element,
): Element {
  const peerMask = role === 'A' ? suite.N : suite.M;
  const k = peerShare.subtract(peerMask.multiply(w)).clearCofactor();
  // k·scalar is the identity exactly when k is (scalar ∈ [1, p)), and noble's multiply rejects
  // neither; checking k first keeps the constant-time multiply off a degenerate input.
  if (k.isIdentity()) throw new Spake2Error('SPAKE2_ERR_K_IDENTITY', 'K is the identity');
  return k.multiply(scalar);
}

export interface TranscriptFields {
  /** Identities as bytes; empty is allowed only for implicit identities (RFC 9382 §3.3). */
  readonly A: Uint8Array;
  readonly B: Uint8Array;
  readonly pA: Uint8Array;
  readonly pB: Uint8Array;
  readonly K: Uint8Array;
  readonly w: bigint;
}

/**
 * RFC 9382 §3.3: TT = len(A)||A || len(B)||B || len(pA)||pA || len(pB)||pB || len(K)||K || len(w)||w
 * with 8-byte little-endian lengths (an empty identity still has its 8 zero bytes) and w
 * big-endian, padded to len(p). Always A's items first, whichever side computes it.
 */
export function TT(suite: Suite, f: TranscriptFields): Uint8Array {
  const w = numberToBytesBE(f.w, suite.group.scalarLength);
  const tt = lengthPrefixed(f.A, f.B, f.pA, f.pB, f.K, w);
  w.fill(0);
  return tt;
}

/** RFC 9382 §4: Hash(TT) = Ke || Ka, each half the hash output. */
export function KeKa(suite: Suite, tt: Uint8Array): { Ke: Uint8Array; Ka: Uint8Array } {
  const digest = suite.hash(tt);
  const half = digest.length / 2;
  const keys = { Ke: digest.slice(0, half), Ka: digest.slice(half) };
  digest.fill(0);
  return keys;
}

const CONFIRMATION_KEYS = utf8ToBytes('ConfirmationKeys');

/**
 * RFC 9382 §3.2 bounds AAD at "2^16 − 128 bits"; we read it as bits (8176 bytes), the stricter
 * reading (docs/deviations.md).
 */
export const MAX_AAD_BYTES = (2 ** 16 - 128) / 8;

/** RFC 9382 §4: KcA || KcB = KDF(Ka, nil, "ConfirmationKeys" || AAD), KDF = HKDF with the suite hash. */
export function KcAKcB(
  suite: Suite,
  Ka: Uint8Array,
  AAD: Uint8Array,
): { KcA: Uint8Array; KcB: Uint8Array } {
  if (AAD.length > MAX_AAD_BYTES) {
    throw new Spake2Error('SPAKE2_ERR_INPUT', `AAD is longer than ${MAX_AAD_BYTES} bytes`);
  }
  const L = suite.hash.outputLen;
  const okm = hkdf(suite.hash, Ka, undefined, concatBytes(CONFIRMATION_KEYS, AAD), L);
  const keys = { KcA: okm.slice(0, L / 2), KcB: okm.slice(L / 2) };
  okm.fill(0);
  return keys;
}

/** RFC 9382 §4: cA = MAC(KcA, TT), the confirmation A sends. */
export function cA(suite: Suite, KcA: Uint8Array, tt: Uint8Array): Uint8Array {
  return hmac(suite.hash, KcA, tt);
}

/** RFC 9382 §4: cB = MAC(KcB, TT), the confirmation B sends. */
export function cB(suite: Suite, KcB: Uint8Array, tt: Uint8Array): Uint8Array {
  return hmac(suite.hash, KcB, tt);
}

/**
 * RFC 9382 §4: verify the peer's MAC by recomputing it; compared in constant time
 * (node:crypto timingSafeEqual). The length is public, so it is checked first.
 */
export function verifyConfirmation(expected: Uint8Array, received: Uint8Array, what: string): void {
  if (received.length !== expected.length) {
    throw new Spake2Error(
      'SPAKE2_ERR_ENCODING',
      `${what} must be ${expected.length} bytes, got ${received.length}`,
    );
  }
  if (!timingSafeEqual(expected, received)) {
    throw new Spake2Error('SPAKE2_ERR_CONFIRMATION', `${what} does not verify`);
  }
}
