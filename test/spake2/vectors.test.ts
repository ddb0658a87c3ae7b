/**
 * Walks vectors/negative and vectors/positive: each file is one party under test, the messages it
 * receives, and the expected outcome — the exact error code (the *class* of failure) and the
 * message at which it must occur, or the exact messages and Ke of a success.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import {
  bytesToHex,
  fromHex,
  Spake2Error,
  Spake2Session,
  SUITES,
  type MessageName,
} from '../../src/spake2/index.js';
import type { Vector } from '../../vectors/gen/format.js';
import { buildVectors, serialize } from '../../vectors/gen/build.js';

const root = new URL('../../vectors/', import.meta.url);
const files = ['negative', 'positive'].flatMap((dir) =>
  readdirSync(new URL(dir, root)).map((f) => `${dir}/${f}`),
);

/** Runs the party through the flow; returns what it sent, or the message at which it threw. */
function play(v: Vector) {
  const suite = SUITES.get(v.suite);
  if (!suite) throw new Error(`unknown suite ${v.suite}`);
  const p = v.party;
  const session = new Spake2Session({
    role: p.role,
    suite,
    idA: p.idA,
    idB: p.idB,
    aad: fromHex(p.aad, 'aad'),
    secret: { w: BigInt('0x' + p.w) },
    scalar: BigInt('0x' + p.scalar),
  });
  const sent: Partial<Record<MessageName, string>> = {};
  const inbound = (name: MessageName) => fromHex(v.inbound[name] ?? '', name);
  let at: MessageName | undefined;
  try {
    if (p.role === 'A') {
      sent.pA = bytesToHex(session.start());
      at = 'pB';
      session.receiveShare(inbound('pB'));
      sent.cA = bytesToHex(session.confirm());
      at = 'cB';
      session.verify(inbound('cB'));
    } else {
      sent.pB = bytesToHex(session.start());
      at = 'pA';
      session.receiveShare(inbound('pA'));
      at = 'cA';
      session.verify(inbound('cA'));
      sent.cB = bytesToHex(session.confirm());
    }
    return { ok: true as const, sent, Ke: bytesToHex(session.sessionKey()), state: session.state };
  } catch (error) {
    return { ok: false as const, error, at, state: session.state };
  }
}

test('the corpus has both negative and positive vectors', () => {
  assert.ok(files.filter((f) => f.startsWith('negative/')).length >= 25);
  assert.ok(files.filter((f) => f.startsWith('positive/')).length >= 4);
});

for (const file of files) {
  const v: Vector = JSON.parse(readFileSync(new URL(file, root), 'utf8'));
  test(file, () => {
    assert.is(`${v.name}.json`, file.split('/')[1], 'file named for the vector');
    const outcome = play(v);
    if (v.expect.result === 'success') {
      assert.ok(outcome.ok, outcome.ok ? '' : `unexpected ${String(outcome.error)}`);
      if (!outcome.ok) return;
      assert.equal(outcome.sent, v.expect.outbound);
      assert.is(outcome.Ke, v.expect.Ke);
      assert.is(outcome.state, 'confirmed');
    } else {
      assert.not.ok(outcome.ok, 'the party must fail');
      if (outcome.ok) return;
      assert.instance(outcome.error, Spake2Error);
      assert.is((outcome.error as Spake2Error).code, v.expect.code);
      assert.is(outcome.at, v.expect.at, 'failed at the broken message');
      assert.is(outcome.state, 'failed');
    }
  });
}

test('the committed vectors equal what `make vectors` generates', () => {
  const generated = buildVectors();
  assert.equal([...generated.keys()].sort(), [...files].sort());
  for (const [path, vector] of generated) {
    assert.is(readFileSync(new URL(path, root), 'utf8'), serialize(vector), path);
  }
});

test.run();
