/** P-256 (secp256r1) for RFC 9382: SEC1 uncompressed encoding, 65 bytes, in and out. */
import { p256 } from '@noble/curves/nist.js';
import { Spake2Error } from '../errors.js';
import { Element } from './element.js';
import type { Group } from './group.js';

const Point = p256.Point;
const UNCOMPRESSED_LENGTH = 65;

function decodeShare(bytes: Uint8Array, what: string): Element {
  // The identity has no SEC1 encoding of this shape (its only encoding is the single byte 0x00),
  // so it fails here, before anything else.
  if (bytes.length !== UNCOMPRESSED_LENGTH) {
    throw new Spake2Error(
      'SPAKE2_ERR_ENCODING',
      `${what} must be ${UNCOMPRESSED_LENGTH} bytes (SEC1 uncompressed), got ${bytes.length}`,
    );
  }
  if (bytes[0] !== 0x04) {
    throw new Spake2Error(
      'SPAKE2_ERR_ENCODING',
      `${what} must start with 0x04 (SEC1 uncompressed)`,
    );
  }
  let point;
  try {
    point = Point.fromBytes(bytes); // checks both coordinates < field prime and the curve equation
  } catch {
    throw new Spake2Error('SPAKE2_ERR_NOT_ON_CURVE', `${what} is not a point on P-256`);
  }
  // h = 1: every curve point lies in the prime-order group, so no small-order check is needed.
  if (point.is0()) throw new Spake2Error('SPAKE2_ERR_IDENTITY', `${what} is the identity`);
  return new Element(P256, point);
}

export const P256: Group = {
  name: 'P-256',
  p: Point.Fn.ORDER,
  fieldPrime: Point.Fp.ORDER,
  h: 1n,
  scalarLength: 32,
  elementLength: UNCOMPRESSED_LENGTH,
  get P() {
    return BASE;
  },
  get I() {
    return IDENTITY;
  },
  encode(e) {
    const point = Element.unwrap(e);
    if (point.is0())
      throw new Spake2Error('SPAKE2_ERR_INPUT', 'the P-256 identity has no encoding');
    return (point as InstanceType<typeof Point>).toBytes(false);
  },
  decodeShare,
  decodeConstant(hex) {
    return new Element(P256, Point.fromHex(hex));
  },
  seedPointLength: 33,
  candidateFromSeedBytes(bytes) {
    // RFC 9382 Appendix A: keep the low bit of the first byte as the sign, make it 0x02 or 0x03.
    const out = bytes.slice();
    out[0] = ((out[0] ?? 0) & 1) | 2;
    return out;
  },
};

const BASE = new Element(P256, Point.BASE);
const IDENTITY = new Element(P256, Point.ZERO);
