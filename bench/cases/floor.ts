/**
 * The FLOOR: the four scalar multiplications per party that SPAKE2 cannot avoid (x·P, w·M, w·N
 * and x times the received point), done directly with @noble/curves and nothing else — no
 * encoding, decoding, point addition, cofactor clearing, hashing or state machine. Same tables
 * as the core: M and N with precompute(6), BASE with noble's built-in table, received points
 * with none (noble's constant-time multiply; blinded on P-256, as in the core).
 *
 * NOTE: the benchmark is the only place outside src/spake2/group/ allowed to import
 * @noble/curves; it does so to measure what the group adapter costs on top of noble.
 */
import { randomBytes } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { RFC9382_CONSTANTS } from '../../src/spake2/index.js';
import { timed, type Case, type Parts } from '../harness.js';

/** The methods of a noble point this file uses (p256.Point and ed25519.Point both fit). */
interface FloorPoint {
  multiply(k: bigint): FloorPoint;
  equals(other: FloorPoint): boolean;
}

interface FloorCurve {
  readonly name: 'P-256' | 'edwards25519';
  readonly order: bigint;
  readonly BASE: FloorPoint;
  readonly M: FloorPoint;
  readonly N: FloorPoint;
}

const MN_TABLE_BITS = 6; // as src/spake2/suites.ts

function curves(): FloorCurve[] {
  const P = p256.Point;
  const E = ed25519.Point;
  const cP = RFC9382_CONSTANTS['P-256'];
  const cE = RFC9382_CONSTANTS.edwards25519;
  // Fresh point objects (not the core's), so the floor builds and owns its own tables.
  return [
    {
      name: 'P-256',
      order: P.Fn.ORDER,
      BASE: P.BASE,
      M: P.fromHex(cP.M).precompute(MN_TABLE_BITS, true),
      N: P.fromHex(cP.N).precompute(MN_TABLE_BITS, true),
    },
    {
      name: 'edwards25519',
      order: E.Fn.ORDER,
      BASE: E.BASE,
      M: E.fromHex(cE.M).precompute(MN_TABLE_BITS, true),
      N: E.fromHex(cE.N).precompute(MN_TABLE_BITS, true),
    },
  ];
}

/** A uniform-enough scalar in [1, n) for benchmark inputs (40 bytes reduced: bias < 2^-64). */
function scalar(order: bigint): bigint {
  return (BigInt('0x' + randomBytes(40).toString('hex')) % (order - 1n)) + 1n;
}

/**
 * Both parties' eight multiplications in protocol order. A's "received point" is B's y·P and
 * vice versa: fresh point objects each run, so no table is cached for them. Returns both K.
 */
export function floorOp(
  c: FloorCurve,
  x: bigint,
  y: bigint,
  w: bigint,
  parts?: Parts,
): [FloorPoint, FloorPoint] {
  const t = <T>(label: string, fn: () => T): T => (parts ? timed(parts, label, fn) : fn());
  const X = t('A', () => (c.M.multiply(w), c.BASE.multiply(x)));
  const Y = t('B', () => (c.N.multiply(w), c.BASE.multiply(y)));
  const kB = t('B', () => (c.M.multiply(w), X.multiply(y)));
  const kA = t('A', () => (c.N.multiply(w), Y.multiply(x)));
  return [kA, kB];
}

export function checkFloor(): void {
  for (const c of curves()) {
    const [kA, kB] = floorOp(c, scalar(c.order), scalar(c.order), scalar(c.order));
    if (!kA.equals(kB)) throw new Error(`floor ${c.name}: x·(y·P) ≠ y·(x·P)`);
  }
}

export function floorCases(): Case[] {
  return curves().map((c) => {
    const inputs = Array.from({ length: 64 }, () => ({
      x: scalar(c.order),
      y: scalar(c.order),
      w: scalar(c.order),
    }));
    let i = 0;
    return {
      section: 'floor',
      name: `FLOOR ${c.name}: 4 scalar mults per party, noble direct, both parties`,
      op: (parts: Parts) => {
        const v = inputs[i++ % inputs.length] as { x: bigint; y: bigint; w: bigint };
        return floorOp(c, v.x, v.y, v.w, parts);
      },
    };
  });
}
