/**
 * The whole of `npm test`: type check, format check, every uvu test file, every lesson, and a
 * smoke run of the benchmark. Each step's output streams through; the run ends with one plain
 * line `N passed, N failed` counting every uvu test plus every other step as one check.
 *
 * Usage: node --import tsx test/run.ts [uvu-pattern]
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Tally {
  passed: number;
  failed: number;
}

const root = new URL('..', import.meta.url).pathname;
const pattern = process.argv[2] ?? '\\.test\\.ts$';
const tsx = ['--import', 'tsx'];

function run(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** A step that is one check: passes when the command exits 0. */
async function step(tally: Tally, name: string, cmd: string, args: string[]): Promise<void> {
  console.log(`\n== ${name}`);
  const { code } = await run(cmd, args);
  if (code === 0) tally.passed += 1;
  else {
    tally.failed += 1;
    console.log(`!! ${name} failed (exit ${code})`);
  }
}

/** uvu prints Total/Passed/Skipped; a skipped test counts as failed (nothing skips to get green). */
async function uvu(tally: Tally): Promise<void> {
  console.log('\n== uvu tests');
  const { code, out } = await run('node', [
    ...tsx,
    'node_modules/uvu/bin.js',
    'test',
    pattern,
    '--no-color',
  ]);
  const count = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(out)?.[1] ?? NaN);
  const total = count('Total');
  const passed = count('Passed');
  if (Number.isNaN(total) || Number.isNaN(passed)) {
    tally.failed += 1;
    console.log(`!! uvu printed no summary (exit ${code})`);
    return;
  }
  tally.passed += passed;
  tally.failed += total - passed;
  if (code !== 0 && total === passed) tally.failed += 1; // crashed outside a test
}

const tally: Tally = { passed: 0, failed: 0 };
await step(tally, 'type check (tsc --noEmit)', 'npx', ['tsc', '-p', '.', '--noEmit']);
await step(tally, 'format check (prettier --check)', 'npx', [
  'prettier',
  '--check',
  '.',
  '--log-level',
  'warn',
]);
await uvu(tally);
const lessonsDir = join(root, 'lessons');
if (existsSync(lessonsDir)) {
  for (const dir of readdirSync(lessonsDir)
    .filter((d) => /^\d\d-/.test(d))
    .sort()) {
    await step(tally, `lesson ${dir}`, 'node', [...tsx, join('lessons', dir, 'lesson.ts')]);
  }
}
if (existsSync(join(root, 'bench', 'run.ts'))) {
  await step(tally, 'benchmark smoke run', 'node', [...tsx, 'bench/run.ts', '--smoke']);
}
console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed === 0 ? 0 : 1);
