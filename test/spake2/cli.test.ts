/** Two real `spake2` CLI processes, their hex lines relayed between them as a learner would. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

const cli = new URL('../../src/cli/spake2.ts', import.meta.url).pathname;

interface Run {
  stdout: string[];
  stderr: string;
  code: number | null;
}

function start(args: string[], onLine: (line: string) => void = () => {}) {
  const argv = ['--import', 'tsx', cli, ...args];
  const child = spawn(process.execPath, argv) as ChildProcessWithoutNullStreams;
  const run: Run = { stdout: [], stderr: '', code: null };
  child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    run.stdout.push(line);
    onLine(line);
  });
  const done = new Promise<Run>((resolve) =>
    child.on('close', (c) => resolve({ ...run, code: c })),
  );
  return { child, run, done };
}

/** Forward each hex line one party prints to the other; close a peer's stdin when one exits. */
async function exchange(argsA: string[], argsB: string[]): Promise<[Run, Run]> {
  const relay = (to: () => ChildProcessWithoutNullStreams) => (line: string) => {
    if (/^[0-9a-f]+$/.test(line) && to().stdin.writable) to().stdin.write(line + '\n');
  };
  const a = start(
    ['--role', 'A', ...argsA],
    relay(() => b.child),
  );
  const b = start(
    ['--role', 'B', ...argsB],
    relay(() => a.child),
  );
  a.child.on('close', () => b.child.stdin.end());
  b.child.on('close', () => a.child.stdin.end());
  return Promise.all([a.done, b.done]);
}

test('same code: both print confirmed and the same digest', async () => {
  const [a, b] = await exchange(['--code', '042917'], ['--code', '042917']);
  assert.is(a.code, 0, a.stderr);
  assert.is(b.code, 0, b.stderr);
  assert.is(a.stdout[2], 'confirmed');
  assert.is(b.stdout[2], 'confirmed');
  assert.match(a.stdout[3] ?? '', /^digest [0-9a-f]{4}( [0-9a-f]{4}){3}$/);
  assert.is(a.stdout[3], b.stdout[3]);
  assert.is(a.stdout[0]?.length, 130, 'pA is 65 bytes of hex');
});

test('edwards25519 with identities and AAD', async () => {
  const args = [
    '--suite',
    'SPAKE2-edwards25519-SHA256-HKDF-HMAC',
    '--w',
    '0badc0de',
    '--aad',
    'v1',
  ];
  const [a, b] = await exchange(args, args);
  assert.is(a.code, 0, a.stderr);
  assert.is(b.code, 0, b.stderr);
  assert.is(a.stdout[0]?.length, 64, 'pA is 32 bytes of hex');
});

test('a wrong code: B names SPAKE2_ERR_CONFIRMATION and never sends cB', async () => {
  const [a, b] = await exchange(['--code', '042917'], ['--code', '042918']);
  assert.is(b.code, 1);
  assert.equal(b.stdout.slice(-1), ['error SPAKE2_ERR_CONFIRMATION']);
  assert.is(b.stdout.length, 2, 'pB, then the error: no cB');
  assert.is(a.code, 1);
  assert.not.ok(a.stdout.includes('confirmed'));
});

test('bad input: a clear error code, not a stack trace', async () => {
  const r = await start(['--role', 'A', '--code', '12ab']).done;
  assert.is(r.code, 1);
  assert.equal(r.stdout, ['error SPAKE2_ERR_INPUT'], 'the code on stdout, nothing else');
  assert.match(r.stderr, /SPAKE2_ERR_INPUT/);
  assert.not.match(r.stderr, /at .*\.ts:\d+/);
});

test.run();
