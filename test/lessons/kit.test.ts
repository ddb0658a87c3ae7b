/**
 * lessons/kit.ts: a failed claim or vector check ends the lesson with exit 1 (so npm test
 * notices), and the seeded RNG is deterministic.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { codeOf, seededRandom, uniformInt } from '../../lessons/kit.js';
import { runScript } from './output.js';

const inline = (body: string) =>
  runScript(['--input-type=module', '-e', `import * as kit from './lessons/kit.ts'; ${body}`]);

test('a false claim prints ✗ and exits 1', () => {
  const r = inline(`kit.claim('the sky is green', false); console.log('after');`);
  assert.is(r.status, 1);
  assert.ok(r.stdout.includes('✗ the sky is green'));
  assert.not.ok(r.stdout.includes('after'));
});

test('a true claim prints ✓ and carries on', () => {
  const r = inline(`kit.claim('one is one', 1 === 1); kit.done();`);
  assert.is(r.status, 0, r.stderr);
  assert.ok(r.stdout.includes('✓ one is one'));
  assert.ok(r.stdout.includes('All claims of this lesson held.'));
});

test('a value that differs from the vector exits 1 and shows both', () => {
  const r = inline(`kit.expect('pA', new Uint8Array([1, 2]), '0103');`);
  assert.is(r.status, 1);
  assert.ok(r.stdout.includes('expected 0103'));
  assert.ok(r.stdout.includes('actual   0102'));
});

test('an expected error that does not come exits 1', () => {
  const r = inline(`kit.expectError('must throw', 'SPAKE2_ERR_STATE', () => 1);`);
  assert.is(r.status, 1);
});

test('seededRandom: same seed, same bytes, however they are split', () => {
  const a = seededRandom('s');
  const b = seededRandom('s');
  const whole = a(100);
  const parts = new Uint8Array([...b(7), ...b(60), ...b(33)]);
  assert.equal(whole, parts);
  assert.not.equal(seededRandom('t')(100), whole);
});

test('uniformInt stays in range and hits every value of a small range', () => {
  const r = seededRandom('range');
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) {
    const v = uniformInt(r, 100);
    assert.ok(v >= 0 && v < 100);
    seen.add(v);
  }
  assert.is(seen.size, 100);
});

test('codeOf keeps leading zeros', () => {
  assert.is(codeOf(12345), '012345');
  assert.is(codeOf(7, 2), '07');
});

test.run();
