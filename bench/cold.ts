/**
 * One cold run, in a fresh process: import the SPAKE2 core, then time the first full handshake
 * (both parties, w given), which includes noble building its BASE table and our M/N tables and
 * the JIT warming up; then a second handshake for contrast. Prints one JSON line.
 *
 * Spawned by bench/run.ts as
 *   node --import tsx bench/cold.ts <P-256|edwards25519> [tables|no-mn|no-tables]; the import
 * time includes tsx transpiling the core (from its cache after the first run).
 */
import { performance } from 'node:perf_hooks';
import type { Suite } from '../src/spake2/index.js';

const started = performance.now(); // ms since the process started: node + tsx bootstrap
const group = process.argv[2];
const core = await import('../src/spake2/index.js');
const imported = performance.now();
const suite = [...core.SUITES.values()].find((s) => s.group.name === group);
if (suite === undefined) throw new Error(`unknown group ${String(group)}`);
const chosen: Suite = suite;
// Variants, through the public Element API (withTable(1) drops a point's table):
//   tables     as shipped: BASE (noble's, W=6) and M/N (ours, W=6), all built lazily on first use
//   no-mn      M and N without tables
//   no-tables  M, N and BASE without tables (BASE is noble's shared point: process-wide)
const variant = process.argv[3] ?? 'tables';
if (variant === 'no-mn' || variant === 'no-tables') {
  chosen.M.withTable(1);
  chosen.N.withTable(1);
}
if (variant === 'no-tables') chosen.group.P.withTable(1);
if (!['tables', 'no-mn', 'no-tables'].includes(variant))
  throw new Error(`unknown variant ${variant}`);
// The bench's handshake driver, imported after the clock read; the core is cached by then.
const { handshake } = await import('./cases/spake2.js');

function run(): { total: number; A: number; B: number } {
  const parts = new Map<string, number>();
  const w = core.randomScalar(chosen.group);
  const t0 = performance.now();
  const [a, b] = handshake(chosen, w, {
    add: (label, ms) => parts.set(label, (parts.get(label) ?? 0) + ms),
  });
  const total = performance.now() - t0;
  if (core.bytesToHex(a) !== core.bytesToHex(b)) throw new Error('the two parties disagree on Ke');
  return { total, A: parts.get('A') ?? NaN, B: parts.get('B') ?? NaN };
}

const first = run();
const second = run();
process.stdout.write(
  JSON.stringify({
    group,
    variant,
    bootMs: started,
    importMs: imported - started,
    first,
    second,
  }) + '\n',
);
