/**
 * The pieces of the bw backend that need no bw process: which executable, the per-folder queue,
 * the message → code mapping, parsing of bw's item JSON, and the candidates a session holds
 * between lookup and pick. (The real-bw behaviour is in bw-vault.test.ts and export-compat.test.ts.)
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorFromBw, safeDetail } from '../../src/vault/bw/bw-errors.js';
import { loginsFromList } from '../../src/vault/bw/bw-items.js';
import { JsonObjectEnd } from '../../src/vault/bw/json-end.js';
import { parseResponse, startBw } from '../../src/vault/bw/bw-process.js';
import { BwCli } from '../../src/vault/bw/bw-cli.js';
import { BwVault } from '../../src/vault/bw/bw-vault.js';
import { Candidates } from '../../src/vault/bw/candidates.js';
import { PROJECT_BW_PATH, resolveBwPath, resolveDataDir } from '../../src/vault/bw/locate-bw.js';
import { queueBusy, serialise } from '../../src/vault/bw/serial-queue.js';
import { lockHandlersInstalled } from '../../src/vault/lifetime.js';
import { SecureCredential } from '../../src/vault/secure-credential.js';
import { expectCode } from '../bw-server/test-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'bw-parts-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function executable(path: string): string {
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

test('bw path: explicit wins, then PATH, then node_modules/.bin; a bad explicit path fails', async () => {
  const onPath = join(dir, 'path-dir');
  mkdirSync(onPath);
  const explicit = executable(join(dir, 'my-bw'));
  executable(join(onPath, 'bw'));
  assert.is(resolveBwPath(explicit, { PATH: onPath }), explicit);
  assert.is(resolveBwPath(undefined, { PATH: `relative/dir:${onPath}` }), join(onPath, 'bw'));
  assert.is(resolveBwPath(undefined, { PATH: join(dir, 'empty') }), PROJECT_BW_PATH);
  const notExecutable = join(dir, 'plain-file');
  writeFileSync(notExecutable, '');
  await expectCode(() => resolveBwPath(notExecutable, { PATH: onPath }), 'VAULT_ERR_BW_MISSING');
});

test('data folder: explicit, BITWARDENCLI_APPDATA_DIR, XDG_CONFIG_HOME, ~/.config', () => {
  assert.is(resolveDataDir('/x/y', { BITWARDENCLI_APPDATA_DIR: '/a' }), '/x/y');
  assert.is(
    resolveDataDir(undefined, { BITWARDENCLI_APPDATA_DIR: '/a', XDG_CONFIG_HOME: '/c' }),
    '/a',
  );
  assert.is(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/c' }), '/c/Bitwarden CLI');
  assert.match(resolveDataDir(undefined, {}), /\/\.config\/Bitwarden CLI$/);
});

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('the queue runs one task at a time per key, in order, and survives a failing task', async () => {
  const events: string[] = [];
  let running = 0;
  const task =
    (name: string, fail = false) =>
    () => {
      running += 1;
      assert.is(running, 1, 'two tasks of one key ran at once');
      events.push(`start ${name}`);
      const result = tick(5).then(() => {
        events.push(`end ${name}`);
        running -= 1;
        if (fail) throw new Error(name);
        return name;
      });
      return { result, done: result };
    };
  const results = await Promise.allSettled([
    serialise('folder-a', task('1')),
    serialise('folder-a', task('2', true)),
    serialise('folder-a', task('3')),
  ]);
  assert.equal(
    results.map((r) => r.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.equal(events, ['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  await tick(0);
  assert.not.ok(queueBusy('folder-a'), 'an idle key should be forgotten');
});

test('the queue hands a result over at once but starts the next task only when done', async () => {
  const events: string[] = [];
  const first = serialise('folder-b', () => ({
    result: Promise.resolve('answer'),
    done: tick(30).then(() => events.push('first exited')),
  }));
  const second = serialise('folder-b', () => {
    events.push('second started');
    return { result: Promise.resolve('second'), done: Promise.resolve() };
  });
  assert.is(await first, 'answer');
  events.push('first answered');
  await second;
  assert.equal(events, ['first answered', 'first exited', 'second started']);
  const thrown = serialise('folder-b', () => {
    throw new Error('could not start');
  });
  await thrown.then(
    () => assert.unreachable('a task that throws must reject'),
    (e: Error) => assert.is(e.message, 'could not start'),
  );
  assert.is(await serialise('folder-b', () => ({ result: Promise.resolve(3), done: tick(0) })), 3);
});

/**
 * A stand-in executable with bw's timing shape (answers, then lingers, then exits), to test OUR
 * process runner and queue — not bw: what real bw does is proved in bw-vault.test.ts.
 */
