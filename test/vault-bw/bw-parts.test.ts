/**
 * The pieces of the bw backend that need no bw process: which executable, the per-folder queue,
 * the message → code mapping, and what survives parsing of bw's item JSON. (The real-bw behaviour
 * is in bw-vault.test.ts and export-compat.test.ts.)
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorFromBw, safeDetail } from '../../src/vault/bw/bw-errors.js';
import { credentialFromItem, loginsFromList } from '../../src/vault/bw/bw-items.js';
import { parseResponse } from '../../src/vault/bw/bw-process.js';
import { BwVault } from '../../src/vault/bw/bw-vault.js';
import { PROJECT_BW_PATH, resolveBwPath, resolveDataDir } from '../../src/vault/bw/locate-bw.js';
import { queueBusy, serialise } from '../../src/vault/bw/serial-queue.js';
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

test('the queue runs one task at a time per key, in order, and survives a failing task', async () => {
  const events: string[] = [];
  let running = 0;
  const task =
    (name: string, fail = false) =>
    async () => {
      running += 1;
      assert.is(running, 1, 'two tasks of one key ran at once');
      events.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      events.push(`end ${name}`);
      running -= 1;
      if (fail) throw new Error(name);
      return name;
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
  await new Promise((r) => setTimeout(r, 0));
  assert.not.ok(queueBusy('folder-a'), 'an idle key should be forgotten');
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

test('list parsing keeps no secret; get parsing checks the id and keeps custom fields', () => {
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
      { name: 'linked', value: null, type: 3 },
    ],
  };
  const logins = loginsFromList({ object: 'list', data: [item, { id: 'card', type: 3 }] });
  assert.equal(logins, [
    { id: 'id-1', name: 'Site', username: 'u', uris: [{ uri: 'https://a.example', match: 3 }] },
  ]);
  assert.not.ok(inspect(logins, { depth: 9 }).includes('pw-list-Secret'));
  const credential = credentialFromItem(item, 'id-1');
  credential.use((c) => {
    assert.is(c.password, 'pw-list-Secret');
    assert.equal(c.extra, { lastName: 'Doe', pin: '1234' });
  });
  assert.throws(() => credentialFromItem(item, 'id-2'), /VAULT_ERR_BW_FAILED/);
});

test('BwVault rejects a non-positive idle window or call timeout', async () => {
  await expectCode(() => new BwVault({ idleLockMs: 0 }), 'VAULT_ERR_INPUT');
  await expectCode(() => new BwVault({ callTimeoutMs: Number.NaN }), 'VAULT_ERR_INPUT');
});

test.run();
