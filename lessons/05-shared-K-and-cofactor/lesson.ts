/**
 * Lesson 5 — the shared K (RFC 9382 §3.3) with the RFC vector, then the cofactor on
 * edwards25519: a torsioned share is accepted and h = 8 clears the torsion (as a point operation;
 * folded into the scalar mod p it does not); a pure small-order share is rejected.
 */
import {
  EDWARDS25519_SHA256,
  EDWARDS25519_TORSION,
  K,
  P256_SHA256,
  pA,
  pB,
  randomScalar,
  Spake2Session,
  bytesToHex,
  fromHex,
} from '../../src/spake2/index.js';
import {
  big,
  claim,
  done,
  expect,
  expectError,
  heading,
  rfcVectors,
  say,
  seededRandom,
  show,
  throwaway,
  title,
} from '../kit.js';

title(5, 'The shared K, and what the cofactor h is for');

const v = rfcVectors()[0];
if (v === undefined) throw new Error('vectors/rfc9382.json has no vectors');

heading(`Both sides reach the same K (RFC 9382 vector "${v.name}")`);
{
  const suite = P256_SHA256;
  const [w, x, y] = [big(v.w), big(v.x), big(v.y)];
  const receivedPB = suite.group.decodeShare(fromHex(v.pB, 'pB'), 'pB');
  const receivedPA = suite.group.decodeShare(fromHex(v.pA, 'pA'), 'pA');
  say('A computes K = h·x·(pB − w·N); B computes K = h·y·(pA − w·M); here h = 1.');
  show('pB − w·N', receivedPB.subtract(suite.N.multiply(w)).toBytes());
  const kA = K(suite, 'A', w, x, receivedPB).toBytes();
  show('K (by A)', kA);
  show('pA − w·M', receivedPA.subtract(suite.M.multiply(w)).toBytes());
  const kB = K(suite, 'B', w, y, receivedPA).toBytes();
  show('K (by B)', kB);
  expect('K computed by A', kA, v.K);
  expect('K computed by B', kB, v.K);
  say('Why: pB − w·N = Y and pA − w·M = X, so both get x·y·P — the Diffie-Hellman value.');
}

heading('edwards25519 (h = 8): a share with a torsion component');
const suite = EDWARDS25519_SHA256;
const g = suite.group;
const random = seededRandom('lesson 5: cofactor');
const w = randomScalar(g, random);
const x = randomScalar(g, random);
const y = randomScalar(g, random);
throwaway('w, x, y and every point derived from them');
show('w', w);
show('x', x);
show('y', y);
const T = g.decodeConstant(EDWARDS25519_TORSION[1] as string);
show('T (order 8)', T.toBytes());
const honestPA = pA(suite, w, x);
const tamperedPA = honestPA.add(T);
show('pA', honestPA.toBytes());
show('pA + T', tamperedPA.toBytes());
say('A man in the middle adds T to pA on its way to B (a small-subgroup confinement attempt).');
const receivedByB = g.decodeShare(tamperedPA.toBytes(), 'pA');
claim(
  'B accepts pA + T: a point of G with a torsion part and a prime-order part (RFC 9382 §7)',
  !receivedByB.isTorsionFree() && !receivedByB.isSmallOrder(),
);
const kA = K(suite, 'A', w, x, g.decodeShare(pB(suite, w, y).toBytes(), 'pB'));
const kB = K(suite, 'B', w, y, receivedByB);
show('K (by A)', kA.toBytes());
show('K (by B)', kB.toBytes());
claim('h = 8 clears the torsion: K by B from pA + T equals K by A', kA.equals(kB));

heading('Without h, the torsion would leak into K');
const noCofactor = receivedByB.subtract(suite.M.multiply(w)).multiply(y); // y·(X + T): what h avoids
show('y·(X + T)', noCofactor.toBytes());
claim(
  'y·(X + T) ≠ y·X: it carries y·T, which depends on y mod 8',
  !noCofactor.equals(g.P.multiply(x).multiply(y)),
);
say(
  'An attacker who could see which of 8 values K took would learn 3 bits of y per run.',
  "K = h·y·(pA − w·M) multiplies by h as a point operation (the core's clearCofactor),",
  'so h·y·T = y·(h·T) = I, whatever y is (RFC 9382 §3.3: "prevents small subgroup',
  'confinement attacks").',
);