function lingeringProgram(log: string): string {
  const path = join(dir, 'answers-then-lingers');
  writeFileSync(
    path,
    `#!/bin/sh
echo "start $(date +%s%3N)" >> "${log}"
printf '{"success":true,"data":{"template":{"status":"locked"}}}'
sleep 0.4
echo "exit $(date +%s%3N)" >> "${log}"
exit 3
`,
  );
  chmodSync(path, 0o755);
  return path;
}

test('startBw: the answer before the exit only when asked; the exit still gates the folder', async () => {
  const log = join(dir, 'lingering.log');
  const target = {
    bwPath: lingeringProgram(log),
    appDataDir: undefined,
    env: {},
    timeoutMs: 10_000,
  };
  const t0 = Date.now();
  const early = startBw(target, ['status'], {}, true);
  const answer = await early.answer;
  const answeredAfter = Date.now() - t0;
  await early.exited;
  const exitedAfter = Date.now() - t0;
  assert.is(answer.code, null, 'an early answer has no exit code yet');
  assert.ok(
    exitedAfter - answeredAfter >= 300,
    `answered ${answeredAfter} ms, exited ${exitedAfter} ms`,
  );
  const late = await startBw(target, ['status'], {}, false).answer;
  assert.is(late.code, 3, 'without answerBeforeExit the exit code is waited for');
  assert.throws(() => parseResponse('status', late, []), /VAULT_ERR_BW_FAILED/);

  writeFileSync(log, '');
  const folder = join(dir, 'one-folder');
  const cli = new BwCli(target, folder);
  const statuses = await Promise.all([cli.status(), cli.status()]);
  assert.equal(statuses, ['locked', 'locked']);
  while (queueBusy(folder)) await tick(20); // the second one answered; wait for its exit
  const lines = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(' '));
  assert.equal(
    lines.map(([event]) => event),
    ['start', 'exit', 'start', 'exit'],
  );
  assert.ok(
    Number(lines[2]?.[1]) >= Number(lines[1]?.[1]),
    'the second bw started before the first exited',
  );
});

test('startBw: a timeout stops a wrapper script and what it started, not only the shell', async () => {
  // Not `exec`: the shell waits on a child that holds stdout open, as a careless bw wrapper would;
  // or the shell exits at once and leaves that child behind, still holding stdout.
  const wrappers: [string, string][] = [
    ['wrapper-that-waits', 'sleep 30'],
    ['wrapper-that-leaves', 'sleep 30 &\nexit 0'],
  ];
  for (const [name, body] of wrappers) {
    const wrapper = join(dir, name);
    writeFileSync(wrapper, `#!/bin/sh\n${body}\n`);
    chmodSync(wrapper, 0o755);
    const target = { bwPath: wrapper, appDataDir: undefined, env: {}, timeoutMs: 300 };
    const t0 = Date.now();
    const run = startBw(target, ['list'], {}, true);
    await expectCode(() => run.answer, 'VAULT_ERR_BW_FAILED');
    await run.exited;
    assert.ok(Date.now() - t0 < 5000, `${name}: stopped only after ${Date.now() - t0} ms`);
  }
});

