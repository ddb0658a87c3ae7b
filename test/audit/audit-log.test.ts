/** The audit log: append + verify, tamper detection, the key file, and what may be logged. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AuditError } from '../../src/audit/errors.js';
import type { AuditErrorCode } from '../../src/audit/errors.js';
import { AuditLog } from '../../src/audit/log.js';
import { verifyAuditFile } from '../../src/audit/verify.js';
import { SecureCredential } from '../../src/vault/secure-credential.js';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'audit-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

/** A fresh log with `n` lines; returns its paths and the anchor of every line. */
async function makeLog(n: number) {
  counter += 1;
  const file = join(dir, `log-${counter}.jsonl`);
  const keyFile = `${file}.key`;
  const log = await AuditLog.open({ file, keyFile });
  const tags: string[] = [];
  for (let i = 1; i <= n; i += 1) {
    tags.push(
      (
        await log.record('credential.request', {
          requestId: `req-${i}`,
          n: i,
          ok: i % 2 === 0,
          site: null,
        })
      ).tag,
    );
  }
  await log.close();
  return { file, keyFile, tags };
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').slice(0, -1);
const writeLines = (file: string, ls: string[]) =>
  writeFileSync(file, ls.map((l) => `${l}\n`).join(''));

async function expectAuditError(action: () => unknown, code: AuditErrorCode): Promise<AuditError> {
  try {
    await action();
  } catch (error) {
    assert.instance(error, AuditError, String(error));
    assert.is((error as AuditError).code, code, (error as Error).message);
    return error as AuditError;
  }
  assert.unreachable(`expected ${code}`);
  throw new Error('unreachable');
}

test('appends chained, fsync’d JSON lines that verify; reopening continues the chain', async () => {
  const { file, keyFile, tags } = await makeLog(3);
  const parsed = lines(file).map((l) => JSON.parse(l));
  assert.equal(
    parsed.map((p) => p.seq),
    [1, 2, 3],
  );
  assert.equal(Object.keys(parsed[0]), [
    'seq',
    'time',
    'event',
    'n',
    'ok',
    'requestId',
    'site',
    'prev',
    'tag',
  ]);
  assert.is(parsed[0].prev, '0'.repeat(64));
  assert.is(parsed[1].prev, parsed[0].tag);
  assert.equal(
    parsed.map((p) => p.tag),
    tags,
  );
  assert.equal(verifyAuditFile(file, keyFile), { ok: true, lines: 3, lastTag: tags[2] });
  const log = await AuditLog.open({ file, keyFile });
  assert.equal(log.anchor, { seq: 3, tag: tags[2] });
  assert.is((await log.record('vault.lookup', { host: 'demo-airline.localhost' })).seq, 4);
  await log.close();
  await expectAuditError(() => log.record('vault.lookup', {}), 'AUDIT_ERR_CLOSED');
  assert.equal(verifyAuditFile(file, keyFile).ok, true);
});

test('the key file is created with mode 0600, the log too', async () => {
  const { file, keyFile } = await makeLog(1);
  assert.is(statSync(keyFile).mode & 0o777, 0o600);
  assert.is(statSync(file).mode & 0o777, 0o600);
  assert.match(readFileSync(keyFile, 'utf8'), /^[0-9a-f]{64}\n$/);
});

test('a key file readable by others is refused', async () => {
  const { file, keyFile } = await makeLog(1);
  chmodSync(keyFile, 0o644);
  await expectAuditError(() => AuditLog.open({ file, keyFile }), 'AUDIT_ERR_KEY_PERMISSIONS');
  await expectAuditError(() => verifyAuditFile(file, keyFile), 'AUDIT_ERR_KEY_PERMISSIONS');
});

test('an existing log without its key is refused (a new key could not verify it)', async () => {
  const { file, keyFile } = await makeLog(1);
  rmSync(keyFile);
  await expectAuditError(() => AuditLog.open({ file, keyFile }), 'AUDIT_ERR_KEY_MISSING');
});

test('a malformed key file is refused', async () => {
  const { file, keyFile } = await makeLog(1);
  writeFileSync(keyFile, 'not a key\n', { mode: 0o600 });
  await expectAuditError(() => AuditLog.open({ file, keyFile }), 'AUDIT_ERR_KEY');
});

const TAMPER: readonly [string, (ls: string[]) => string[], number, RegExp][] = [
  [
    'an edited field',
    (ls) => ls.map((l, i) => (i === 2 ? l.replace('"req-3"', '"req-X"') : l)),
    3,
    /tag does not verify/,
  ],
  [
    'an edited seq',
    (ls) => ls.map((l, i) => (i === 1 ? l.replace('"seq":2', '"seq":3') : l)),
    2,
    /seq is 3/,
  ],
  ['a deleted middle line', (ls) => ls.filter((_, i) => i !== 1), 2, /seq is 3 where 2/],
  [
    'an inserted forged line',
    (ls) => [...ls.slice(0, 2), ls[1]?.replace('"seq":2', '"seq":3') ?? '', ...ls.slice(2)],
    3,
    /prev does not match|tag does not verify/,
  ],
  ['a duplicated line', (ls) => [ls[0] ?? '', ...ls], 2, /seq is 1 where 2/],
  [
    'two swapped lines',
    (ls) => [ls[0] ?? '', ls[2] ?? '', ls[1] ?? '', ...ls.slice(3)],
    2,
    /seq is 3 where 2/,
  ],
  ['a non-JSON line', (ls) => ls.map((l, i) => (i === 3 ? 'garbage' : l)), 4, /not an audit line/],
  [
    'a removed tag',
    (ls) => ls.map((l, i) => (i === 0 ? l.replace(/,"tag":"[0-9a-f]+"/, '') : l)),
    1,
    /no trailing tag/,
  ],
];

for (const [what, change, line, problem] of TAMPER) {
  test(`verify names the first bad line: ${what}`, async () => {
    const { file, keyFile } = await makeLog(5);
    writeLines(file, change(lines(file)));
    const result = verifyAuditFile(file, keyFile);
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.is(result.line, line, result.problem);
      assert.match(result.problem, problem);
    }
    await expectAuditError(() => AuditLog.open({ file, keyFile }), 'AUDIT_ERR_CHAIN');
  });
}

