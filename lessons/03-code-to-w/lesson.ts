/**
 * Lesson 3 — from code to w: our memory-hard derivation (RFC 9382 §3.2 leaves it to the
 * application), the reduction mod p, why 64 extra bits, and why leading zeros matter.
 */
import { scrypt } from '@noble/hashes/scrypt.js';
import {
  bytesToNumberBE,
  DEFAULT_SCRYPT,
  deriveW,
  EDWARDS25519_SHA256,
  P256_SHA256,
  W_LABEL,
  type Suite,
  lengthPrefixed,
} from '../../src/spake2/index.js';
import {
  claim,
  done,
  duration,
  heading,
  say,
  show,
  throwaway,
  timed,
  title,
  utf8,
} from '../kit.js';

title(3, 'From code to w: the MHF, the reduction mod p, 64 extra bits');

const suite = P256_SHA256;
const code = '012345';
const salt = utf8('pairing 7f3a');

heading(
  'Our definition (docs/protocol.md; RFC 9382 §3.2: "MUST define the method used to compute w")',
);
say(
  'w = scrypt(password = code as ASCII digits,',
  '           salt = len(label)||label || len(suite)||suite || len(salt)||salt,',
  `           N = ${DEFAULT_SCRYPT.N}, r = ${DEFAULT_SCRYPT.r}, p = ${DEFAULT_SCRYPT.p}, dkLen = len(p) + 8 = ${suite.group.scalarLength + 8} bytes)`,
  '    read big-endian, mod p',
);
throwaway('the code, its salt and w');
show('code', code);
show('password', utf8(code));

heading("Step by step (recomputed here, then checked against the core's deriveW)");
const scryptSalt = lengthPrefixed(utf8(W_LABEL), utf8(suite.name), salt);
show('S', scryptSalt);
const dkLen = suite.group.scalarLength + 8;
const mhf = timed(() => scrypt(utf8(code), scryptSalt, { ...DEFAULT_SCRYPT, dkLen }));
show('MHF(code)', mhf.value);
say(
  `${dkLen} bytes = ${dkLen * 8} bits, in ${duration(mhf.ms / 1000)} (32 MiB of memory per guess)`,
);
const w = bytesToNumberBE(mhf.value) % suite.group.p;
show('p', suite.group.p);
show('w', w);
claim(
  "MHF(code) mod p equals the core's deriveW(suite, { code, salt })",
  w === deriveW(suite, { code, salt }),
);
claim('w lies in [1, p)', w >= 1n && w < suite.group.p);

heading('Why 64 extra bits: the bias of "mod", on a toy modulus 200');
/** The exact distribution of (uniform bits-bit value) mod m: how many inputs land on each residue. */
function preimages(bits: number, m: number): number[] {
  const counts = new Array<number>(m).fill(0);
  for (let v = 0; v < 2 ** bits; v++) counts[v % m] = (counts[v % m] ?? 0) + 1;
  return counts;
}
const ratios: number[] = [];
for (const bits of [8, 16]) {
  const counts = preimages(bits, 200);
  const max = Math.max(...counts);
  const min = Math.min(...counts);
  const heavy = counts.filter((c) => c === max).length;
  ratios.push(max / min);
  say(
    `${bits}-bit input mod 200: residues 0–${heavy - 1} occur ${max}×, the rest ${min}× →` +
      ` max/min = ${(max / min).toFixed(4)}`,
  );
}
claim('8 bits for a modulus of ~8 bits: some residues are twice as likely', ratios[0] === 2);
claim(
  '8 extra bits: max/min = 1 + 1/327 ≈ 1 + 2^-8 — each extra bit halves the bias',
  ratios[1] === 328 / 327,
);

heading('The same arithmetic on the real p');
for (const s of [P256_SHA256, EDWARDS25519_SHA256] as Suite[]) {
  const p = s.group.p;
  for (const outBits of [256, 320]) {
    const total = 2n ** BigInt(outBits);
    const q = total / p; // every residue has q or q + 1 preimages
    const ratio =
      outBits === 256 ? `${q + 1n}/${q}` : `1 + 2^${Math.log2(1 / Number(q)).toFixed(1)}`;
    say(`${s.group.name.padEnd(12)} ${outBits}-bit output mod p: max/min = ${ratio}`);
    if (outBits === 320)
      claim(`${s.group.name}: with 64 extra bits the bias is below 2^-63`, q > 2n ** 63n);
  }
}
say(
  'A 256-bit hash mod p would make the P-256 residues below 2^256 − p (a 2^-32 share) twice',
  'as likely, and on edwards25519 (p ≈ 2^252) almost every residue 16/15 as likely as the',
  'rest. 8 more bytes make that invisible (RFC 9382 §3.2, citing NIST SP 800-56A).',
);

heading('Leading zeros are part of the code');
const other = deriveW(suite, { code: '12345', salt });
show('w("12345")', other);
claim(
  '"012345" and "12345" give different w — the code is a string of digits, not a number',
  other !== w,
);
const otherSuite = deriveW(EDWARDS25519_SHA256, { code, salt });
claim(
  'the suite name is in the salt: the same code gives another w on edwards25519',
  otherSuite !== w,
);
const otherSalt = deriveW(suite, { code, salt: utf8('pairing 7f3b') });
claim('and another pairing salt gives another w', otherSalt !== w);
done();
