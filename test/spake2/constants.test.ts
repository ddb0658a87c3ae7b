/** Nothing up our sleeve: M and N regenerate from their seed strings (RFC 9382 Appendix A). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  bytesToHex,
  EDWARDS25519_SHA256,
  generatePoint,
  P256_SHA256,
  RFC9382_CONSTANTS,
} from '../../src/spake2/index.js';

for (const suite of [P256_SHA256, EDWARDS25519_SHA256]) {
  const c = RFC9382_CONSTANTS[suite.group.name];
  for (const [name, seed, published, shipped] of [
    ['M', c.seedM, c.M, suite.M],
    ['N', c.seedN, c.N, suite.N],
  ] as const) {
    test(`${suite.group.name} ${name} regenerates from "${seed}"`, () => {
      const generated = generatePoint(suite.group, seed);
      assert.is(generated.encoded, published);
      assert.ok(generated.element.equals(shipped), 'the suite ships the regenerated point');
      assert.ok(shipped.isTorsionFree() && !shipped.isIdentity(), 'order p');
    });
  }

  test(`${suite.group.name}: M ≠ N, and neither is the generator`, () => {
    assert.not.ok(suite.M.equals(suite.N));
    assert.not.ok(suite.M.equals(suite.group.P));
    assert.not.ok(suite.N.equals(suite.group.P));
  });
}

test('p is the group order, not the field prime', () => {
  assert.is(
    P256_SHA256.group.p.toString(16),
    'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
  );
  assert.is(
    EDWARDS25519_SHA256.group.p.toString(16),
    '1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed',
  );
  assert.ok(
    P256_SHA256.group.P.multiply(P256_SHA256.group.p - 1n)
      .add(P256_SHA256.group.P)
      .isIdentity(),
  );
});

test('M in the protocol encoding matches the uncompressed form we derived', () => {
  assert.is(
    bytesToHex(P256_SHA256.M.toBytes()),
    '04886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f5ff355163e43ce224e0b0e65ff02ac8e5c7be09419c785e0ca547d55a12e2d20',
  );
});

test.run();
