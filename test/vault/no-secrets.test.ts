/**
 * A full vault + audit run over the demo vault, provoking every error on the way; afterwards the
 * demo file password and every item password appear in no audit line, no error message, no
 * printed object and no CLI output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AuditLog } from '../../src/audit/log.js';
import { DEMO_ITEMS } from '../../src/vault/demo-items.js';
import { DEMO_VAULT_PASSWORD, DEMO_VAULT_PATH } from '../../src/vault/demo.js';
import { EmbeddedVault } from '../../src/vault/embedded-vault.js';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'no-secrets-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const SECRETS = [
  DEMO_VAULT_PASSWORD,
  ...DEMO_ITEMS.map((i) => i.password),
  ...DEMO_ITEMS.flatMap((i) =>
    (i.fields ?? []).filter((f) => f.hidden === true).map((f) => f.value),
  ),
];

test('no secret in audit lines, error messages, printed objects or CLI output', async () => {
  const seen: string[] = [];
  const caught = async (action: () => unknown) => {
    try {
      await action();
    } catch (error) {
      seen.push(error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error));
      return;
    }
    assert.unreachable('expected an error');
  };
  const file = join(dir, 'audit.jsonl');
  const log = await AuditLog.open({ file, keyFile: `${file}.key` });
  let recorded = 0;
  const record = async (...args: Parameters<AuditLog['record']>) => {
    await log.record(...args);
    recorded += 1;
  };
  const vault = new EmbeddedVault(DEMO_VAULT_PATH, { idleLockMs: 60_000 });
  await record('credential.request', { host: 'demo-airline.localhost', agent: 'test' });
  await caught(() => vault.unlock(`${DEMO_VAULT_PASSWORD}x`));
  await caught(() => vault.unlock(DEMO_ITEMS[0]?.password ?? ''));
  await record('vault.unlock_failed', { code: 'VAULT_ERR_WRONG_PASSWORD', attempt: 1 });
  const session = await vault.unlock(DEMO_VAULT_PASSWORD);
  await record('vault.unlock', {});
  for (const host of ['demo-airline.localhost', 'www.aa.com', 'aa.com', 'mail.example.com']) {
    const matches = await session.lookup(host);
    await record('vault.lookup', { host, count: matches.length });
    for (const match of matches) {
      const credential = await session.credential(match.item.id);
      seen.push(inspect(match, { depth: Infinity }), inspect(credential), String(credential));
      seen.push(JSON.stringify({ match, credential }));
      await caught(() => log.record('credential.handover', { credential: credential as never }));
      await caught(() => log.record('credential.handover', { password: 'x' }));
      await record('credential.handover', {
        itemId: match.item.id,
        itemName: match.item.name,
        username: match.item.username,
        reason: match.reason,
        fields: credential.fieldNames.join(','),
      });
      credential.wipe();
      await caught(() => credential.use((f) => f.password));
    }
  }
  await caught(() => session.credential('no-such-id'));
  seen.push(inspect(session, { depth: Infinity, showHidden: true }));
  seen.push(inspect(vault, { depth: Infinity, showHidden: true }));
  await session.lock();
  await caught(() => session.lookup('aa.com'));
  await log.close();

  // A modified vault file opened with the right password: the MAC error must not leak either.
  const tampered = JSON.parse(readFileSync(DEMO_VAULT_PATH, 'utf8'));
  tampered.data = tampered.data.replace(
    /\|(.)/,
    (_: string, c: string) => `|${c === 'A' ? 'B' : 'A'}`,
  );
  const tamperedFile = join(dir, 'tampered.json');
  writeFileSync(tamperedFile, JSON.stringify(tampered));
  await caught(() => new EmbeddedVault(tamperedFile).unlock(DEMO_VAULT_PASSWORD));
  assert.match(seen.at(-1) ?? '', /VAULT_ERR_MAC/);

  const verify = spawnSync('node', ['--import', 'tsx', 'src/audit/cli.ts', 'verify', file], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.is(verify.stdout, `ok ${recorded} lines\n`, verify.stderr);
  seen.push(verify.stdout, verify.stderr);

  const auditText = readFileSync(file, 'utf8');
  assert.match(auditText, /"itemName":"Demo Airline"/, 'the audit log has the run in it');
  assert.ok(seen.length > 30, 'the run produced the texts to search');
  for (const secret of SECRETS) {
    assert.not.ok(auditText.includes(secret), 'a secret in the audit log');
    for (const text of seen)
      assert.not.ok(text.includes(secret), `a secret in: ${text.slice(0, 80)}`);
  }
});

test.run();