test('an incomplete last line (crash mid-write) is reported', async () => {
  const { file, keyFile } = await makeLog(2);
  writeFileSync(file, readFileSync(file, 'utf8').slice(0, -20));
  const result = verifyAuditFile(file, keyFile);
  assert.equal(result.ok ? 0 : result.line, 2);
});

test('the wrong key fails at line 1', async () => {
  const a = await makeLog(2);
  const b = await makeLog(1);
  const result = verifyAuditFile(a.file, b.keyFile);
  assert.equal(result.ok ? 0 : result.line, 1);
});

test('truncation: undetectable without an anchor, detected with the last tag as anchor', async () => {
  const { file, keyFile, tags } = await makeLog(5);
  assert.equal(verifyAuditFile(file, keyFile, tags[4]).ok, true, 'anchor present');
  assert.equal(verifyAuditFile(file, keyFile, tags[2]).ok, true, 'an older anchor is fine too');
  writeLines(file, lines(file).slice(0, 3));
  assert.equal(
    verifyAuditFile(file, keyFile),
    { ok: true, lines: 3, lastTag: tags[2] },
    'no anchor: looks fine',
  );
  const result = verifyAuditFile(file, keyFile, tags[4]);
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.problem, /truncated/);
});

const BAD_FIELDS: readonly [string, unknown, AuditErrorCode][] = [
  [
    'a SecureCredential',
    { credential: new SecureCredential({ username: 'u', password: 'audit-pw-leak-1' }) },
    'AUDIT_ERR_FIELD',
  ],
  ['a Buffer', { data: Buffer.from('audit-pw-leak-2') }, 'AUDIT_ERR_FIELD'],
  ['an object', { nested: { password: 'audit-pw-leak-3' } }, 'AUDIT_ERR_FIELD'],
  ['an array', { list: ['audit-pw-leak-4'] }, 'AUDIT_ERR_FIELD'],
  ['undefined', { x: undefined }, 'AUDIT_ERR_FIELD'],
  ['a function', { f: () => 'audit-pw-leak-5' }, 'AUDIT_ERR_FIELD'],
  ['a bigint', { n: 5n }, 'AUDIT_ERR_FIELD'],
  ['NaN', { n: Number.NaN }, 'AUDIT_ERR_FIELD'],
  ['a huge string', { s: 'x'.repeat(2000) }, 'AUDIT_ERR_FIELD'],
  ['a reserved name', { tag: 'x' }, 'AUDIT_ERR_FIELD'],
  ['a bad name', { 'a b': 'x' }, 'AUDIT_ERR_FIELD'],
  ['a field named password', { password: 'audit-pw-leak-6' }, 'AUDIT_ERR_SECRET_FIELD'],
  ['a field named vault_password', { vault_password: 'audit-pw-leak-7' }, 'AUDIT_ERR_SECRET_FIELD'],
  ['a field named sessionKey', { sessionKey: 'audit-pw-leak-8' }, 'AUDIT_ERR_SECRET_FIELD'],
  ['a field named apiToken', { apiToken: 'audit-pw-leak-9' }, 'AUDIT_ERR_SECRET_FIELD'],
];

