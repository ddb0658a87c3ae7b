/**
 * From pairing code to w. RFC 9382 §3.2 leaves this to the application ("Protocols using this
 * specification MUST define the method used to compute w"); this is our definition, specified
 * in docs/protocol.md §"From code to w":
 *
 *   w = scrypt(P = code as ASCII digits,
 *              S = len(label)||label || len(suite)||suite || len(salt)||salt,
 *              N, r, p, dkLen = len(p) + 8) as a big-endian integer, mod p
 *
 * with label = "AgentCredentialRequest SPAKE2 w v1". The 8 extra bytes make the reduction's
 * bias at most 2^-64 (RFC 9382 §3.2 citing NIST SP 800-56A).
 */
import { scrypt, scryptAsync } from '@noble/hashes/scrypt.js';
import { bytesToNumberBE, lengthPrefixed, utf8ToBytes } from './bytes.js';
import { Spake2Error } from './errors.js';
import type { Suite } from './suites.js';

export const W_LABEL = 'AgentCredentialRequest SPAKE2 w v1';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * N = 2^15, r = 8, p = 1: 32 MiB and ≈150 ms per derivation here. Why not more: an eavesdropper
 * on SPAKE2 cannot test guesses offline at all, and an active attacker gets one guess per run;
 * the MHF only slows whoever already holds w or a full transcript with keys (docs/protocol.md).
 */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

/** Cheap parameters for tests and lessons only: they make w brute-forceable in milliseconds. */
export const TEST_ONLY_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 4, r: 1, p: 1 });

export interface PasswordInput {
  /** The pairing code: ASCII digits, leading zeros significant ("012345" ≠ "12345"). */
  readonly code: string;
  /** Public salt both sides agree on (e.g. a session id); may be empty. */
  readonly salt: Uint8Array;
  readonly scrypt?: ScryptParams;
}

const CODE_PATTERN = /^[0-9]{1,64}$/;

function inputs(suite: Suite, input: PasswordInput) {
  if (!CODE_PATTERN.test(input.code)) {
    throw new Spake2Error('SPAKE2_ERR_INPUT', 'the code must be 1 to 64 ASCII digits');
  }
  const params = input.scrypt ?? DEFAULT_SCRYPT;
  return {
    password: utf8ToBytes(input.code),
    salt: lengthPrefixed(utf8ToBytes(W_LABEL), utf8ToBytes(suite.name), input.salt),
    opts: { ...params, dkLen: suite.group.scalarLength + 8 },
  };
}

function reduce(suite: Suite, okm: Uint8Array): bigint {
  const w = bytesToNumberBE(okm) % suite.group.p;
  okm.fill(0);
  // Probability 2^-256: w = 0 would make w·M the identity and pA = X, revealing nothing about
  // the code but breaking the protocol's blinding. Refuse rather than continue.
  if (w === 0n) throw new Spake2Error('SPAKE2_ERR_INPUT', 'the code derived w = 0');
  return w;
}

/** Our w derivation (see the module comment), synchronous. */
export function deriveW(suite: Suite, input: PasswordInput): bigint {
  const { password, salt, opts } = inputs(suite, input);
  return reduce(suite, scrypt(password, salt, opts));
}

/** The same derivation without blocking the event loop (servers, UIs). */
export async function deriveWAsync(suite: Suite, input: PasswordInput): Promise<bigint> {
  const { password, salt, opts } = inputs(suite, input);
  return reduce(suite, await scryptAsync(password, salt, opts));
}
