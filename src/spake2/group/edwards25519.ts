/** edwards25519 for RFC 9382: RFC 8032 compressed encoding, 32 bytes, canonical only. */
import { ed25519, ED25519_TORSION_SUBGROUP } from '@noble/curves/ed25519.js';
import { Spake2Error } from '../errors.js';
import { Element } from './element.js';
import type { Group } from './group.js';

const Point = ed25519.Point;
const LENGTH = 32;
const FIELD_PRIME = Point.Fp.ORDER;

/** y as RFC 8032 §5.1.3 reads it: little-endian, with the top bit (x's sign) cleared. */
function encodedY(bytes: Uint8Array): bigint {
  const le = bytes.slice();
  le[LENGTH - 1] = (le[LENGTH - 1] ?? 0) & 0x7f;
  return BigInt('0x' + Buffer.from(le.reverse()).toString('hex'));
}

function decodeShare(bytes: Uint8Array, what: string): Element {
  if (bytes.length !== LENGTH) {
    throw new Spake2Error(
      'SPAKE2_ERR_ENCODING',
      `${what} must be ${LENGTH} bytes, got ${bytes.length}`,
    );
  }
  // Non-canonical encodings (y ≥ field prime, or "negative zero" x) decode to the same point as a
  // canonical one; two encodings of one share would put different bytes into TT, so refuse them.
  if (encodedY(bytes) >= FIELD_PRIME) {
    throw new Spake2Error('SPAKE2_ERR_NON_CANONICAL', `${what} encodes y ≥ 2^255 − 19`);
  }
  let point;
  try {
    point = Point.fromBytes(bytes); // zip215 off: RFC 8032 strict decoding
  } catch {
    const withoutSign = bytes.slice();
    withoutSign[LENGTH - 1] = (withoutSign[LENGTH - 1] ?? 0) & 0x7f;
    const decodesWithoutSign = (() => {
      try {
        return Point.fromBytes(withoutSign).x === 0n;
      } catch {
        return false;
      }
    })();
    if (decodesWithoutSign) {
      throw new Spake2Error('SPAKE2_ERR_NON_CANONICAL', `${what} sets the sign bit of x = 0`);
    }
    throw new Spake2Error('SPAKE2_ERR_NOT_ON_CURVE', `${what} is not a point on edwards25519`);
  }
  if (point.is0()) throw new Spake2Error('SPAKE2_ERR_IDENTITY', `${what} is the identity`);
  // Stricter than RFC 9382 (which lets h remove it): a share of small order carries no
  // contribution from the peer at all, so reject it outright. A share with a torsion component
  // *and* a prime-order part is valid and accepted; h clears the torsion in K.
  if (point.isSmallOrder()) {
    throw new Spake2Error('SPAKE2_ERR_SMALL_ORDER', `${what} has small order (divides 8)`);
  }
  return new Element(EDWARDS25519, point);
}

export const EDWARDS25519: Group = {
  name: 'edwards25519',
  p: Point.Fn.ORDER,
  fieldPrime: FIELD_PRIME,
  h: 8n,
  scalarLength: 32,
  elementLength: LENGTH,
  get P() {
    return BASE;
  },
  get I() {
    return IDENTITY;
  },
  encode(e) {
    return Element.unwrap(e).toBytes();
  },
  decodeShare,
  decodeConstant(hex) {
    return new Element(EDWARDS25519, Point.fromHex(hex));
  },
  seedPointLength: LENGTH,
  candidateFromSeedBytes(bytes) {
    return bytes.slice(); // RFC 9382 Appendix A: the 32-byte string is used unmodified
  },
};

const BASE = new Element(EDWARDS25519, Point.BASE);
const IDENTITY = new Element(EDWARDS25519, Point.ZERO);

/**
 * The eight points of edwards25519's torsion subgroup, RFC 8032 encodings (order 1, 8, 4, 8, 2,
 * 8, 4, 8). Public constants: negative vectors and the cofactor lesson use them.
 */
export const EDWARDS25519_TORSION: readonly string[] = Object.freeze([...ED25519_TORSION_SUBGROUP]);
