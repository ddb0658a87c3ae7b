/**
 * Ciphersuites as data (RFC 9382 §6). A suite carries its group, hash and its M and N, so a
 * lesson or test can build a suite with other M/N (`withMN`) — the backdoored-N lesson needs it.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';
import { EDWARDS25519, P256, type Element, type Group } from './group/index.js';

export interface Suite {
  /** As RFC 9382 names it, e.g. SPAKE2-P256-SHA256-HKDF-HMAC. */
  readonly name: string;
  readonly group: Group;
  /** Hash, and the hash under HKDF and HMAC (RFC 9382 §6: SHA256 for both shipped suites). */
  readonly hash: CHash;
  readonly M: Element;
  readonly N: Element;
  /** Where M and N came from, for humans: their seed strings, or "test" for lesson suites. */
  readonly mnOrigin: { readonly M: string; readonly N: string };
}

/** The published constants (RFC 9382 §6), with the seed each one regenerates from (Appendix A). */
export const RFC9382_CONSTANTS = {
  'P-256': {
    M: '02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f',
    N: '03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49',
    seedM: '1.2.840.10045.3.1.7 point generation seed (M)',
    seedN: '1.2.840.10045.3.1.7 point generation seed (N)',
  },
  edwards25519: {
    M: 'd048032c6ea0b6d697ddc2e86bda85a33adac920f1bf18e1b0c6d166a5cecdaf',
    N: 'd3bfb518f44f3430f29d0c92af503865a1ed3281dc69b35dd868ba85f886c4ab',
    seedM: 'edwards25519 point generation seed (M)',
    seedN: 'edwards25519 point generation seed (N)',
  },
} as const;

/**
 * Window width of the tables attached to M and N: 6 bits costs ~18 ms (P-256) / ~9 ms
 * (edwards25519) once per process and makes w·M and w·N ~6× faster (docs/performance.md).
 */
const MN_TABLE_BITS = 6;

function rfcSuite(name: string, group: Group): Suite {
  const c = RFC9382_CONSTANTS[group.name];
  return Object.freeze({
    name,
    group,
    hash: sha256,
    M: group.decodeConstant(c.M).withTable(MN_TABLE_BITS),
    N: group.decodeConstant(c.N).withTable(MN_TABLE_BITS),
    mnOrigin: Object.freeze({ M: c.seedM, N: c.seedN }),
  });
}

/** The default suite, the only one with published test vectors. */
export const P256_SHA256 = rfcSuite('SPAKE2-P256-SHA256-HKDF-HMAC', P256);
export const EDWARDS25519_SHA256 = rfcSuite('SPAKE2-edwards25519-SHA256-HKDF-HMAC', EDWARDS25519);

export const SUITES: ReadonlyMap<string, Suite> = new Map(
  [P256_SHA256, EDWARDS25519_SHA256].map((s) => [s.name, s]),
);

/** The same suite with other M and N: for lessons and attack demonstrations only. */
export function withMN(suite: Suite, M: Element, N: Element, origin: string): Suite {
  return Object.freeze({ ...suite, M, N, mnOrigin: Object.freeze({ M: origin, N: origin }) });
}
