/** Byte helpers shared by the SPAKE2 layer: RFC 9382's len() and strict hex. */
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { Spake2Error } from './errors.js';

export { bytesToHex, concatBytes, utf8ToBytes };

/** RFC 9382 §3.2: len(S) is the length of S in bytes as an 8-byte little-endian number. */
export function len(s: Uint8Array): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(s.length), true);
  return out;
}

/** len(S) || S for each argument, concatenated: the building block of TT. */
export function lengthPrefixed(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(...parts.flatMap((s) => [len(s), s]));
}

/** Big-endian, left-padded to `length` bytes (RFC 9382 §3.3: w "padded to the length of p"). */
export function numberToBytesBE(n: bigint, length: number): Uint8Array {
  if (n < 0n) throw new Spake2Error('SPAKE2_ERR_INPUT', 'negative number');
  const hex = n.toString(16).padStart(length * 2, '0');
  if (hex.length > length * 2)
    throw new Spake2Error('SPAKE2_ERR_INPUT', `number exceeds ${length} bytes`);
  return hexToBytes(hex);
}

export function bytesToNumberBE(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + bytesToHex(b));
}

/** Lowercase or uppercase hex, even length, no prefix; anything else is a clear input error. */
export function fromHex(hex: string, what: string): Uint8Array {
  const clean = hex.trim();
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) {
    throw new Spake2Error('SPAKE2_ERR_INPUT', `${what} is not an even-length hex string`);
  }
  return hexToBytes(clean.toLowerCase());
}

/** Identities and AAD may be given as text (UTF-8) or bytes. */
export function asBytes(v: string | Uint8Array): Uint8Array {
  return typeof v === 'string' ? utf8ToBytes(v) : v;
}
