/**
 * Lesson 6 — the transcript TT byte by byte (RFC 9382 §3.3) and the key schedule (§4):
 * Hash(TT) = Ke || Ka, KcA || KcB = HKDF(Ka, nil, "ConfirmationKeys" || AAD), cA, cB.
 * Every value is checked against all four RFC 9382 Appendix B vectors.
 */
import {
  cA,
  cB,
  fromHex,
  K,
  KcAKcB,
  KeKa,
  P256_SHA256,
  Spake2Session,
  TT,
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
  show,
  title,
  utf8,
  type RfcVector,
} from '../kit.js';

title(6, 'The transcript TT and the keys it gives');

const suite = P256_SHA256;
const FIELDS = ['A', 'B', 'pA', 'pB', 'K', 'w'] as const;

/** TT for a vector, built by the core from the vector's inputs (K recomputed by A). */
function transcriptOf(v: RfcVector): Uint8Array {
  const w = big(v.w);
  const peer = suite.group.decodeShare(fromHex(v.pB, 'pB'), 'pB');
  return TT(suite, {
    A: utf8(v.A),
    B: utf8(v.B),
    pA: fromHex(v.pA, 'pA'),
    pB: fromHex(v.pB, 'pB'),
    K: K(suite, 'A', w, big(v.x), peer).toBytes(),
    w,
  });
}

/** Walk TT as len(S) || S six times, printing each length and field with its offset. */
function annotate(tt: Uint8Array): Uint8Array[] {
  const view = Buffer.from(tt);
  const fields: Uint8Array[] = [];
  let at = 0;
  for (const name of FIELDS) {
    const length = Number(view.readBigUInt64LE(at));
    const lenBytes = tt.slice(at, at + 8);
    say(`offset ${String(at).padStart(3)}: len(${name}) = ${length} (8 bytes, little-endian)`);
    show(`len(${name})`, lenBytes);
    const value = tt.slice(at + 8, at + 8 + length);
    const what =
      name === 'A' || name === 'B'
        ? `"${Buffer.from(value).toString('utf8')}" in ASCII`
        : name === 'w'
          ? 'big-endian, padded to len(p)'
          : 'SEC1 uncompressed point';
    say(`offset ${String(at + 8).padStart(3)}: ${name}, ${length} bytes, ${what}`);
    if (length > 0) show(name, value);
    fields.push(value);
    at += 8 + length;
  }
  claim(`the six fields use up TT exactly (${tt.length} bytes)`, at === tt.length);
  return fields;
}

function keySchedule(v: RfcVector, tt: Uint8Array): void {
  const hash = suite.hash(tt);
  show('Hash(TT)', hash);
  expect('Hash(TT)', hash, v['Hash(TT)']);
  const { Ke, Ka } = KeKa(suite, tt);
  show('Ke', Ke);
  show('Ka', Ka);
  expect('Ke (first half)', Ke, v.Ke);
  expect('Ka (second half)', Ka, v.Ka);
  const { KcA, KcB } = KcAKcB(suite, Ka, new Uint8Array());
  show('KcA', KcA);
  show('KcB', KcB);
  expect('KcA', KcA, v.KcA);
  expect('KcB', KcB, v.KcB);
  const macA = cA(suite, KcA, tt);
  const macB = cB(suite, KcB, tt);
  show('cA', macA);
  show('cB', macB);
  expect('cA = HMAC(KcA, TT)', macA, v['A conf']);
  expect('cB = HMAC(KcB, TT)', macB, v['B conf']);
}

const vectors = rfcVectors();
const first = vectors[0];
if (first === undefined) throw new Error('vectors/rfc9382.json has no vectors');

heading(`TT byte by byte — vector "${first.name}"`);
say(
  'TT = len(A)||A || len(B)||B || len(pA)||pA || len(pB)||pB || len(K)||K || len(w)||w',
  'len() is the byte count as 8 bytes little-endian; w is big-endian, padded to len(p) = 32;',
  "A's items always come first, whichever side computes TT.",
);
const tt = transcriptOf(first);
annotate(tt);
show('TT', tt);
expect('TT', tt, first.TT);

heading(`Key schedule (RFC 9382 §4) — vector "${first.name}"`);
say(
  'Hash(TT) = Ke || Ka (16 bytes each with SHA-256). Ke is the session key; Ka only keys',
  'confirmation: KcA || KcB = HKDF-SHA256(ikm = Ka, salt = nil, info = "ConfirmationKeys" || AAD,',
  'L = 32); cA = HMAC(KcA, TT), cB = HMAC(KcB, TT). These vectors use no AAD.',
);
keySchedule(first, tt);

for (const v of vectors.slice(1)) {
  heading(`Vector "${v.name}"`);
  const t = transcriptOf(v);
  const emptyAt = [v.A === '' ? 0 : -1, v.B === '' ? 8 + v.A.length : -1].filter((i) => i >= 0);
  for (const at of emptyAt) {
    const name = at === 0 ? 'A' : 'B';
    show(`len(${name})`, t.slice(at, at + 8));
    claim(
      `empty ${name} still takes its 8 zero length bytes`,
      t.slice(at, at + 8).every((b) => b === 0),
    );
  }
  show('TT', t);
  expect('TT', t, v.TT);
  keySchedule(v, t);
}

heading('AAD enters the confirmation keys only (RFC 9382 §3.2, §4)');
{
  const { Ka } = KeKa(suite, tt);
  const withAad = KcAKcB(suite, Ka, utf8('versions: 1'));
  show('KcA (AAD)', withAad.KcA);
  claim(
    'AAD = "versions: 1" changes KcA (Ke, from TT alone, cannot change)',
    Buffer.compare(withAad.KcA, fromHex(first.KcA, 'KcA')) !== 0,
  );
  const common = { idA: first.A, idB: first.B, secret: { w: big(first.w) } };
  const a = new Spake2Session({ ...common, role: 'A', scalar: big(first.x), aad: 'versions: 1' });
  const b = new Spake2Session({
    ...common,
    role: 'B',
    scalar: big(first.y),
    aad: 'versions: 1, 2',
  });
  const sharePA = a.start();
  const sharePB = b.start();
  b.receiveShare(sharePA);
  a.receiveShare(sharePB);
  expectError('sides that disagree on AAD fail confirmation', 'SPAKE2_ERR_CONFIRMATION', () =>
    b.verify(a.confirm()),
  );
}
done();
