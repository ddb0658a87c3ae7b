/**
 * Lesson 1 — why PAKE: a key derived from a 6-digit code, used straight away to encrypt, falls to
 * an offline brute force of one captured message. README.md explains; this script shows it.
 */
import { createCipheriv, createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { availableParallelism } from 'node:os';
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

const ITERATIONS = 1_000; // PBKDF2-HMAC-SHA256 iterations of the naive scheme
const OWASP_ITERATIONS = 600_000; // OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256
const CODES = 1_000_000;
const BLOCK = 10_000; // the declared sub-range we actually search

const keyFrom = (code: string, salt: Uint8Array, iterations: number): Buffer =>
  pbkdf2Sync(code, salt, iterations, 32, 'sha256');

title(1, 'Why PAKE: break the shortcut');

heading('The naive scheme');
say(
  'Agent and human share a 6-digit code. Both derive key = PBKDF2-HMAC-SHA256(code, salt,',
  `${count(ITERATIONS)} iterations, 32 bytes); the agent sends AES-256-GCM(key, iv, request)`,
  'with salt and iv in the clear. No code is ever "sent" — and yet:',
);
const random = seededRandom('lesson 1: naive scheme');
const code = codeOf(uniformInt(random, CODES));
const salt = random(16);
const iv = random(12);
const request = 'please send the login for airline.example';
throwaway('the code and the request');
show('code', code);
const key = keyFrom(code, salt, ITERATIONS);
const cipher = createCipheriv('aes-256-gcm', key, iv);
const ciphertext = Buffer.concat([cipher.update(utf8(request)), cipher.final()]);
const tag = cipher.getAuthTag();

heading('What an eavesdropper captures: one message');
show('salt', salt);
show('iv', iv);
show('ciphertext', ciphertext);
show('tag', tag);

/** The attacker's offline test of one guess: does the GCM tag verify under its key? */
function tryCode(guess: string, iterations: number): string | undefined {
  const d = createDecipheriv('aes-256-gcm', keyFrom(guess, salt, iterations), iv);
  d.setAuthTag(tag);
  const body = d.update(ciphertext);
  try {
    d.final(); // throws unless the tag verifies: a wrong key is told apart with certainty
    return body.toString('utf8');
  } catch {
    return undefined;
  }
}

heading('Offline brute force (no interaction with anyone)');
const start = Math.floor(Number(code) / BLOCK) * BLOCK;
say(
  `SUB-RANGE: the whole 10^6 codes at ${count(ITERATIONS)} iterations do not fit this lesson's`,
  `time box, so we search only codes ${codeOf(start)}–${codeOf(start + BLOCK - 1)} (${count(BLOCK)} codes,`,
  'the block that holds the code: the lesson knows it, an attacker would not). The full-space',
  'figures below are EXTRAPOLATED from the measured rate, not measured.',
);
const hits: { guess: string; plaintext: string }[] = [];
const { ms } = timed(() => {
  for (let i = start; i < start + BLOCK; i++) {
    const guess = codeOf(i);
    const plaintext = tryCode(guess, ITERATIONS);
    if (plaintext !== undefined) hits.push({ guess, plaintext });
  }
});
const rate = BLOCK / (ms / 1000);
say(
  `searched ${count(BLOCK)} guesses in ${duration(ms / 1000)}: ${count(rate)} guesses/s on one core`,
);
for (const h of hits) say(`recovered code ${h.guess}: "${h.plaintext}"`);
claim('exactly one guess in the block passes the GCM tag', hits.length === 1);
claim('it is the code, and the request decrypts', hits[0]?.guess === code);
claim('the plaintext is the request', hits[0]?.plaintext === request);
const full = CODES / rate;
const cores = availableParallelism();
const CODE_LIFE_S = 5 * 60;
const coresFor5Min = Math.ceil(full / CODE_LIFE_S);
say(
  `extrapolated: all 10^6 codes in ${duration(full)} on one core, ${duration(full / 2)} on average;`,
  `on the ${cores} core(s) of this machine ${duration(full / cores)} worst case —`,
  `${full / cores <= CODE_LIFE_S ? 'inside' : 'beyond'} a 5-minute code life here; ${count(coresFor5Min)} core(s) would do it inside.`,
  'And the code life does not even matter: the captured message, and everything later sent',
  'under the same key, decrypts whenever the search ends.',
);
heading(`More iterations only scale the cost linearly (${count(OWASP_ITERATIONS)} iterations)`);
const sample = 4;
const slow = timed(() => {
  for (let i = 0; i < sample; i++) tryCode(codeOf(i), OWASP_ITERATIONS);
});
const slowRate = sample / (slow.ms / 1000);
const slowFull = CODES / slowRate;
say(
  `measured ${sample} guesses at ${count(OWASP_ITERATIONS)} iterations: ${slowRate.toFixed(2)} guesses/s on one core`,
  `extrapolated: all 10^6 codes in ${duration(slowFull)} on one core — ${duration(slowFull / 1000)}`,
  'on 1000 rented cores. A delay, not a wall: 10^6 is simply too few values.',
);
claim(
  `${count(OWASP_ITERATIONS)} iterations cost about ${Math.round(rate / slowRate)}× more per guess, nothing more`,
  slowRate < rate,
);

heading('The lesson');
say(
  'Anything that lets a captured message test a guess offline breaks a short code: the',
  'attacker tries every value at its own pace. A PAKE (RFC 9382 §1, §3) makes every test',
  'need a live protocol run with the code holder — one guess per run (lesson 9).',
);
done();