for (const [what, fields, code] of BAD_FIELDS) {
  test(`record() refuses ${what} (${code}) and writes nothing`, async () => {
    const { file, keyFile } = await makeLog(1);
    const before = readFileSync(file, 'utf8');
    const log = await AuditLog.open({ file, keyFile });
    const error = await expectAuditError(() => log.record('vault.lookup', fields as never), code);
    assert.not.match(error.message, /audit-pw-leak/);
    await log.close();
    assert.is(readFileSync(file, 'utf8'), before);
  });
}

test('record() refuses event names that are not dotted lowercase words', async () => {
  const { file, keyFile } = await makeLog(0);
  const log = await AuditLog.open({ file, keyFile });
  for (const event of [
    '',
    'request',
    'Credential.Request',
    'a..b',
    'a.b\n',
    'x'.repeat(70) + '.y',
  ]) {
    await expectAuditError(() => log.record(event, {}), 'AUDIT_ERR_EVENT');
  }
  await log.close();
});

function cli(...args: string[]) {
  return spawnSync('node', ['--import', 'tsx', 'src/audit/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
}

test('CLI: verify prints ok N lines (exit 0), names the bad line (exit 1), key trouble exits 2', async () => {
  const { file, keyFile, tags } = await makeLog(4);
  const ok = cli('verify', file);
  assert.is(ok.status, 0, ok.stderr);
  assert.is(ok.stdout, 'ok 4 lines\n');
  assert.is(
    cli('verify', file, '--key', keyFile, '--anchor', tags[3] ?? '').stdout,
    'ok 4 lines\n',
  );
  const anchor = cli('anchor', file);
  assert.is(anchor.stdout, `seq 4 tag ${tags[3]}\n`);
  writeLines(
    file,
    lines(file).filter((_, i) => i !== 2),
  );
  const bad = cli('verify', file);
  assert.is(bad.status, 1);
  assert.match(bad.stdout, /line 3: seq is 4 where 3 was expected/);
  const noKey = cli('verify', file, '--key', join(dir, 'missing.key'));
  assert.is(noKey.status, 2);
  assert.match(noKey.stderr, /AUDIT_ERR_KEY_MISSING/);
  assert.is(cli('verify').status, 2, 'usage error');
});

test.run();
