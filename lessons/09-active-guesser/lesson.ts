/**
 * Lesson 9 — the active guesser: a man in the middle who runs the protocol with a guessed code
 * tests exactly one guess per run. Measured on a 2-digit code space with a seeded RNG, then
 * scaled to 6 digits and the one-time-code rule (RFC 9382 §7; docs/security.md).
 */
import {
  cA,
  deriveW,
  EDWARDS25519_SHA256,
  K,
  KcAKcB,
  KeKa,
  randomScalar,
  Spake2Session,
  TEST_ONLY_SCRYPT,
  TT,
  type RandomBytes,
} from '../../src/spake2/index.js';
import {
  claim,
  codeOf,
  count,
  done,
  duration,
  heading,
  throwaway,
  say,
  seededRandom,
  timed,
  title,
  uniformInt,
  utf8,
} from '../kit.js';

title(9, 'The active guesser: one run, one guess');

const suite = EDWARDS25519_SHA256; // the faster shipped suite: 2000 runs fit the time box
const DIGITS = 2;
const SPACE = 10 ** DIGITS;
const RUNS = 2000;
const ids = { idA: 'agent', idB: 'human' };
const salt = utf8('lesson 9');
const honestRandom = seededRandom('lesson 9: honest A');
const attackerRandom = seededRandom('lesson 9: attacker');
const codeRandom = seededRandom('lesson 9: codes');

heading('The experiment');
say(
  `Tiny code space: ${DIGITS} digits (${SPACE} codes). Each run the agent (A) shows a fresh code — the`,
  'last one was burned — and a man in the middle, posing as the human (B), runs SPAKE2 with a',
  `guessed code. ${count(RUNS)} runs, seeded RNGs (deterministic), suite ${suite.name},`,
  'w from TEST_ONLY_SCRYPT (declared cheap MHF: the MHF plays no part in online guessing).',
);
throwaway('the codes, guesses and scalars of these runs');
const w = Array.from({ length: SPACE }, (_, i) =>
  deriveW(suite, { code: codeOf(i, DIGITS), salt, scrypt: TEST_ONLY_SCRYPT }),
);

interface Run {
  readonly code: number;
  readonly guess: number;
  readonly won: boolean;
  readonly view: { pA: Uint8Array; pB: Uint8Array; macA: Uint8Array; y: bigint };
}

/** One run: honest A with `code`, the attacker as B with `guess`. Success: A ends confirmed. */
function attack(code: number, guess: number, random: RandomBytes): Run {
  const a = new Spake2Session({
    ...ids,
    suite,
    role: 'A',
    secret: { w: w[code] as bigint },
    random,
  });
  const y = randomScalar(suite.group, attackerRandom);
  const mitm = new Spake2Session({
    ...ids,
    suite,
    role: 'B',
    secret: { w: w[guess] as bigint },
    scalar: y,
  });
  const pA = a.start();
  const pB = mitm.start();
  mitm.receiveShare(pA);
  a.receiveShare(pB);
  const macA = a.confirm();
  try {
    mitm.verify(macA); // the attacker learns whether its guess was right …
    a.verify(mitm.confirm()); // … and if so, completes the session
  } catch {
    // wrong guess: the attacker cannot produce cB; A times out or rejects; the code is burned
  }
  return { code, guess, won: a.state === 'confirmed', view: { pA, pB, macA, y } };
}

const { value: runs, ms } = timed(() =>
  Array.from({ length: RUNS }, () =>
    attack(uniformInt(codeRandom, SPACE), uniformInt(attackerRandom, SPACE), honestRandom),
  ),
);
const wins = runs.filter((r) => r.won).length;
const p = 1 / SPACE;
const mean = RUNS * p;
const sigma = Math.sqrt(RUNS * p * (1 - p));
say(
  `${count(RUNS)} runs in ${duration(ms / 1000)} (${(ms / RUNS).toFixed(1)} ms per run, both sides)`,
);
say(`successful impersonations: ${wins} of ${RUNS} = ${((wins / RUNS) * 100).toFixed(2)}%`);
say(
  `predicted: 1/${SPACE} = ${(p * 100).toFixed(2)}% → ${mean} ± ${sigma.toFixed(2)} (binomial σ)`,
);
claim(
  `measured count within 4σ of the prediction: |${wins} − ${mean}| ≤ ${(4 * sigma).toFixed(1)}`,
  Math.abs(wins - mean) <= 4 * sigma,
);
claim(
  'every run succeeded exactly when guess = code: the run tested that one guess and no other',
  runs.every((r) => r.won === (r.guess === r.code)),
);

heading('After a failed run, can the attacker test the other codes offline?');
const failed = runs.find((r) => !r.won);
if (failed === undefined) throw new Error('no failed run');
say(
  `Run with code ${codeOf(failed.code, DIGITS)}, guess ${codeOf(failed.guess, DIGITS)}. The attacker holds pA, its pB, its y, and cA.`,
  'Its only handle: for candidate c, K_c = h·y·(pA − w_c·M), then TT and cA as A would.',
);
let matches = 0;
const receivedPA = suite.group.decodeShare(failed.view.pA, 'pA');
for (let c = 0; c < SPACE; c++) {
  const wc = w[c] as bigint;
  const kc = K(suite, 'B', wc, failed.view.y, receivedPA).toBytes();
  const tt = TT(suite, {
    A: utf8(ids.idA),
    B: utf8(ids.idB),
    pA: failed.view.pA,
    pB: failed.view.pB,
    K: kc,
    w: wc,
  });
  const { KcA } = KcAKcB(suite, KeKa(suite, tt).Ka, new Uint8Array());
  if (Buffer.compare(cA(suite, KcA, tt), failed.view.macA) === 0) matches++;
}
say(`all ${SPACE} candidates tested: ${matches} reproduce cA`);
claim(`none does — not even the true code ${codeOf(failed.code, DIGITS)}`, matches === 0);
say(
  "A used K = h·x·(pB − w·N) with the attacker's pB = w_guess·N + y·P, so K = h·x·y·P +",
  'h·x·(w_guess − w)·N: the second term needs CDH(X, N). The failed run is spent.',
);

heading('Scaled to the product: 6 digits, one-time codes');
const SIX = 1e6;
say(
  'Per run, success = 1/10^6. The application must burn a code after one failed confirmation',
  "(the protocol does not count attempts; this project's pairing, with remote mode, will),",
  'so every run faces a fresh uniform code and T runs succeed with probability',
  '1 − (1 − 10^-6)^T ≤ T·10^-6:',
);
for (const T of [1, 10, 1000, 100_000]) {
  const exact = 1 - (1 - 1 / SIX) ** T;
  say(
    `  T = ${count(T).padStart(7)} runs → ${exact.toExponential(2)}  (bound ${(T / SIX).toExponential(2)})`,
  );
}
say(
  'Each run needs the human to type a code into an attacker, and each failure is visible.',
  'Without the burn rule the attacker could walk through all 10^6 codes one run at a time;',
  `with it, even ${count(100_000)} runs give under 10%.`,
);
done();
