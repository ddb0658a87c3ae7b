/**
 * Lesson 2 — the group: points, scalars, the generator P, its order p, the cofactor h, and M and N
 * regenerated from their seed strings (RFC 9382 §3.2, §6, Appendix A).
 */
import {
  EDWARDS25519_SHA256,
  EDWARDS25519_TORSION,
  generatePoint,
  P256_SHA256,
  RFC9382_CONSTANTS,
  type Suite,
} from '../../src/spake2/index.js';
import { claim, done, heading, say, show, title } from '../kit.js';

/** The field primes, from the curves' own standards (SEC 2 / RFC 7748): for contrast only. */
const FIELD_PRIME = {
  'P-256': 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
  edwards25519: 2n ** 255n - 19n,
} as const;

title(2, 'The group: P, p, h, and M and N with nothing up the sleeve');

for (const suite of [P256_SHA256, EDWARDS25519_SHA256] as Suite[]) {
  const g = suite.group;
  heading(`${suite.name}: the group (RFC 9382 §3.2)`);
  show('P', g.P.toBytes());
  show('p', g.p);
  show('h', String(g.h));
  say(
    `P is the generator; p (${g.p.toString(2).length} bits) is the prime order of the subgroup P`,
    'generates — the modulus for scalars w, x, y. It is NOT the field prime the coordinates',
    'live in:',
  );
  show('field q', FIELD_PRIME[g.name]);
  claim(
    'q from the standard is the field prime the curve library computes in',
    g.fieldPrime === FIELD_PRIME[g.name],
  );
  claim('p ≠ q: scalars are reduced mod p, never mod the field prime', g.p !== FIELD_PRIME[g.name]);
  claim(
    '(p − 1)·P + P = I: P has order p (so any scalar only matters mod p)',
    g.P.multiply(g.p - 1n)
      .add(g.P)
      .isIdentity(),
  );
  claim('(p − 1)·P = −P', g.P.multiply(g.p - 1n).equals(g.P.negate()));
  say(
    `The whole curve group has h·p points; h = ${g.h} is the cofactor.`,
    ...(g.h === 1n
      ? ['h = 1: every point on P-256 lies in the prime-order group.']
      : [
          'h = 8: there are 8 small-order points (the torsion subgroup). One is the identity,',
          "which lies in every subgroup, P's included; the other 7 lie outside P's subgroup.",
        ]),
  );
}

heading('edwards25519: the cofactor in the flesh');
const ed = EDWARDS25519_SHA256.group;
const T = ed.decodeConstant(EDWARDS25519_TORSION[1] as string);
say('T: the second of the 8 torsion points the core lists (EDWARDS25519_TORSION).');
show('T', T.toBytes());
let sum = ed.I;
let order = 0;
do {
  sum = sum.add(T);
  order++;
} while (!sum.isIdentity());
say(`T + T + … (${order} times) = I: T is a point of order ${order}, outside the subgroup of P.`);
claim('T has order 8 = h', order === 8);
claim('T is not in the prime-order subgroup (p·T ≠ I)', !T.isTorsionFree());
claim('h·T = I: multiplying by h kills it (lesson 5 uses this)', T.clearCofactor().isIdentity());
const torsion = EDWARDS25519_TORSION.map((hex) => ed.decodeConstant(hex));
const inSubgroup = torsion.filter((t) => t.isTorsionFree());
claim(
  `of the ${torsion.length} small-order points, only the identity lies in P's subgroup; ` +
    `${torsion.length - inSubgroup.length} lie outside`,
  torsion.length === 8 &&
    inSubgroup.length === 1 &&
    inSubgroup[0]?.isIdentity() === true &&
    torsion.every((t) => t.clearCofactor().isIdentity()),
);
claim(
  'P + T is a curve point outside the subgroup too (p·(P + T) = T ≠ I)',
  !ed.P.add(T).isTorsionFree(),
);

for (const suite of [P256_SHA256, EDWARDS25519_SHA256] as Suite[]) {
  const c = RFC9382_CONSTANTS[suite.group.name];
  heading(`${suite.name}: regenerate M and N from their seeds (RFC 9382 Appendix A)`);
  say(
    'Hash the seed string with SHA-256, iterated i times (i = 1, 2, …); cut an encoding from',
    'the blocks; keep the first that decodes to a point of order p. Anyone can rerun this,',
    'so nobody can know log_P(M) or log_P(N) (the "nothing up my sleeve" argument, §6).',
  );
  for (const which of ['M', 'N'] as const) {
    const seed = which === 'M' ? c.seedM : c.seedN;
    const generated = generatePoint(suite.group, seed);
    say(`seed "${seed}" → found at attempt ${generated.attempt}`);
    if (suite.group.name === 'P-256' && which === 'M') {
      say('(§6 prints P-256 constants SEC1-compressed, 33 bytes; shares on the wire are 65.)');
    }
    show(which, generated.encoded);
    claim(
      `${which} equals the constant RFC 9382 §6 publishes`,
      generated.encoded === (which === 'M' ? c.M : c.N),
    );
    claim(
      `${which} equals the suite's ${which} the protocol uses`,
      generated.element.equals(suite[which]),
    );
  }
}

heading('Why it matters');
say(
  'If someone knew n with N = n·P, one protocol run would let them test every code offline',
  '(lesson 8 runs that attack). Seeds that anyone can rehash rule that out.',
);
done();
