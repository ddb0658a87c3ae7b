/**
 * The public transcript digest: a short fingerprint both screens can show. Not an RFC 9382
 * value. It hashes only public data, so it reveals nothing — and for the same reason it
 * authenticates nothing: after confirmation succeeds the two sides' digests are equal by
 * construction. It is a teaching aid (docs/protocol.md §"Public transcript digest").
 *
 *   digest = SHA-256(len(label)||label || len(suite)||suite || len(A)||A || len(B)||B
 *                    || len(pA)||pA || len(pB)||pB)
 *
 * shown as its first 8 bytes in four groups of four hex digits.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, lengthPrefixed, utf8ToBytes } from './bytes.js';

export const DIGEST_LABEL = 'AgentCredentialRequest SPAKE2 public transcript digest v1';

export interface PublicTranscript {
  readonly suite: string;
  readonly A: Uint8Array;
  readonly B: Uint8Array;
  readonly pA: Uint8Array;
  readonly pB: Uint8Array;
}

export function publicTranscriptDigest(t: PublicTranscript): string {
  const full = sha256(
    lengthPrefixed(utf8ToBytes(DIGEST_LABEL), utf8ToBytes(t.suite), t.A, t.B, t.pA, t.pB),
  );
  return (bytesToHex(full.slice(0, 8)).match(/..../g) ?? []).join(' ');
}
