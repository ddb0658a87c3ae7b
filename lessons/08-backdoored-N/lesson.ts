/**
 * Lesson 8 — a backdoored N: if the attacker knows n with N = n·P, one protocol run with an honest
 * A gives an offline dictionary attack on the code. With the real N (regenerated from its seed in
 * lesson 2) the same computation has nothing to work with (RFC 9382 §6, §7, Appendix A).
 */
import {
  cA,
  cB,
  DEFAULT_SCRYPT,
  deriveW,
  KcAKcB,
  KeKa,
  P256_SHA256,
  randomScalar,
  Spake2Session,
  TEST_ONLY_SCRYPT,
  TT,
  withMN,
  type Suite,
} from '../../src/spake2/index.js';
import {
  claim,
  codeOf,
  count,
  done,
  duration,
  heading,
  say,
  seededRandom,
  show,
  throwaway,
  timed,
  title,
  uniformInt,
  utf8,
} from '../kit.js';

title(8, 'A backdoored N: one session, then an offline dictionary attack');

const CODES = 1_000_000;
const BLOCK = 500;
const LIFE_S = 300; // a pairing code lives 5 minutes
const real = P256_SHA256;
const g = real.group;
const random = seededRandom('lesson 8: backdoor');
const n = randomScalar(g, random);
const backdoored = withMN(
  real,
  real.M,
  g.P.multiply(n),
  'lesson 8: N = n·P, n known to the attacker',
);
const ids = { idA: 'agent', idB: 'human' };
const salt = utf8('pairing 8d2e');
const code = codeOf(uniformInt(random, CODES));
const y = randomScalar(g, random);

heading('The setup');
say(
  'Someone shipped a suite whose N they made as N = n·P, keeping n (withMN builds it; the',
  'real N comes from a seed nobody can steer — lesson 2). M is the honest one.',
);
throwaway('n, y, the code and everything derived from them');
show('n', n);
show('N = n·P', backdoored.N.toBytes());
show('code', code);
say(
  "CHEAP MHF: w is derived with TEST_ONLY_SCRYPT (N = 16, r = 1), not the product's",
  `N = ${DEFAULT_SCRYPT.N}, r = ${DEFAULT_SCRYPT.r}; the cost of the real one is extrapolated below.`,
);

/** One run: honest A with `suite` against the attacker playing B with pB = y·P (no code needed). */
function honestRun(suite: Suite) {
  const a = new Spake2Session({
    ...ids,
    suite,
    role: 'A',
    secret: { password: { code, salt, scrypt: TEST_ONLY_SCRYPT } },
  });
  const sharePA = a.start();
  const sharePB = g.P.multiply(y).toBytes(); // the attacker's "share": no w·N in it at all
  a.receiveShare(sharePB);
  return { a, sharePA, sharePB, macA: a.confirm() };
}

/**
 * The attacker's offline test of one candidate code. For the right w, A computed
 * K = x·(pB − w·N) = x·(y − w·n)·P = (y − w·n)·(pA − w·M): no x needed, only n.
 */
function candidate(suite: Suite, run: ReturnType<typeof honestRun>, guess: string) {
  const w = deriveW(suite, { code: guess, salt, scrypt: TEST_ONLY_SCRYPT });
  const s = (((y - w * n) % g.p) + g.p) % g.p;
  const X = g.decodeShare(run.sharePA, 'pA').subtract(suite.M.multiply(w));
  const K = X.multiply(s).toBytes();
  const tt = TT(suite, {
    A: utf8(ids.idA),
    B: utf8(ids.idB),
    pA: run.sharePA,
    pB: run.sharePB,
    K,
    w,
  });
  const { KcA, KcB } = KcAKcB(suite, KeKa(suite, tt).Ka, new Uint8Array());
  return { hit: Buffer.compare(cA(suite, KcA, tt), run.macA) === 0, cB: cB(suite, KcB, tt) };
}

function search(suite: Suite, run: ReturnType<typeof honestRun>, from: number) {
  const hits: { guess: string; cB: Uint8Array }[] = [];
  const { ms } = timed(() => {
    for (let i = from; i < from + BLOCK; i++) {
      const c = candidate(suite, run, codeOf(i));
      if (c.hit) hits.push({ guess: codeOf(i), cB: c.cB });
    }
  });
  return { hits, rate: BLOCK / (ms / 1000), ms };
}

heading('One active session: the attacker plays B');
const run = honestRun(backdoored);
show('pA', run.sharePA);
show('pB = y·P', run.sharePB);
show('cA', run.macA);
say('A has sent cA and waits for cB. The attacker goes offline with pA, pB, cA.');

heading('Offline: test codes against cA');
const from = Math.floor(Number(code) / BLOCK) * BLOCK;
say(
  `SUB-RANGE: we test only codes ${codeOf(from)}–${codeOf(from + BLOCK - 1)} (${BLOCK} codes, the block that`,
  'holds the code — the lesson knows it, the attacker would not). Full-space times below are',
  'EXTRAPOLATED from the measured rate.',
);
const found = search(backdoored, run, from);
say(
  `${BLOCK} candidates in ${duration(found.ms / 1000)}: ${count(found.rate)} guesses/s on one core`,
);
for (const h of found.hits) say(`cA matches for code ${h.guess}`);
claim('exactly one candidate reproduces cA', found.hits.length === 1);
claim('it is the code', found.hits[0]?.guess === code);

heading('…and the attacker completes the session as B');
const forged = found.hits[0]?.cB ?? new Uint8Array(32);
show('cB (forged)', forged);
run.a.verify(forged);
claim(
  'honest A verifies the forged cB and is "confirmed" with the attacker',
  run.a.state === 'confirmed',
);

heading("Time against the code's 5-minute life");
const full = CODES / found.rate;
const scryptMs = timed(() => deriveW(real, { code: '000000', salt })).ms;
const fullReal = full + (CODES * scryptMs) / 1000;
say(
  `cheap MHF:   all 10^6 codes in ${duration(full)} on one core (${duration(full / 2)} on average);`,
  `             inside 5 minutes with ${Math.ceil(full / LIFE_S)} cores.`,
  `product MHF: + ${scryptMs.toFixed(0)} ms of scrypt per guess → ${duration(fullReal)} on one core;`,
  `             inside 5 minutes with ${count(Math.ceil(fullReal / LIFE_S))} rented cores.`,
  'The MHF buys time, not safety: with a known log N the code is open to offline search.',
);

heading('The same attack against the real N');
const honest = honestRun(real);
show('pA', honest.sharePA);
show('cA', honest.macA);
const nothing = search(real, honest, from);
say(`${BLOCK} candidates tested, ${nothing.hits.length} match — the true code ${code} among them.`);
claim('no candidate reproduces cA, not even the true code', nothing.hits.length === 0);
say(
  'With the real N, A computed K = x·(y·P − w·N) = y·X − w·(x·N). The attacker knows y and,',
  'per guess, X = pA − w·M; but x·N is the Diffie-Hellman value of X and N, and without',
  'log_P(N) that is CDH. The guess can only be tested by running the protocol: one guess per',
  'run (lesson 9).',
);
done();
