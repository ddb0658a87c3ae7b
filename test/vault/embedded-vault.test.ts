/** EmbeddedVault: unlock, lookup, the idle lock, lock() zeroing, and exit/signal locking. */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeBitwardenExport } from '../../src/vault/bitwarden-export.js';
import { DEMO_VAULT_PASSWORD, DEMO_VAULT_PATH } from '../../src/vault/demo.js';
import { EmbeddedVault } from '../../src/vault/embedded-vault.js';
import { lockHandlersInstalled } from '../../src/vault/lifetime.js';
import type { LockReason } from '../../src/vault/lifetime.js';
import { FAST_PBKDF2, expectVaultError } from './helpers.js';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'vault-test-'));
const FILE_PW = 'embedded-test-file-pw';
const vaultFile = join(dir, 'vault.json');

test.before(async () => {
  const items = ['one', 'two'].map((n) => ({
    id: `id-${n}`,
    name: `Site ${n}`,
    uris: [{ uri: 'https://site.example' }],
    username: `user-${n}`,
    password: `pw-${n}`,
  }));
  writeFileSync(vaultFile, await writeBitwardenExport(items, FILE_PW, FAST_PBKDF2));
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('unlock → lookup → credential → lock; current() follows the session', async () => {
  const vault = new EmbeddedVault(vaultFile);
  assert.is(vault.kind, 'embedded');
  assert.is(vault.label, vaultFile);
  assert.is(vault.current(), undefined);
  const session = await vault.unlock(FILE_PW);
  assert.is(vault.current(), session);
  assert.ok(lockHandlersInstalled(), 'exit/signal handlers while unlocked');
  const matches = await session.lookup('www.site.example');
  assert.equal(
    matches.map((m) => [m.item.name, m.item.username, m.item.uri, m.reason]),
    [
      [
        'Site one',
        'user-one',
        'https://site.example',
        'www.site.example is a subdomain of site.example',
      ],
      [
        'Site two',
        'user-two',
        'https://site.example',
        'www.site.example is a subdomain of site.example',
      ],
    ],
  );
  assert.equal(await session.lookup('other.example'), []);
  const credential = await session.credential('id-two');
  assert.is(
    credential.use((f) => f.password),
    'pw-two',
  );
  await session.lock();
  assert.ok(session.locked);
  assert.is(vault.current(), undefined);
  assert.not.ok(lockHandlersInstalled(), 'handlers removed once nothing is unlocked');
  assert.is(
    credential.use((f) => f.username),
    'user-two',
    'a handed-out credential is the caller’s',
  );
  await expectVaultError(() => session.lookup('site.example'), 'VAULT_ERR_LOCKED');
  await expectVaultError(() => session.credential('id-one'), 'VAULT_ERR_LOCKED');
});

test('wrong password, missing file and bad options fail with their codes', async () => {
  await expectVaultError(
    () => new EmbeddedVault(vaultFile).unlock('not-the-pw-x1'),
    'VAULT_ERR_WRONG_PASSWORD',
    ['not-the-pw-x1'],
  );
  await expectVaultError(
    () => new EmbeddedVault(join(dir, 'none.json')).unlock(FILE_PW),
    'VAULT_ERR_FILE',
    [FILE_PW],
  );
  await expectVaultError(() => new EmbeddedVault(vaultFile, { idleLockMs: 0 }), 'VAULT_ERR_INPUT');
  assert.not.ok(lockHandlersInstalled());
});

test('the session locks itself after the idle window; activity restarts the window', async () => {
  const reasons: LockReason[] = [];
  const vault = new EmbeddedVault(vaultFile, { idleLockMs: 500, onLock: (r) => reasons.push(r) });
  const session = await vault.unlock(FILE_PW);
  for (let i = 0; i < 6; i += 1) {
    await sleep(100);
    await session.lookup('site.example'); // activity every 100 ms: 600 ms in all, still open
  }
  assert.not.ok(session.locked, 'kept open by activity');
  await sleep(1000);
  assert.ok(session.locked, 'locked after 500 ms idle');
  assert.equal(reasons, ['idle']);
  assert.is(vault.current(), undefined);
  assert.not.ok(lockHandlersInstalled());
});

test('a second unlock replaces (and locks) the first session', async () => {
  const reasons: LockReason[] = [];
  const vault = new EmbeddedVault(vaultFile, { onLock: (r) => reasons.push(r) });
  const first = await vault.unlock(FILE_PW);
  const second = await vault.unlock(FILE_PW);
  assert.ok(first.locked);
  assert.is(vault.current(), second);
  await second.lock();
  await second.lock(); // idempotent
  assert.equal(reasons, ['replaced', 'manual']);
});

test('lock() zero-fills the session key; the file key is zeroed already at unlock', async () => {
  // Record every 64-byte Buffer.alloc during unlock: the derived file key and the session key.
  const keys: Buffer[] = [];
  const original = Buffer.alloc;
  Buffer.alloc = ((size: number, ...rest: []) => {
    const b = original(size, ...rest);
    if (size === 64) keys.push(b);
    return b;
  }) as typeof Buffer.alloc;
  let session;
  try {
    session = await new EmbeddedVault(vaultFile).unlock(FILE_PW);
  } finally {
    Buffer.alloc = original;
  }
  const zero = (b: Buffer) => b.every((x) => x === 0);
  assert.is(keys.length, 2, 'file key and session key');
  assert.is(
    keys.filter(zero).length,
    1,
    'the file key is gone after unlock, the session key is live',
  );
  assert.is(
    (await session.credential('id-one')).use((f) => f.password),
    'pw-one',
  );
  await session.lock();
  assert.ok(keys.every(zero), 'both zero after lock');
});

function runChild(
  args: string[],
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void,
) {
  const child = spawn('node', ['--import', 'tsx', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    onStdout?.(out, child);
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise<{ out: string; err: string; code: number | null; signal: string | null }>(
    (resolve) => child.on('close', (code, signal) => resolve({ out, err, code, signal })),
  );
}

const SIGNAL_CHILD = 'test/vault/fixtures/signal-child.ts';
const killWhenUnlocked =
  (signal: NodeJS.Signals) => (out: string, child: ReturnType<typeof spawn>) => {
    if (out.includes('unlocked open') && !child.killed) child.kill(signal);
  };

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} locks the vault, then the process dies of ${signal} as usual`, async () => {
    const result = await runChild([SIGNAL_CHILD, 'wait'], killWhenUnlocked(signal));
    assert.is(result.out, `unlocked open\nlocked ${signal}\n`, result.err);
    assert.is(result.signal, signal, 're-raised: the conventional exit by signal');
  });
}

test('with the application’s own SIGTERM handler, the vault is locked before it runs', async () => {
  const result = await runChild([SIGNAL_CHILD, 'own-handler'], killWhenUnlocked('SIGTERM'));
  assert.is(
    result.out,
    'unlocked open\nlocked SIGTERM\napp handler, vault current: none\n',
    result.err,
  );
  assert.is(result.code, 0, 'the application decided how to exit');
});

test('process.exit() while unlocked locks the vault in the exit handler', async () => {
  const result = await runChild([SIGNAL_CHILD, 'exit']);
  assert.is(result.out, 'unlocked open\nlocked exit\n', result.err);
  assert.is(result.code, 0);
});

test('only the chosen item is ever a JS string: a heap snapshot holds its password, no other', async () => {
  // Passwords the child never sees except inside the encrypted file.
  const secret = (label: string) => `${label}-${randomBytes(9).toString('hex')}`;
  const items = ['Chosen', 'Other match', 'Unrelated'].map((name, i) => ({
    name,
    uris: [{ uri: i < 2 ? 'https://heap.example' : 'https://elsewhere.example' }],
    username: `heap-user-${i}`,
    password: secret(`heap-pw${i}`),
    fields: [{ name: 'lastName', value: secret(`heap-field${i}`) }],
  }));
  const file = join(dir, 'heap-vault.json');
  writeFileSync(file, await writeBitwardenExport(items, FILE_PW, FAST_PBKDF2));
  const snapshot = join(dir, 'child.heapsnapshot');
  const result = await runChild([
    'test/vault/fixtures/heap-child.ts',
    file,
    FILE_PW,
    'heap.example',
    'Chosen',
    snapshot,
  ]);
  assert.is(result.out, 'kept 2 values of 2 matches\n', result.err);
  const heap = readFileSync(snapshot, 'utf8');
  const [chosen, ...others] = items;
  assert.ok(
    heap.includes(chosen?.password ?? '?'),
    'positive control: the chosen password is found',
  );
  assert.ok(heap.includes(chosen?.fields[0]?.value ?? '?'), 'positive control: its custom field');
  for (const item of others) {
    assert.not.ok(heap.includes(item.password), `${item.name}: password never became a string`);
    assert.not.ok(
      heap.includes(item.fields[0]?.value ?? '?'),
      `${item.name}: custom field neither`,
    );
  }
  assert.ok(
    heap.includes('heap-user-1'),
    'usernames are shown for the choice, so they are strings',
  );
});

test('the demo vault opens with the demo password and offers two demo-airline logins', async () => {
  const started = performance.now();
  const session = await new EmbeddedVault(DEMO_VAULT_PATH).unlock(DEMO_VAULT_PASSWORD);
  const unlockMs = performance.now() - started;
  assert.ok(unlockMs < 1500, `unlock took ${Math.round(unlockMs)} ms`);
  assert.is((await session.lookup('demo-airline.localhost')).length, 2);
  assert.is((await session.lookup('www.aa.com')).length, 1);
  assert.is((await session.lookup('aa.com')).length, 1);
  await session.lock();
});

test.run();
