/**
 * Where the gap between our handshake and the floor goes: everything one party does besides
 * the four scalar multiplications, each piece timed alone through the core's public surface.
 * Each row is what ONE party does in ONE handshake (so the gap per handshake is twice the sum).
 */
import {
  bytesToHex,
  K,
  KcAKcB,
  KeKa,
  cA,
  cB,
  pA,
  pB,
  publicTranscriptDigest,
  randomScalar,
  TT,
  type Element,
  type Suite,
} from '../../src/spake2/index.js';
import type { Case } from '../harness.js';
import { short, SUITES } from './spake2.js';

interface Fixture {
  w: bigint;
  x: bigint;
  y: bigint;
  shareA: Element;
  shareB: Element;
  bytesA: Uint8Array;
  bytesB: Uint8Array;
  K: Uint8Array;
}

function fixtures(suite: Suite, n = 32): Fixture[] {
  return Array.from({ length: n }, () => {
    const w = randomScalar(suite.group);
    const x = randomScalar(suite.group);
    const y = randomScalar(suite.group);
    const shareA = pA(suite, w, x);
    const shareB = pB(suite, w, y);
    const bytesB = shareB.toBytes();
    const k = K(suite, 'A', w, x, suite.group.decodeShare(bytesB, 'pB')).toBytes();
    return { w, x, y, shareA, shareB, bytesA: shareA.toBytes(), bytesB, K: k };
  });
}

const enc = new TextEncoder();
const IDA = enc.encode('agent');
const IDB = enc.encode('human');
const NO_AAD = new Uint8Array();

export function breakdownCases(): Case[] {
  return SUITES.flatMap((suite): Case[] => {
    const fx = fixtures(suite);
    let i = 0;
    const next = () => fx[i++ % fx.length] as Fixture;
    const g = short(suite);
    const row = (what: string, op: () => unknown): Case => ({
      section: 'breakdown',
      name: `${g}: ${what}`,
      op,
    });
    return [
      // Fresh points each op: noble memoizes a point's affine form, so re-encoding the same
      // object would skip the inversion.
      row('own share: add w·M + x·P, encode (1 inversion)', () => {
        const f = next();
        return f.shareA.add(f.shareB).toBytes();
      }),
      row("decode + check the peer's share (decodeShare)", () =>
        suite.group.decodeShare(next().bytesB, 'pB'),
      ),
      row('K: subtract w·N, clearCofactor, identity check; encode K (1 inversion)', () => {
        const f = next();
        const k = f.shareB.subtract(f.shareA).clearCofactor();
        return k.isIdentity() ? undefined : k.toBytes();
      }),
      row('hashing: TT, SHA-256(TT), HKDF, 2 HMAC', () => {
        const f = next();
        const tt = TT(suite, { A: IDA, B: IDB, pA: f.bytesA, pB: f.bytesB, K: f.K, w: f.w });
        const { Ka } = KeKa(suite, tt);
        const { KcA, KcB } = KcAKcB(suite, Ka, NO_AAD);
        return [cA(suite, KcA, tt), cB(suite, KcB, tt)];
      }),
      row('session extras: public digest + hex of the 4 messages for events', () => {
        const f = next();
        return [
          publicTranscriptDigest({ suite: suite.name, A: IDA, B: IDB, pA: f.bytesA, pB: f.bytesB }),
          bytesToHex(f.bytesA),
          bytesToHex(f.bytesB),
          bytesToHex(f.K.subarray(0, 32)),
          bytesToHex(f.K.subarray(0, 32)),
        ];
      }),
      row('randomScalar (x or y: node:crypto + rejection sampling)', () =>
        randomScalar(suite.group),
      ),
    ];
  });
}
