/**
 * RFC 9382 Appendix A: how M and N were generated, so anyone can check that nobody knows their
 * discrete logarithms ("nothing up my sleeve"). Tests and lesson 2 regenerate the shipped
 * constants with this and compare them byte for byte.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8ToBytes } from './bytes.js';
import type { Element, Group } from './group/index.js';

/** SHA-256 applied n times to the seed (n = 0 gives the seed itself). */
function iteratedHash(seed: Uint8Array, n: number): Uint8Array {
  let h = seed;
  for (let i = 0; i < n; i++) h = sha256(h);
  return h;
}

/** Hash blocks start, start+1, … concatenated and cut to `length` bytes. */
function hashBlocks(seed: Uint8Array, start: number, length: number): Uint8Array {
  const count = Math.ceil(length / 32);
  const blocks = Array.from({ length: count }, (_, i) => iteratedHash(seed, start + i));
  return concatBytes(...blocks).slice(0, length);
}

export interface GeneratedPoint {
  readonly element: Element;
  /** The encoding RFC 9382 §6 prints (compressed SEC1 on P-256). */
  readonly encoded: string;
  /** Which attempt succeeded (1 = the first byte string tried). */
  readonly attempt: number;
}

/**
 * RFC 9382 Appendix A: build a byte string from iterated SHA-256 blocks of the seed, shape it as
 * an encoding, and keep it if it decodes to a non-identity element of order p; otherwise drop the
 * first block and try again.
 */
export function generatePoint(group: Group, seed: string, maxAttempts = 1000): GeneratedPoint {
  const seedBytes = utf8ToBytes(seed);
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const candidate = group.candidateFromSeedBytes(
      hashBlocks(seedBytes, attempt, group.seedPointLength),
    );
    const hex = bytesToHex(candidate);
    let element: Element;
    try {
      element = group.decodeConstant(hex);
    } catch {
      continue; // not an encoding of a curve point
    }
    if (!element.isIdentity() && element.isTorsionFree()) return { element, encoded: hex, attempt };
  }
  throw new Error(`no point found for seed "${seed}" in ${maxAttempts} attempts`);
}
