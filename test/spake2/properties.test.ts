/**
 * fast-check properties over both suites. Few runs by default; SPAKE2_PROPERTY_RUNS=500 for a
 * slow job. Sessions derive w from codes with the cheap TEST_ONLY_SCRYPT parameters.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  bytesToHex,
  deriveW,
  EDWARDS25519_SHA256,
  EDWARDS25519_TORSION,
  P256_SHA256,
  Spake2Error,
  Spake2Session,
  TEST_ONLY_SCRYPT,
  TT,
  type Role,
  type Suite,
} from '../../src/spake2/index.js';

const numRuns = Number(process.env.SPAKE2_PROPERTY_RUNS ?? 12);
const suites = [P256_SHA256, EDWARDS25519_SHA256];
const code = fc.stringMatching(/^[0-9]{1,8}$/);
const identity = fc.string({ minLength: 1, maxLength: 24 });
const aad = fc.uint8Array({ maxLength: 40 });

interface Setup {
  suite: Suite;
  codeA: string;
  codeB: string;
  idA: string;
  idB: string;
  aadA: Uint8Array;
  aadB: Uint8Array;
}

function party(s: Setup, role: Role) {
  return new Spake2Session({
    role,
    suite: s.suite,
    idA: s.idA,
    idB: s.idB,
    aad: role === 'A' ? s.aadA : s.aadB,
    secret: {
      password: {
        code: role === 'A' ? s.codeA : s.codeB,
        salt: new Uint8Array(),
        scrypt: TEST_ONLY_SCRYPT,
      },
    },
  });
}

/** One message changed on its way: `change` gets the honest bytes and returns what arrives. */
type Tamper = { msg: 'pA' | 'pB' | 'cA' | 'cB'; change: (m: Uint8Array) => Uint8Array };

/** XOR `mask` into the byte at `index` (mod the length). */
const flip = (index: number, mask: number) => (m: Uint8Array) => {
  const out = m.slice();
  const i = index % out.length;
  out[i] = (out[i] as number) ^ mask;
  return out;
};

/** The whole flow; returns both keys, or the thrown error, and the messages as delivered. */
function exchange(s: Setup, tamper?: Tamper) {
  const a = party(s, 'A');
  const b = party(s, 'B');
  const delivered: Partial<Record<string, Uint8Array>> = {};
  const touch = (name: string, m: Uint8Array) => {
    const out = tamper?.msg === name ? tamper.change(m) : m;
    delivered[name] = out;
    return out;
  };
  try {
    const pA = touch('pA', a.start());
    const pB = touch('pB', b.start());
    b.receiveShare(pA);
    a.receiveShare(pB);
    b.verify(touch('cA', a.confirm()));
    a.verify(touch('cB', b.confirm()));
    return { delivered, keys: [bytesToHex(a.sessionKey()), bytesToHex(b.sessionKey())] };
  } catch (error) {
    return { delivered, error };
  }
}

/**
 * The one code a session must fail with when it receives `share` (pA or pB) and every other
 * message is honest: the group's own decode check decides first; a share that decodes gives
 * K = I only if h·(share − w·mask) = I (RFC 9382 §3.3), and otherwise a K the sender does not
 * have, so confirmation fails.
 */
function expectedShareError(s: Setup, msg: 'pA' | 'pB', share: Uint8Array): string {
  let peer;
  try {
    peer = s.suite.group.decodeShare(share, msg);
  } catch (e) {
    assert.instance(e, Spake2Error, 'decodeShare throws only Spake2Error');
    return (e as Spake2Error).code;
  }
  const w = deriveW(s.suite, { code: s.codeA, salt: new Uint8Array(), scrypt: TEST_ONLY_SCRYPT });
  const mask = msg === 'pA' ? s.suite.M : s.suite.N;
  const unmasked = peer.subtract(mask.multiply(w)).clearCofactor();
  return unmasked.isIdentity() ? 'SPAKE2_ERR_K_IDENTITY' : 'SPAKE2_ERR_CONFIRMATION';
}

