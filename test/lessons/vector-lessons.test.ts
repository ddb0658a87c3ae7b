/**
 * The lessons that print RFC 9382 values print the published ones: each lesson runs as a child
 * process, exits 0, and its printed values are read back and compared with vectors/rfc9382.json
 * (and, for lesson 2, with the constants of RFC 9382 §6).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { RFC9382_CONSTANTS } from '../../src/spake2/index.js';
import { runLesson, valueIn, valuesIn, type LessonRun } from './output.js';

interface RfcVector {
  readonly name: string;
  readonly [field: string]: string;
}
const vectors: RfcVector[] = JSON.parse(
  readFileSync(new URL('../../vectors/rfc9382.json', import.meta.url), 'utf8'),
).vectors;
const v1 = vectors[0] as RfcVector;

const cache = new Map<string, LessonRun>();
function lesson(dir: string): LessonRun {
  let run = cache.get(dir);
  if (!run) {
    run = runLesson(dir);
    cache.set(dir, run);
  }
  return run;
}

function exitsClean(dir: string): void {
  const run = lesson(dir);
  assert.is(run.status, 0, `${dir} exited ${run.status}\n${run.stdout}\n${run.stderr}`);
  assert.ok(run.stdout.includes('All claims of this lesson held.'));
  assert.not.ok(run.stdout.includes('✗'));
}

test('lesson 02 exits 0 and prints M and N equal to RFC 9382 §6', () => {
  exitsClean('02-the-group');
  const run = lesson('02-the-group');
  for (const group of ['P-256', 'edwards25519'] as const) {
    const title = group === 'P-256' ? 'P256-SHA256' : 'edwards25519-SHA256';
    assert.is(valueIn(run, `${title}-HKDF-HMAC: regenerate`, 'M'), RFC9382_CONSTANTS[group].M);
    assert.is(valueIn(run, `${title}-HKDF-HMAC: regenerate`, 'N'), RFC9382_CONSTANTS[group].N);
  }
});

test('lesson 04 exits 0 and prints w, x, y, pA, pB of the vector', () => {
  exitsClean('04-blinding');
  const run = lesson('04-blinding');
  const a = `A's share with the RFC 9382 Appendix B vector "${v1.name}"`;
  assert.is(valueIn(run, a, 'w'), v1.w);
  assert.is(valueIn(run, a, 'x'), v1.x);
  assert.is(valueIn(run, a, 'pA'), v1.pA);
  assert.is(valueIn(run, "B's share", 'y'), v1.y);
  assert.is(valueIn(run, "B's share", 'pB'), v1.pB);
  // The true w unblinds the captured pA to the same X = x·P the lesson printed first.
  assert.is(valueIn(run, 'The eavesdropper', 'X_(true w)'), valueIn(run, a, 'X = x·P'));
});

test('lesson 05 exits 0 and both sides print the vector K', () => {
  exitsClean('05-shared-K-and-cofactor');
  const run = lesson('05-shared-K-and-cofactor');
  const s = `Both sides reach the same K (RFC 9382 vector "${v1.name}")`;
  assert.is(valueIn(run, s, 'K (by A)'), v1.K);
  assert.is(valueIn(run, s, 'K (by B)'), v1.K);
});

test('lesson 06 exits 0 and prints TT field by field for the first vector', () => {
  exitsClean('06-transcript-and-keys');
  const run = lesson('06-transcript-and-keys');
  const s = `TT byte by byte — vector "${v1.name}"`;
  assert.is(valueIn(run, s, 'TT'), v1.TT);
  assert.is(valueIn(run, s, 'pA'), v1.pA);
  assert.is(valueIn(run, s, 'pB'), v1.pB);
  assert.is(valueIn(run, s, 'K'), v1.K);
  assert.is(valueIn(run, s, 'w'), v1.w);
  // The annotated pieces, in print order, are TT itself.
  const pieces = [...(run.sections.get(s) ?? [])].filter(([label]) => label !== 'TT');
  assert.is(pieces.map(([, hex]) => hex).join(''), v1.TT);
});

test('lesson 06 prints every key-schedule value of all four vectors', () => {
  const run = lesson('06-transcript-and-keys');
  vectors.forEach((v, i) => {
    const s = i === 0 ? `Key schedule (RFC 9382 §4) — vector "${v.name}"` : `Vector "${v.name}"`;
    if (i > 0) assert.is(valueIn(run, s, 'TT'), v.TT, `${v.name} TT`);
    for (const [label, field] of [
      ['Hash(TT)', 'Hash(TT)'],
      ['Ke', 'Ke'],
      ['Ka', 'Ka'],
      ['KcA', 'KcA'],
      ['KcB', 'KcB'],
      ['cA', 'A conf'],
      ['cB', 'B conf'],
    ] as const) {
      assert.is(valueIn(run, s, label), v[field], `${v.name} ${label}`);
    }
    for (const id of ['A', 'B'] as const) {
      if (i > 0 && v[id] === '') assert.equal(valuesIn(run, s, `len(${id})`), ['0000000000000000']);
    }
  });
});

test.run();
