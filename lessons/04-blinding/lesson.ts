/**
 * Lesson 4 — blinding: pA = w·M + x·P and pB = w·N + y·P with the RFC 9382 vector, and why an
 * eavesdropper holding pA can rule out no code at all (RFC 9382 §3.3, §7).
 */
import {
  deriveW,
  EDWARDS25519_SHA256,
  EDWARDS25519_TORSION,
  P256_SHA256,
  pA,
  pB,
  randomScalar,
  renderFlow,
  Spake2Error,
  TEST_ONLY_SCRYPT,
  type Element,
  type Group,
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

/**
 * Would the core accept `e` as a peer's share? Runs its real check (RFC 9382 §7, plus ours):
 * encode, then decodeShare, which refuses the identity, off-curve and (edwards25519) small-order
 * points. A candidate code whose X_c fails this is ruled out.
 */
function passesShareCheck(group: Group, e: Element): boolean {
  try {
    return group.decodeShare(group.encode(e), 'X_c').equals(e);
  } catch (err) {
    if (err instanceof Spake2Error) return false; // the identity has no P-256 encoding at all
    throw err;
  }
}

title(4, 'Blinding: pA and pB, and why an eavesdropper learns nothing');

heading('The four messages (src/spake2/flow.ts, rendered by renderFlow)');
say(...renderFlow().split('\n'));
say(
  'This lesson builds the first two, the blinded shares. cA and cB, the confirmation MACs, come',
  'from the transcript (lesson 6) and are checked in lesson 7.',
);

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
  'For any candidate code c the eavesdropper can compute w_c and X_c = pA − w_c·M. A code is',
  "ruled out if its X_c could not be anyone's share: the identity, or not a point of the group.",
  "Each X_c goes through the core's own share check (encode, then decodeShare). On P-256",
  '(h = 1) that is the whole test: every other curve point has order p. None fails:',
);
const g = suite.group;
const captured = g.decodeShare(sharePA, 'pA');
const candidates = ['000000', '000001', '123456', '271828', '314159', '424242', '999999'];
const salt = new Uint8Array();
const wOf = (code: string, s = suite) => deriveW(s, { code, salt, scrypt: TEST_ONLY_SCRYPT });
let allValid = true;
for (const code of candidates) {
  const Xc = captured.subtract(suite.M.multiply(wOf(code)));
  allValid &&= passesShareCheck(g, Xc);
  show(`X_${code}`, Xc.toBytes());
}
const Xtrue = captured.subtract(suite.M.multiply(w));
show('X_(true w)', Xtrue.toBytes());
claim(
  `all ${candidates.length} candidate X_c pass the share check, like the true X`,
  allValid && passesShareCheck(g, Xtrue),
);
const distinct = new Set(
  [...candidates.map((c) => wOf(c)), w].map((wc) =>
    Buffer.from(captured.subtract(suite.M.multiply(wc)).toBytes()).toString('hex'),
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
say('The check is real — it refuses what would rule a code out:');
expectError('the identity (SEC1: the single byte 00)', 'SPAKE2_ERR_ENCODING', () =>
  g.decodeShare(new Uint8Array([0]), 'X_c'),
);
const offCurve = Xtrue.toBytes();
offCurve[64] = (offCurve[64] as number) ^ 1; // y ± 1: off the curve (x's other y is q − y)
expectError('X with its last byte changed', 'SPAKE2_ERR_NOT_ON_CURVE', () =>
  g.decodeShare(offCurve, 'X_c'),
);
say('(Candidate w_c use TEST_ONLY_SCRYPT for speed; the argument holds for any w.)');

heading('edwards25519 (h = 8): the same test where "order p" is a real property');
say(
  'Here the curve has points outside the subgroup of order p (lesson 2), so a candidate could',
  'also be ruled out by an X_c with a torsion part. The check now has two halves: decodeShare',
  '(not the identity, not of small order) and p·X_c = I (isTorsionFree).',
);
const ed = EDWARDS25519_SHA256;
const trueCode = '424242';
throwaway(`the code ${trueCode}, its w and x`);
const wEd = wOf(trueCode, ed);
const xEd = randomScalar(ed.group, seededRandom('lesson 4: edwards25519 x'));
show('w', wEd);
show('x', xEd);
const capturedEd = ed.group.decodeShare(pA(ed, wEd, xEd).toBytes(), 'pA');
show('pA', capturedEd.toBytes());
const XcEd = candidates.map((code) => capturedEd.subtract(ed.M.multiply(wOf(code, ed))));
claim(
  `all ${candidates.length} X_c (the true code ${trueCode} among them) pass decodeShare and have order p`,
  XcEd.every((Xc) => passesShareCheck(ed.group, Xc) && Xc.isTorsionFree()),
);
claim(
  'X_c of the true code is X = x·P, and of no other code',
  XcEd.filter((Xc) => Xc.equals(ed.group.P.multiply(xEd))).length === 1 &&
    XcEd[candidates.indexOf(trueCode)]?.equals(ed.group.P.multiply(xEd)) === true,
);
const T = ed.group.decodeConstant(EDWARDS25519_TORSION[1] as string);
claim(
  'neither half is vacuous: T (order 8) fails decodeShare, and each X_c + T passes it but has no order p',
  !passesShareCheck(ed.group, T) &&
    XcEd.every((Xc) => passesShareCheck(ed.group, Xc.add(T)) && !Xc.add(T).isTorsionFree()),
);
say(
  'A torsion part would stand out, but pA − w_c·M never has one: pA and M both lie in the',
  'subgroup of order p, so every X_c does too, whatever c is.',
);

heading('The one-line argument (RFC 9382 §3.3, security proof cited in §7)');
say(
  'x is uniform in [0, p), so X = x·P is uniform over the group; adding the fixed w·M is a',
  'bijection, so pA is uniform over the group WHATEVER w is: Pr[pA | code c] = 1/p for every',
  'c. A recorded pA (and likewise pB) carries no information about the code, and no guess',
  'can be tested offline without solving a Diffie-Hellman problem.',
);
done();