for (const suite of suites) {
  const setup = fc
    .record({ codeA: code, idA: identity, idB: identity, aadA: aad })
    .map((r): Setup => ({ suite, ...r, codeB: r.codeA, aadB: r.aadA }));

  test(`${suite.name}: same code, identities and AAD → both confirm with equal Ke`, () => {
    fc.assert(
      fc.property(setup, (s) => {
        const r = exchange(s);
        assert.ok(r.keys, `failed: ${String(r.error)}`);
        assert.is(r.keys?.[0], r.keys?.[1]);
      }),
      { numRuns },
    );
  });

  test(`${suite.name}: a different code never confirms`, () => {
    fc.assert(
      fc.property(setup, code, (s, other) => {
        fc.pre(other !== s.codeA);
        const r = exchange({ ...s, codeB: other });
        assert.instance(r.error, Spake2Error);
        assert.is((r.error as Spake2Error).code, 'SPAKE2_ERR_CONFIRMATION');
      }),
      { numRuns },
    );
  });

  test(`${suite.name}: a changed byte in any message is never accepted`, () => {
    const tamper = fc.record({
      msg: fc.constantFrom('pA' as const, 'pB' as const, 'cA' as const, 'cB' as const),
      index: fc.nat(),
      mask: fc.integer({ min: 1, max: 255 }),
    });
    fc.assert(
      fc.property(setup, tamper, (s, t) => {
        const r = exchange(s, { msg: t.msg, change: flip(t.index, t.mask) });
        assert.instance(r.error, Spake2Error, 'the change must be rejected');
        const c = (r.error as Spake2Error).code;
        // A MAC keeps its length under a byte flip, so only the MAC comparison can catch it.
        const expected =
          t.msg === 'pA' || t.msg === 'pB'
            ? expectedShareError(s, t.msg, r.delivered[t.msg] as Uint8Array)
            : 'SPAKE2_ERR_CONFIRMATION';
        assert.is(c, expected, `${t.msg}[${t.index}] ^= ${t.mask}`);
      }),
      { numRuns: numRuns * 2 },
    );
  });

  // A random byte flip almost never yields a share that decodes on P-256, and never one with
  // K = I; these substitutes do, so both branches of expectedShareError are exercised.
  test(`${suite.name}: a substituted share that decodes fails exactly as predicted`, () => {
    const s: Setup = {
      suite,
      codeA: '123456',
      codeB: '123456',
      idA: 'agent',
      idB: 'human',
      aadA: new Uint8Array(),
      aadB: new Uint8Array(),
    };
    const g = suite.group;
    const w = deriveW(suite, { code: s.codeA, salt: new Uint8Array(), scrypt: TEST_ONLY_SCRYPT });
    const cases: Array<[string, Tamper, string]> = [
      [
        '−pB',
        { msg: 'pB', change: (m) => g.decodeShare(m, 'pB').negate().toBytes() },
        'SPAKE2_ERR_CONFIRMATION',
      ],
      [
        'pA = w·M',
        { msg: 'pA', change: () => suite.M.multiply(w).toBytes() },
        'SPAKE2_ERR_K_IDENTITY',
      ],
      [
        'pB = w·N',
        { msg: 'pB', change: () => suite.N.multiply(w).toBytes() },
        'SPAKE2_ERR_K_IDENTITY',
      ],
    ];
    if (g.h > 1n) {
      const T = g.decodeConstant(EDWARDS25519_TORSION[1] as string); // order 8
      const wNT = () => suite.N.multiply(w).add(T).toBytes(); // decodes: not of small order
      cases.push(['pB = w·N + T', { msg: 'pB', change: wNT }, 'SPAKE2_ERR_K_IDENTITY']);
    }
    for (const [name, tamper, expected] of cases) {
      const r = exchange(s, tamper);
      assert.instance(r.error, Spake2Error, name);
      assert.is((r.error as Spake2Error).code, expected, name);
      const share = r.delivered[tamper.msg] as Uint8Array;
      assert.is(expectedShareError(s, tamper.msg as 'pA' | 'pB', share), expected, name);
    }
  });

  test(`${suite.name}: element encode/decode round-trips`, () => {
    const g = suite.group;
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: g.p - 1n }), (k) => {
        const e = g.P.multiply(k);
        const bytes = e.toBytes();
        assert.is(bytes.length, g.elementLength);
        assert.ok(g.decodeShare(bytes, 'e').equals(e));
      }),
      { numRuns },
    );
  });

  test(`${suite.name}: TT length is 6·8 + |A| + |B| + 3·len(element) + len(p)`, () => {
    const g = suite.group;
    fc.assert(
      fc.property(identity, identity, fc.bigInt({ min: 1n, max: g.p - 1n }), (A, B, w) => {
        const e = g.P.multiply(w).toBytes();
        const a = new TextEncoder().encode(A);
        const b = new TextEncoder().encode(B);
        const tt = TT(suite, { A: a, B: b, pA: e, pB: e, K: e, w });
        assert.is(tt.length, 48 + a.length + b.length + 3 * g.elementLength + g.scalarLength);
      }),
      { numRuns },
    );
  });

  test(`${suite.name}: a w with leading zero bytes is padded to len(p) in TT`, () => {
    const g = suite.group;
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 200n) - 1n }), (w) => {
        const e = g.P.toBytes();
        const tt = TT(suite, { A: new Uint8Array(), B: new Uint8Array(), pA: e, pB: e, K: e, w });
        const tail = tt.slice(tt.length - g.scalarLength - 8);
        assert.is(tail[0], g.scalarLength, 'len(w) = len(p)');
        assert.is(BigInt('0x' + bytesToHex(tail.slice(8))), w);
        assert.is(tail[8], 0, 'leading zero byte kept');
      }),
      { numRuns },
    );
  });
}

test('w derivation: leading zeros in the code are significant, and w ∈ [1, p)', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[1-9][0-9]{0,5}$/), (c) => {
      const salt = new Uint8Array([1, 2, 3]);
      const w1 = deriveW(P256_SHA256, { code: c, salt, scrypt: TEST_ONLY_SCRYPT });
      const w0 = deriveW(P256_SHA256, { code: '0' + c, salt, scrypt: TEST_ONLY_SCRYPT });
      assert.is.not(w1, w0);
      assert.ok(w1 >= 1n && w1 < P256_SHA256.group.p);
    }),
    { numRuns },
  );
});

test.run();
