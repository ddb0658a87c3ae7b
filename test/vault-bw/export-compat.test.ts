/**
 * The password-protected encrypted JSON export, checked against the REAL `bw` both ways:
 *   - our reader (src/vault/bitwarden-export.ts) opens what `bw export --format encrypted_json
 *     --password …` wrote from the test account;
 *   - `bw import` accepts a file our writer made: the server receives the items (decrypted there
 *     with the account key) and `bw list` shows them afterwards.
 * One server and one login for the file. Never skips.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readBitwardenExport, writeBitwardenExport } from '../../src/vault/bitwarden-export.js';
import { ID, TEST_ITEMS } from '../bw-server/fixture.js';
import { startBwWorld } from '../bw-server/harness.js';
import type { BwWorld } from '../bw-server/harness.js';

const FILE_PASSWORD = 'export-file-Pelican-2290';
let world: BwWorld;
let session: string;

test.before(async () => {
  world = await startBwWorld();
  await world.loginAsUser();
  session = await world.unlockAsUser();
});

test.after(async () => {
  await world?.close();
});

test('our reader opens a file `bw export --format encrypted_json --password` wrote', async () => {
  const file = join(world.dir, 'from-bw.json');
  const run = await world.bw(
    ['export', '--format', 'encrypted_json', '--password', FILE_PASSWORD, '--output', file],
    { session },
  );
  assert.is(run.code, 0, `bw export failed: ${run.stderr || run.stdout}`);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /"passwordProtected": ?true/);
  const opened = await readBitwardenExport(text, FILE_PASSWORD);
  try {
    assert.equal(
      opened.items.map((i) => i.id).sort(),
      TEST_ITEMS.map((i) => i.id).sort(),
      'every item of the account is in the export',
    );
    const aa = opened.items.find((i) => i.id === ID.aa);
    assert.is(aa?.name, 'American Airlines');
    assert.equal(
      aa?.uris.map((u) => u.uri),
      ['https://aa.com'],
    );
    opened.credential(ID.aa).use((c) => {
      assert.is(c.username, 'aa-member-4410');
      assert.is(c.password, 'pw-aa-Heron-5521');
      assert.equal(c.extra, { lastName: 'Tester' });
    });
  } finally {
    opened.close();
  }
});

test('`bw import` accepts a file our writer made, and bw then lists the item', async () => {
  const item = {
    name: 'Written by our exporter',
    uris: [{ uri: 'https://import.example.org/login' }],
    username: 'imported-user',
    password: 'pw-imported-Kestrel-5150',
  };
  const file = join(world.dir, 'ours.json');
  writeFileSync(file, await writeBitwardenExport([item], FILE_PASSWORD));
  // bw asks for the file password on a prompt (there is no option for it); answer on stdin.
  const imported = await world.bw(['import', 'bitwardenjson', file], {
    session,
    input: `${FILE_PASSWORD}\n`,
  });
  assert.is(imported.code, 0, `bw import failed: ${imported.stderr || imported.stdout}`);
  assert.equal(world.server.imported, [
    {
      name: item.name,
      username: item.username,
      password: item.password,
      uris: ['https://import.example.org/login'],
    },
  ]);

  const synced = await world.bw(['sync', '--force'], { session });
  assert.is(synced.code, 0, `bw sync failed: ${synced.stderr || synced.stdout}`);
  const listed = await world.bw(['list', 'items', '--search', 'import.example.org'], { session });
  assert.is(listed.code, 0, listed.stderr);
  const items = JSON.parse(listed.stdout) as {
    name: string;
    login: { username: string; password: string };
  }[];
  assert.equal(
    items.map((i) => [i.name, i.login.username, i.login.password]),
    [[item.name, item.username, item.password]],
  );
});

test('`bw import` refuses our file with a wrong file password', async () => {
  const file = join(world.dir, 'ours-wrong.json');
  writeFileSync(
    file,
    await writeBitwardenExport(
      [{ name: 'never imported', uris: [], username: 'x', password: 'pw-never-Stoat-1' }],
      FILE_PASSWORD,
    ),
  );
  const before = world.server.imported.length;
  const run = await world.bw(['import', 'bitwardenjson', file], {
    session,
    input: 'not-the-file-password\n',
  });
  assert.is.not(run.code, 0, 'bw import should fail');
  assert.match(`${run.stdout}${run.stderr}`, /Invalid file password/);
  assert.is(world.server.imported.length, before);
});

test.run();