heading('Folding h into the scalar instead: (h·y mod p)·(X + T)');
say(
  'A scalar is reduced mod p, so h·y as a scalar is k = h·y mod p = h·y − m·p, m = ⌊h·y/p⌋.',
  'On X (order p) the m·p changes nothing; on T (order 8) it does: k·T = −m·p·T, which is I',
  'only when 8 divides m·p.',
);
claim('p is odd, so 8 divides m·p (m < 8) only for m = 0, i.e. y < p/h', g.p % 2n === 1n);
const XplusT = receivedByB.subtract(suite.M.multiply(w));
/** n·E for a small n ≥ 0 by repeated addition (Element.multiply refuses 0). */
const times = (E: typeof T, n: bigint) => {
  let sum = g.I;
  for (let i = 0n; i < n; i++) sum = sum.add(E);
  return sum;
};
/** What folding leaves in K on top of the right value h·y·X: k·(X + T) − K. */
const leftover = (yy: bigint) =>
  XplusT.multiply((g.h * yy) % g.p).subtract(K(suite, 'B', w, yy, receivedByB));
{
  const k = (g.h * y) % g.p;
  show('h·y mod p', k);
  say(`For this lesson's y, m = ${(g.h * y) / g.p}.`);
  show('k·(X + T)', XplusT.multiply(k).toBytes());
  claim(
    'k·(X + T) = K (by B) + (k mod 8)·T: the prime-order part is right, the torsion stays',
    leftover(y).equals(times(T, k % 8n)) && !leftover(y).isIdentity(),
  );
}
const samples = 200;
const sampleRandom = seededRandom('lesson 5: folded cofactor');
let kept = 0;
let explained = true;
for (let i = 0; i < samples; i++) {
  const yy = randomScalar(g, sampleRandom);
  const m = (g.h * yy) / g.p;
  const rest = leftover(yy);
  if (!rest.isIdentity()) kept++;
  explained &&= rest.equals(times(T, ((g.h * yy) % g.p) % 8n)) && rest.isIdentity() === (m === 0n);
}
claim(
  `over ${samples} seeded y, folding left torsion in K for ${kept}: exactly those with y ≥ p/h`,
  explained && kept > 0 && kept < samples,
);
const byM = new Set(
  [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n].map((m) =>
    bytesToHex(times(T, (((-m * g.p) % 8n) + 8n) % 8n).toBytes()),
  ),
);
claim('the 8 possible m leave 8 different points −m·p·T', byM.size === 8);
say(
  'So folded, K would reveal m = ⌊8y/p⌋ — which eighth of [0, p) y lies in, roughly its top 3',
  'bits — for every y ≥ p/8 (7 in 8 of them), where the point operation leaves nothing. The',
  'core applies h to the point (clearCofactor).',
);

heading('The transcript still catches the tampering');
{
  const opts = { suite, secret: { w }, idA: 'agent', idB: 'human' };
  const a = new Spake2Session({ ...opts, role: 'A', scalar: x });
  const b = new Spake2Session({ ...opts, role: 'B', scalar: y });
  const sent = a.start();
  const replyPB = b.start();
  const forwarded = g.decodeConstant(Buffer.from(sent).toString('hex')).add(T).toBytes();
  b.receiveShare(forwarded);
  a.receiveShare(replyPB);
  say('Same K on both sides, but TT holds the bytes each side saw: pA for A, pA + T for B.');
  expectError('B rejects cA', 'SPAKE2_ERR_CONFIRMATION', () => b.verify(a.confirm()));
}

heading('A share of small order only: rejected (stricter than RFC 9382, docs/deviations.md)');
say('Such a share has no prime-order part at all — no contribution from a peer. The core refuses');
say('it when decoding, before any secret touches it:');
EDWARDS25519_TORSION.forEach((hex, i) => {
  const code = i === 0 ? 'SPAKE2_ERR_IDENTITY' : 'SPAKE2_ERR_SMALL_ORDER';
  show(`T${i}`, hex);
  expectError(`decodeShare(T${i})`, code, () => g.decodeShare(fromHex(hex, 'pA'), 'pA'));
});
{
  const b = new Spake2Session({ suite, secret: { w }, idA: 'agent', idB: 'human', role: 'B' });
  b.start();
  expectError('a session given T as pA fails', 'SPAKE2_ERR_SMALL_ORDER', () =>
    b.receiveShare(T.toBytes()),
  );
  claim('and the session is now failed for good', b.state === 'failed');
}
done();