test('startBw: a value no environment can carry fails cleanly, without the value, and frees the queue', async () => {
  const secret = 'nul-in-the-middle\0-Secret';
  const run = startBw(
    { bwPath: '/bin/true', appDataDir: undefined, env: {}, timeoutMs: 5000 },
    ['unlock'],
    { password: secret },
  );
  const error = await expectCode(() => run.answer, 'VAULT_ERR_BW_FAILED');
  assert.not.ok(error.message.includes('Secret'), error.message);
  await run.exited;
  await expectCode(() => new BwVault({ bwPath: '/bin/true' }).unlock(secret), 'VAULT_ERR_INPUT');
});

test('an unlock that "succeeds" without a session key fails and queues exactly one bw lock', async () => {
  const log = join(dir, 'odd-unlock.log');
  const script = join(dir, 'odd-unlock-bw');
  // A stand-in for a bw that answered oddly: our handling of the answer is under test, not bw.
  writeFileSync(
    script,
    `#!/bin/sh
echo "$1" >> "${log}"
if [ "$1" = unlock ]; then printf '{"success":true,"data":{"raw":"short"}}'; else printf '{"success":true}'; fi
`,
  );
  chmodSync(script, 0o755);
  const vault = new BwVault({ bwPath: script, appDataDir: join(dir, 'odd-folder') });
  await expectCode(() => vault.unlock('any-password'), 'VAULT_ERR_BW_FAILED');
  await vault.lock(); // waits for the lock the failed unlock queued
  assert.equal(readFileSync(log, 'utf8').trim().split('\n'), ['unlock', 'lock']);
  assert.not.ok(lockHandlersInstalled(), 'nothing is left registered once the lock succeeded');
});

test('JsonObjectEnd: complete exactly at the closing brace of one object, in any chunking', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.nat(), (value, seed) => {
      const bytes = Buffer.from(` ${JSON.stringify({ success: true, data: value })}`);
      const cut = 1 + (seed % bytes.length); // two chunks: [0, cut) and [cut, end)
      const end = new JsonObjectEnd();
      const early = end.feed(bytes.subarray(0, cut));
      return early === (cut === bytes.length) && end.feed(bytes.subarray(cut)) && end.complete;
    }),
  );
  for (const prefix of ['{"a":"}', '{"a":"\\"}', '{"a":"\\"', '{"a":[{"b":"}]"}]']) {
    assert.not.ok(new JsonObjectEnd().feed(Buffer.from(prefix)), `${prefix} is not complete`);
  }
});

test('JsonObjectEnd gives up on anything but one object, so the caller waits for the exit', () => {
  for (const text of ['? Master password: {}', '[1]', '{} {}', '"x"', '{}x']) {
    assert.not.ok(new JsonObjectEnd().feed(Buffer.from(text)), text);
  }
  assert.ok(new JsonObjectEnd().feed(Buffer.from('\n {"success":true}\n')));
});

test('bw messages map to stable codes; anything else is VAULT_ERR_BW_FAILED with detail', () => {
  const cases: [string, string][] = [
    ['Cryptography error, The decryption operation failed', 'VAULT_ERR_WRONG_PASSWORD'],
    ['You are not logged in.', 'VAULT_ERR_BW_NOT_LOGGED_IN'],
    ['Vault is locked.', 'VAULT_ERR_LOCKED'],
    ['Not found.', 'VAULT_ERR_NOT_FOUND'],
    ['FetchError: unable to verify the first certificate', 'VAULT_ERR_BW_FAILED'],
  ];
  for (const [message, code] of cases) assert.is(errorFromBw('unlock', message, []).code, code);
  assert.match(errorFromBw('list', 'FetchError: boom', []).message, /bw list failed: FetchError/);
});

test('detail from bw never carries a known secret, and is one capped line', () => {
  const detail = safeDetail('\nerror near s3cret-value and more\nsecond line', ['s3cret-value']);
  assert.is(detail, 'error near [redacted] and more');
  assert.ok(safeDetail('x'.repeat(1000), []).length <= 201);
});

