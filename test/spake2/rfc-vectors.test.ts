/**
 * Every intermediate value of every RFC 9382 Appendix B vector, computed from both roles with the
 * step functions, then replayed byte for byte through two sessions with injected scalars.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import {
  bytesToHex,
  cA,
  cB,
  fromHex,
  K,
  KcAKcB,
  KeKa,
  P256_SHA256,
  pA,
  pB,
  Spake2Session,
  TT,
} from '../../src/spake2/index.js';

interface RfcVector {
  name: string;
  A: string;
  B: string;
  w: string;
  x: string;
  y: string;
  pA: string;
  pB: string;
  K: string;
  TT: string;
  'Hash(TT)': string;
  Ke: string;
  Ka: string;
  KcA: string;
  KcB: string;
  'A conf': string;
  'B conf': string;
}

const file = JSON.parse(
  readFileSync(new URL('../../vectors/rfc9382.json', import.meta.url), 'utf8'),
);
const vectors: RfcVector[] = file.vectors;
const suite = P256_SHA256;
const big = (hex: string) => BigInt('0x' + hex);
const enc = (s: string) => new TextEncoder().encode(s);

test('the vector file holds the four RFC 9382 vectors', () => {
  assert.is(vectors.length, 4);
  assert.equal(
    vectors.map((v) => [v.A, v.B]),
    [
      ['server', 'client'],
      ['', 'client'],
      ['server', ''],
      ['', ''],
    ],
  );
});

for (const v of vectors) {
  for (const role of ['A', 'B'] as const) {
    test(`${v.name}: every value, computed as ${role}`, () => {
      const w = big(v.w);
      const sharePA = pA(suite, w, big(v.x));
      const sharePB = pB(suite, w, big(v.y));
      assert.is(bytesToHex(sharePA.toBytes()), v.pA, 'pA');
      assert.is(bytesToHex(sharePB.toBytes()), v.pB, 'pB');
      const k =
        role === 'A'
          ? K(suite, 'A', w, big(v.x), suite.group.decodeShare(fromHex(v.pB, 'pB'), 'pB'))
          : K(suite, 'B', w, big(v.y), suite.group.decodeShare(fromHex(v.pA, 'pA'), 'pA'));
      assert.is(bytesToHex(k.toBytes()), v.K, 'K');
      const tt = TT(suite, {
        A: enc(v.A),
        B: enc(v.B),
        pA: fromHex(v.pA, 'pA'),
        pB: fromHex(v.pB, 'pB'),
        K: k.toBytes(),
        w,
      });
      assert.is(bytesToHex(tt), v.TT, 'TT');
      assert.is(bytesToHex(suite.hash(tt)), v['Hash(TT)'], 'Hash(TT)');
      const { Ke, Ka } = KeKa(suite, tt);
      assert.is(bytesToHex(Ke), v.Ke, 'Ke');
      assert.is(bytesToHex(Ka), v.Ka, 'Ka');
      const { KcA, KcB } = KcAKcB(suite, Ka, new Uint8Array());
      assert.is(bytesToHex(KcA), v.KcA, 'KcA');
      assert.is(bytesToHex(KcB), v.KcB, 'KcB');
      assert.is(bytesToHex(cA(suite, KcA, tt)), v['A conf'], 'cA');
      assert.is(bytesToHex(cB(suite, KcB, tt)), v['B conf'], 'cB');
    });
  }

  test(`${v.name}: two sessions replay the wire messages and agree on Ke`, () => {
    const common = { idA: v.A, idB: v.B, allowEmptyIdentities: true, secret: { w: big(v.w) } };
    const a = new Spake2Session({ ...common, role: 'A', scalar: big(v.x) });
    const b = new Spake2Session({ ...common, role: 'B', scalar: big(v.y) });
    const msgPA = a.start();
    const msgPB = b.start();
    assert.is(bytesToHex(msgPA), v.pA);
    assert.is(bytesToHex(msgPB), v.pB);
    b.receiveShare(msgPA);
    a.receiveShare(msgPB);
    const msgCA = a.confirm();
    assert.is(bytesToHex(msgCA), v['A conf']);
    b.verify(msgCA);
    const msgCB = b.confirm();
    assert.is(bytesToHex(msgCB), v['B conf']);
    a.verify(msgCB);
    assert.is(bytesToHex(a.sessionKey()), v.Ke);
    assert.is(bytesToHex(b.sessionKey()), v.Ke);
    assert.is(a.transcriptDigest, b.transcriptDigest);
  });
}

test.run();
