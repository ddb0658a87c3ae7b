/**
 * Lesson 4 — blinding: pA = w·M + x·P and pB = w·N + y·P with the RFC 9382 vector, and why an
 * eavesdropper holding pA can rule out no code at all (RFC 9382 §3.3, §7).
 */
import { deriveW, P256_SHA256, pA, pB, TEST_ONLY_SCRYPT } from '../../src/spake2/index.js';
import { big, claim, done, expect, heading, rfcVectors, say, show, title } from '../kit.js';

title(4, 'Blinding: pA and pB, and why an eavesdropper learns nothing');

const suite = P256_SHA256;
const { P } = suite.group;
const v = rfcVectors()[0];
if (v === undefined) throw new Error('vectors/rfc9382.json has no vectors');
const w = big(v.w);
const x = big(v.x);
const y = big(v.y);

heading(`A's share with the RFC 9382 Appendix B vector "${v.name}"`);
say("These are the RFC's published test inputs — public, never a live session.");
show('w', w);
show('x', x);
show('M', suite.M.toBytes());
show('X = x·P', P.multiply(x).toBytes());
show('w·M', suite.M.multiply(w).toBytes());
const sharePA = pA(suite, w, x).toBytes();
show('pA', sharePA);
expect('pA = w·M + x·P', sharePA, v.pA);
claim(
  'pA is exactly X + w·M',
  P.multiply(x)
    .add(suite.M.multiply(w))
    .equals(pA(suite, w, x)),
);

heading("B's share (same w, B's own y, and N instead of M)");
show('y', y);
show('N', suite.N.toBytes());
show('Y = y·P', P.multiply(y).toBytes());
show('w·N', suite.N.multiply(w).toBytes());
const sharePB = pB(suite, w, y).toBytes();
show('pB', sharePB);
expect('pB = w·N + y·P', sharePB, v.pB);

heading('The eavesdropper: one captured pA, and every code still fits');
say(
  'For any candidate code c the eavesdropper can compute w_c and X_c = pA − w_c·M. If some',
  'candidate gave an invalid or special X_c, that code would be ruled out. None does:',
);
const captured = suite.group.decodeShare(sharePA, 'pA');
const candidates = ['000000', '000001', '123456', '271828', '314159', '424242', '999999'];
const salt = new Uint8Array();
let allValid = true;
for (const code of candidates) {
  const wc = deriveW(suite, { code, salt, scrypt: TEST_ONLY_SCRYPT });
  const Xc = captured.subtract(suite.M.multiply(wc));
  const ok = !Xc.isIdentity() && Xc.isTorsionFree();
  allValid &&= ok;
  show(`X_${code}`, Xc.toBytes());
}
const Xtrue = captured.subtract(suite.M.multiply(w));
show('X_(true w)', Xtrue.toBytes());
claim(
  `all ${candidates.length} candidate X_c are valid non-identity points of order p, like the true X`,
  allValid && !Xtrue.isIdentity() && Xtrue.isTorsionFree(),
);
const distinct = new Set(
  [...candidates.map((c) => deriveW(suite, { code: c, salt, scrypt: TEST_ONLY_SCRYPT })), w].map(
    (wc) => Buffer.from(captured.subtract(suite.M.multiply(wc)).toBytes()).toString('hex'),
  ),
);
claim(
  'and they are all different: each code explains pA with its own x_c',
  distinct.size === candidates.length + 1,
);
claim(
  'the true w gives back X = x·P — but nothing marks it as the true one',
  Xtrue.equals(P.multiply(x)),
);
say('(Candidate w_c use TEST_ONLY_SCRYPT for speed; the argument holds for any w.)');

heading('The one-line argument (RFC 9382 §3.3, security proof cited in §7)');
say(
  'x is uniform in [0, p), so X = x·P is uniform over the group; adding the fixed w·M is a',
  'bijection, so pA is uniform over the group WHATEVER w is: Pr[pA | code c] = 1/p for every',
  'c. A recorded pA (and likewise pB) carries no information about the code, and no guess',
  'can be tested offline without solving a Diffie-Hellman problem.',
);
done();