test('empty stdout with exit 0 is a failure, not an empty success', () => {
  const empty = { code: 0, stdout: Buffer.alloc(0), stderr: '' };
  const error = (() => {
    try {
      parseResponse('unlock', empty, []);
    } catch (e) {
      return e as Error & { code: string };
    }
    return undefined;
  })();
  assert.is(error?.code, 'VAULT_ERR_BW_FAILED');
  const failed = {
    code: 1,
    stdout: Buffer.from('{"success":false,"message":"Not found."}'),
    stderr: '',
  };
  assert.throws(() => parseResponse('get', failed, []), /VAULT_ERR_NOT_FOUND/);
});

test('list parsing: logins only, no secret in the public part, custom fields on request', () => {
  const item = {
    id: 'id-1',
    type: 1,
    name: 'Site',
    login: {
      username: 'u',
      password: 'pw-list-Secret',
      uris: [{ uri: 'https://a.example', match: 3 }],
    },
    fields: [
      { name: 'lastName', value: 'Doe', type: 0 },
      { name: 'pin', value: '1234', type: 1 },
      { name: 'member', value: true, type: 2 },
      { name: 'linked', value: null, type: 3 },
    ],
  };
  const entries = loginsFromList({ object: 'list', data: [item, { id: 'card', type: 3 }] });
  assert.equal(
    entries.map((e) => e.login),
    [{ id: 'id-1', name: 'Site', username: 'u', uris: [{ uri: 'https://a.example', match: 3 }] }],
  );
  assert.not.ok(inspect(entries[0]?.login, { depth: 9 }).includes('pw-list-Secret'));
  const credential = entries[0]?.credential();
  assert.ok(credential);
  credential.use((c) => {
    assert.is(c.username, 'u');
    assert.is(c.password, 'pw-list-Secret');
    assert.equal(c.extra, { lastName: 'Doe', pin: '1234', member: 'true' });
  });
  assert.is.not(entries[0]?.credential(), credential, 'each call copies afresh');
  assert.throws(() => loginsFromList({ object: 'list' }), /VAULT_ERR_BW_FAILED/);
});

test('candidates: the pick is handed over once and every other is wiped; wipe() clears all', () => {
  const make = (n: number) => new SecureCredential({ username: `u${n}`, password: `p${n}` });
  const set = new Candidates();
  const [a, b, c] = [make(1), make(2), make(3)];
  set.hold('a', a);
  set.hold('b', b);
  set.hold('c', c);
  const probes = set.probes();
  assert.equal(
    probes.map((p) => [p.id, p.wiped]),
    [
      ['a', false],
      ['b', false],
      ['c', false],
    ],
  );
  assert.is(set.take('nope'), undefined, 'an unknown id takes nothing');
  assert.ok(set.has('a') && !a.wiped, 'and wipes nothing');
  assert.is(set.take('b'), b);
  assert.not.ok(b.wiped, 'the pick is the caller’s now, intact');
  b.use((f) => assert.is(f.password, 'p2'));
  assert.ok(a.wiped && c.wiped, 'the other candidates are wiped at the pick');
  assert.equal(
    probes.map((p) => p.wiped),
    [true, false, true],
  );
  assert.is(set.take('b'), undefined, 'handed over once');
  assert.equal(set.probes(), []);

  const d = make(4);
  const d2 = make(5);
  set.hold('d', d);
  set.hold('d', d2);
  assert.ok(d.wiped, 'a second credential for one id replaces and wipes the first');
  set.wipe();
  assert.ok(d2.wiped);
  assert.not.ok(set.has('d'));
});

test('BwVault rejects a non-positive idle window or call timeout', async () => {
  await expectCode(() => new BwVault({ idleLockMs: 0 }), 'VAULT_ERR_INPUT');
  await expectCode(() => new BwVault({ callTimeoutMs: Number.NaN }), 'VAULT_ERR_INPUT');
});

test.run();
