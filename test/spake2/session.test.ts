/**
 * The session state machine: legal order only, terminal failure, Ke only after the peer's MAC,
 * and no secret reachable through toString, util.inspect, JSON.stringify, events or errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import {
  bytesToHex,
  deriveW,
  EDWARDS25519_SHA256,
  fromHex,
  K,
  KcAKcB,
  KeKa,
  P256_SHA256,
  Spake2Error,
  SPAKE2_ERROR_CODES,
  Spake2Session,
  TEST_ONLY_SCRYPT,
  TT,
  W_LABEL,
  type SessionEvent,
} from '../../src/spake2/index.js';

const v = JSON.parse(readFileSync(new URL('../../vectors/rfc9382.json', import.meta.url), 'utf8'))
  .vectors[0];
const big = (h: string) => BigInt('0x' + h);

function pair(observer?: (e: SessionEvent) => void) {
  const common = { idA: v.A, idB: v.B, secret: { w: big(v.w) }, observer };
  return {
    a: new Spake2Session({ ...common, role: 'A', scalar: big(v.x) }),
    b: new Spake2Session({ ...common, role: 'B', scalar: big(v.y) }),
  };
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof Spake2Error ? e.code : `not a Spake2Error: ${String(e)}`;
  }
  return undefined;
}

test('walkthrough: the four messages in flow order, both confirmed', () => {
  const { a, b } = pair();
  assert.is(a.state, 'idle');
  const pA = a.start(); //                          A ──pA──▶ B
  const pB = b.start(); //                          A ◀──pB── B
  b.receiveShare(pA);
  a.receiveShare(pB);
  assert.is(a.state, 'haveKey');
  b.verify(a.confirm()); //                         A ──cA──▶ B
  a.verify(b.confirm()); //                         A ◀──cB── B
  assert.is(a.state, 'confirmed');
  assert.is(b.state, 'confirmed');
  assert.equal(a.sessionKey(), b.sessionKey());
});

test('illegal transitions throw SPAKE2_ERR_STATE', () => {
  const { a, b } = pair();
  assert.is(
    code(() => a.receiveShare(fromHex(v.pB, 'pB'))),
    'SPAKE2_ERR_STATE',
  );
  const { a: a2, b: b2 } = pair();
  a2.start();
  assert.is(
    code(() => a2.start()),
    'SPAKE2_ERR_STATE',
    'start twice',
  );
  assert.is(
    code(() => a2.confirm()),
    'SPAKE2_ERR_STATE',
    'confirm before the peer share',
  );
  assert.is(
    code(() => a2.sessionKey()),
    'SPAKE2_ERR_STATE',
  );
  b2.start();
  b2.receiveShare(fromHex(v.pA, 'pA'));
  assert.is(
    code(() => b2.confirm()),
    'SPAKE2_ERR_STATE',
    'B sends cB only after verifying cA',
  );
  assert.is(
    code(() => b2.sessionKey()),
    'SPAKE2_ERR_STATE',
    'no Ke before the peer is confirmed',
  );
  void b;
});

test('A holds Ke back until cB verified', () => {
  const { a, b } = pair();
  const pA = a.start();
  b.start();
  b.receiveShare(pA);
  a.receiveShare(fromHex(v.pB, 'pB'));
  b.verify(a.confirm());
  assert.is(
    code(() => a.sessionKey()),
    'SPAKE2_ERR_STATE',
  );
  a.verify(b.confirm());
  assert.is(bytesToHex(a.sessionKey()), v.Ke);
});

test('a failed session is terminal and cannot be reused', () => {
  const { b } = pair();
  b.start();
  b.receiveShare(fromHex(v.pA, 'pA'));
  const bad = fromHex(v['A conf'], 'cA');
  bad[5] = (bad[5] as number) ^ 0x80;
  assert.is(
    code(() => b.verify(bad)),
    'SPAKE2_ERR_CONFIRMATION',
  );
  assert.is(b.state, 'failed');
  assert.is(
    code(() => b.verify(fromHex(v['A conf'], 'cA'))),
    'SPAKE2_ERR_STATE',
    'no second guess',
  );
  assert.is(
    code(() => b.confirm()),
    'SPAKE2_ERR_STATE',
  );
  assert.is(
    code(() => b.sessionKey()),
    'SPAKE2_ERR_STATE',
  );
});

test('a non-Spake2Error in a step: rethrown as is, failed event says SPAKE2_ERR_INTERNAL', () => {
  const events: SessionEvent[] = [];
  const bug = new Error('observer bug');
  const { a } = pair((e) => {
    events.push(e);
    if (e.kind === 'message') throw bug; // throws inside start(), after pA is computed
  });
  let thrown: unknown;
  try {
    a.start();
  } catch (e) {
    thrown = e;
  }
  assert.is(thrown, bug, 'the caller gets the original error, not a wrapped one');
  assert.is(a.state, 'failed');
  const failed = events.filter((e) => e.kind === 'failed');
  assert.equal(failed, [{ kind: 'failed', code: 'SPAKE2_ERR_INTERNAL' }]);
  assert.ok('SPAKE2_ERR_INTERNAL' in SPAKE2_ERROR_CODES, 'a listed code');
  assert.equal(events.at(-1), { kind: 'state', from: 'idle', to: 'failed' });
});

test('a Spake2Error in a step: the failed event carries its own code', () => {
  const events: SessionEvent[] = [];
  const { b } = pair((e) => events.push(e));
  b.start();
  assert.is(
    code(() => b.receiveShare(new Uint8Array(65))),
    'SPAKE2_ERR_ENCODING',
  );
  assert.equal(
    events.filter((e) => e.kind === 'failed'),
    [{ kind: 'failed', code: 'SPAKE2_ERR_ENCODING' }],
  );
});

test('empty identities need an explicit opt-in', () => {
  const opts = { role: 'A' as const, idA: '', idB: 'client', secret: { w: 5n } };
  assert.is(
    code(() => new Spake2Session(opts)),
    'SPAKE2_ERR_INPUT',
  );
  assert.ok(new Spake2Session({ ...opts, allowEmptyIdentities: true }));
});

test('injected scalars and w must lie in [1, p)', () => {
  const p = P256_SHA256.group.p;
  const base = { role: 'A' as const, idA: 'a', idB: 'b' };
  assert.is(
    code(() => new Spake2Session({ ...base, secret: { w: 0n } })),
    'SPAKE2_ERR_INPUT',
  );
  assert.is(
    code(() => new Spake2Session({ ...base, secret: { w: p } })),
    'SPAKE2_ERR_INPUT',
  );
  assert.is(
    code(() => new Spake2Session({ ...base, secret: { w: 1n }, scalar: p })),
    'SPAKE2_ERR_INPUT',
  );
});

test('w derivation follows docs/protocol.md: recomputed with node:crypto scrypt', () => {
  const suite = EDWARDS25519_SHA256;
  const salt = new TextEncoder().encode('pairing-session-42');
  const lp = (b: Uint8Array) => {
    const n = Buffer.alloc(8);
    n.writeBigUInt64LE(BigInt(b.length));
    return Buffer.concat([n, b]);
  };
  const S = Buffer.concat([lp(Buffer.from(W_LABEL)), lp(Buffer.from(suite.name)), lp(salt)]);
  const okm = scryptSync(Buffer.from('004217'), S, 40, { N: 16, r: 1, p: 1 });
  const expected = big(okm.toString('hex')) % suite.group.p;
  assert.is(deriveW(suite, { code: '004217', salt, scrypt: TEST_ONLY_SCRYPT }), expected);
  assert.is(
    code(() => deriveW(suite, { code: '12a456', salt })),
    'SPAKE2_ERR_INPUT',
  );
});

test('no secret is reachable through toString, inspect, JSON, events or errors', () => {
  // The RFC vector's secrets, and the intermediate values a careless implementation might keep.
  const suite = P256_SHA256;
  const w = big(v.w);
  const X = suite.group.P.multiply(big(v.x));
  const Y = suite.group.P.multiply(big(v.y));
  const k = K(suite, 'A', w, big(v.x), suite.group.decodeShare(fromHex(v.pB, 'pB'), 'pB'));
  const enc = (s: string) => new TextEncoder().encode(s);
  const tt = TT(suite, {
    A: enc(v.A),
    B: enc(v.B),
    pA: fromHex(v.pA, ''),
    pB: fromHex(v.pB, ''),
    K: k.toBytes(),
    w,
  });
  const { Ke, Ka } = KeKa(suite, tt);
  const { KcA, KcB } = KcAKcB(suite, Ka, new Uint8Array());
  const secrets: Record<string, string> = {
    w: v.w,
    x: v.x,
    y: v.y,
    X: bytesToHex(X.toBytes()).slice(2, 40),
    Y: bytesToHex(Y.toBytes()).slice(2, 40),
    'w·M': bytesToHex(suite.M.multiply(w).toBytes()).slice(2, 40),
    'w·N': bytesToHex(suite.N.multiply(w).toBytes()).slice(2, 40),
    K: v.K.slice(2, 40),
    TT: v.TT.slice(200, 260),
    'Hash(TT)': v['Hash(TT)'],
    Ke: bytesToHex(Ke),
    Ka: bytesToHex(Ka),
    KcA: bytesToHex(KcA),
    KcB: bytesToHex(KcB),
  };
  const seen: string[] = [];
  const { a, b } = pair((e) => seen.push(JSON.stringify(e)));
  const dump = (s: Spake2Session) =>
    seen.push(String(s), `${s}`, inspect(s, { showHidden: true, depth: 9 }), JSON.stringify(s));
  const pA = a.start();
  const pB = b.start();
  dump(a);
  b.receiveShare(pA);
  a.receiveShare(pB);
  dump(a);
  dump(b);
  b.verify(a.confirm());
  a.verify(b.confirm());
  dump(a);
  dump(b);
  seen.push(inspect(X), JSON.stringify({ X, k }), String(k));
  const failing = pair((e) => seen.push(JSON.stringify(e))).b;
  failing.start();
  failing.receiveShare(pA);
  try {
    failing.verify(new Uint8Array(32));
  } catch (e) {
    seen.push(String(e), inspect(e), JSON.stringify(e));
  }
  const text = seen.join('\n').toLowerCase();
  assert.ok(text.includes(v.pA) && text.includes(v['A conf']), 'public messages do appear');
  for (const [name, hex] of Object.entries(secrets)) {
    assert.not.ok(text.includes(hex.toLowerCase()), `${name} leaked`);
    assert.not.ok(text.includes(BigInt('0x' + hex).toString(10)), `${name} leaked in decimal`);
  }
});

test.run();
