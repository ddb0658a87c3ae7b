/**
 * BwVault against the REAL `bw` (the pinned @bitwarden/cli) and our local HTTPS Bitwarden test
 * server: one server and one `bw login` for the whole file (each bw process costs 1.5–4 s). Never
 * skips: a missing bw or a broken server fails with the reason.
 *
 * Whether the data folder is unlocked is read from data.json (`__PROTECTED__…_user_auto`, the
 * user key under the session key) as well as from `bw status`, because `bw status` says "locked"
 * to anyone without the session key and so cannot by itself fail.
 *
 * Which bw processes the vault starts is counted by giving it, as `bwPath`, a small shell script
 * that appends the command to a log and then execs the real bw (list makes no network request,
 * so the server's request log cannot tell). What the session holds between lookup and pick is
 * seen through candidateProbes(): ids and wiped flags, never a value.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BwVault, candidateProbes } from '../../src/vault/bw/bw-vault.js';
import type { CandidateProbe } from '../../src/vault/bw/candidates.js';
import type { LockReason } from '../../src/vault/lifetime.js';
import type { VaultMatch, VaultSession } from '../../src/vault/types.js';
import { FIXTURE_SECRETS, ID, TEST_MASTER_PASSWORD } from '../bw-server/fixture.js';
import { startBwWorld } from '../bw-server/harness.js';
import type { BwWorld } from '../bw-server/harness.js';
import { captureOutput, expectCode } from '../bw-server/test-helpers.js';

let world: BwWorld;
const seen: string[] = []; // every error message, inspect() and callback output of the run
const locks: LockReason[] = [];
const capture = captureOutput();
let countingBw: string;
let spawnLog: string;

const newVault = (extra: { idleLockMs?: number } = {}) =>
  new BwVault({
    bwPath: countingBw,
    appDataDir: world.appDataDir,
    extraCaCerts: world.caFile,
    onLock: (reason) => {
      locks.push(reason);
      seen.push(`locked: ${reason}`);
    },
    ...extra,
  });

const ids = (matches: readonly VaultMatch[]) => matches.map((m) => m.item.id).sort();
/** The bw commands the vaults of this file ran, in order (from the counting wrapper). */
const spawned = () => readFileSync(spawnLog, 'utf8').split('\n').filter(Boolean);
const held = (session: VaultSession) =>
  candidateProbes(session)
    .map((p) => p.id)
    .sort();
const wipedFlags = (probes: readonly CandidateProbe[]) => probes.map((p) => p.wiped);

test.before(async () => {
  capture.start();
  world = await startBwWorld();
  await world.loginAsUser();
  spawnLog = join(world.dir, 'bw-spawns.log');
  writeFileSync(spawnLog, '');
  countingBw = join(world.dir, 'counting-bw');
  writeFileSync(countingBw, `#!/bin/sh\necho "$1" >> '${spawnLog}'\nexec '${world.bwPath}' "$@"\n`);
  chmodSync(countingBw, 0o755);
});

test.after(async () => {
  capture.stop();
  await world?.close();
});

test('a wrong master password is VAULT_ERR_WRONG_PASSWORD and leaves nothing unlocked', async () => {
  const vault = newVault();
  const error = await expectCode(
    () => vault.unlock('not-the-master-password'),
    'VAULT_ERR_WRONG_PASSWORD',
  );
  seen.push(error.message, error.stack ?? '');
  assert.match(error.message, /wrong master password/);
  assert.is(vault.current(), undefined);
  assert.not.ok(world.hasUnlockedState(), 'a failed unlock left an unlocked session');
});

let vault: BwVault;

test('unlock, then www.aa.com gets aa.com and www.aa.com — not http, not a sibling, no look-alike', async () => {
  vault = newVault();
  const before = spawned().length;
  const session = await vault.unlock(TEST_MASTER_PASSWORD);
  assert.ok(world.hasUnlockedState(), 'bw unlock should have unlocked the data folder');
  assert.is(vault.current(), session);
  const matches = await session.lookup('www.aa.com');
  assert.equal(spawned().slice(before), ['unlock', 'list'], 'one unlock, one list');
  seen.push(inspect(matches));
  // bw's own --url rule also returned "AA over plain http" and "AA sibling subdomain": ours drops them.
  assert.equal(ids(matches), [ID.aa, ID.wwwAa].sort());
  assert.equal(held(session), [ID.aa, ID.wwwAa].sort(), 'only the matches are held');
  const www = matches.find((m) => m.item.id === ID.wwwAa);
  assert.is(www?.reason, 'host equals www.aa.com');
  assert.is(www?.item.uri, 'https://www.aa.com/login');
  assert.is(
    matches.find((m) => m.item.id === ID.aa)?.reason,
    'www.aa.com is a subdomain of aa.com',
  );
});

test('aa.com gets only aa.com; the look-alikes only match themselves; each lookup wipes the last', async () => {
  const session = vault.current();
  assert.ok(session);
  const fromWww = candidateProbes(session);
  assert.equal(ids(await session.lookup('aa.com')), [ID.aa]);
  assert.equal(wipedFlags(fromWww), [true, true], 'a new lookup wipes the previous candidates');
  assert.equal(held(session), [ID.aa]);
  const fromAa = candidateProbes(session);
  assert.equal(ids(await session.lookup('baa.com')), [ID.baa]);
  assert.equal(wipedFlags(fromAa), [true]);
  const before = spawned().length;
  assert.equal(await session.lookup('https://aa.com/'), [], 'not a host: no bw call, no match');
  assert.is(spawned().length, before);
  assert.equal(held(session), [], 'even a lookup that runs no bw drops the previous candidates');
});

test('several matches: the pick comes from the list answer, no bw runs, the other is wiped', async () => {
  const session = vault.current();
  assert.ok(session);
  const matches = await session.lookup('shop.example.com');
  assert.equal(ids(matches), [ID.shopPersonal, ID.shopWork].sort());
  const probes = candidateProbes(session);
  const before = spawned();
  const credential = await session.credential(ID.shopWork);
  assert.equal(spawned(), before, 'credential() started a bw process');
  seen.push(inspect(credential), String(credential), JSON.stringify({ credential }));
  credential.use((c) => {
    assert.is(c.username, 'me@work.example');
    assert.is(c.password, 'pw-shop2-Ibis-4471');
  });
  const personal = probes.find((p) => p.id === ID.shopPersonal);
  assert.is(personal?.wiped, true, 'the unchosen candidate is wiped at the pick');
  assert.is(probes.find((p) => p.id === ID.shopWork)?.wiped, false, 'the pick is intact');
  assert.equal(held(session), [], 'nothing of the lookup is held after the pick');
  // One pick per lookup: neither the other match nor the same one again.
  await expectCode(() => session.credential(ID.shopPersonal), 'VAULT_ERR_NOT_FOUND');
  await expectCode(() => session.credential(ID.shopWork), 'VAULT_ERR_NOT_FOUND');
  credential.wipe();
  assert.ok(probes.every((p) => p.wiped));
});

test('credential() of the aa.com item carries its custom field; unoffered ids are refused', async () => {
  const session = vault.current();
  assert.ok(session);
  await session.lookup('www.aa.com');
  // bw listed the http item for www.aa.com, but our matcher did not offer it.
  const refused = await expectCode(() => session.credential(ID.httpAa), 'VAULT_ERR_NOT_FOUND');
  seen.push(refused.message);
  await expectCode(() => session.credential('aa.com'), 'VAULT_ERR_NOT_FOUND');
  assert.equal(held(session), [ID.aa, ID.wwwAa].sort(), 'a refused id wipes nothing');
  const before = spawned().length;
  const credential = await session.credential(ID.aa);
  assert.is(spawned().length, before);
  credential.use((c) => {
    assert.is(c.username, 'aa-member-4410');
    assert.is(c.password, 'pw-aa-Heron-5521');
    assert.equal(c.extra, { lastName: 'Tester' });
  });
  credential.wipe();
  await session.lookup('www.aa.com'); // left held for the lock test
});

test('lock(): candidates wiped, bw status is locked, the data folder holds no unlocked key', async () => {
  const session = vault.current();
  assert.ok(session);
  const probes = candidateProbes(session);
  assert.equal(wipedFlags(probes), [false, false]);
  await session.lock();
  assert.equal(wipedFlags(probes), [true, true], 'lock() wipes the candidates still held');
  assert.ok(session.locked);
  assert.is(vault.current(), undefined);
  assert.not.ok(world.hasUnlockedState(), 'bw lock did not remove the unlocked key');
  assert.is(await world.status(), 'locked');
  const error = await expectCode(() => session.lookup('www.aa.com'), 'VAULT_ERR_LOCKED');
  seen.push(error.message);
  await expectCode(() => session.credential(ID.aa), 'VAULT_ERR_LOCKED');
  assert.equal(locks.slice(-1), ['manual']);
});

test('the idle window locks by itself and bw lock runs', async () => {
  const idle = newVault({ idleLockMs: 50 });
  const session = await idle.unlock(TEST_MASTER_PASSWORD);
  assert.ok(world.hasUnlockedState());
  const deadline = Date.now() + 10_000;
  while (!session.locked && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(session.locked, 'the idle timer did not lock the session');
  await idle.lock(); // waits for the bw lock the idle timer started
  assert.not.ok(world.hasUnlockedState(), 'the idle lock left the data folder unlocked');
  assert.equal(locks.slice(-1), ['idle']);
});

test('two unlocks at once: they run in turn, the first session is replaced and locked', async () => {
  const twice = newVault();
  const [first, second] = await Promise.all([
    twice.unlock(TEST_MASTER_PASSWORD),
    twice.unlock(TEST_MASTER_PASSWORD),
  ]);
  assert.ok(first.locked, 'the first session should have been replaced');
  assert.not.ok(second.locked);
  assert.equal(ids(await second.lookup('aa.com')), [ID.aa], 'the second key still works');
  await twice.lock();
  assert.not.ok(world.hasUnlockedState());
  assert.ok(locks.includes('replaced'));
});

test('not logged in (an empty data folder) is VAULT_ERR_BW_NOT_LOGGED_IN', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'bw-empty-'));
  try {
    const fresh = new BwVault({ bwPath: world.bwPath, appDataDir: empty });
    const error = await expectCode(
      () => fresh.unlock(TEST_MASTER_PASSWORD),
      'VAULT_ERR_BW_NOT_LOGGED_IN',
    );
    seen.push(error.message, error.stack ?? '');
    assert.match(error.message, /bw login/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('a missing bw is VAULT_ERR_BW_MISSING, before anything runs', async () => {
  const error = await expectCode(
    () => new BwVault({ bwPath: join(world.dir, 'no-such-bw') }),
    'VAULT_ERR_BW_MISSING',
  );
  seen.push(error.message);
});

/** Runs test/bw-server/signal-child.ts in `mode`; resolves when it printed `cue`. */
function signalChild(mode: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('../bw-server/signal-child.ts', import.meta.url).pathname],
    {
      env: {
        ...process.env,
        SIGNAL_CHILD_BW_PATH: countingBw,
        SIGNAL_CHILD_APPDATA: world.appDataDir,
        SIGNAL_CHILD_CA: world.caFile,
        SIGNAL_CHILD_PASSWORD: TEST_MASTER_PASSWORD,
        SIGNAL_CHILD_MODE: mode,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const ended = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('close', (code, signal) => resolve(signal ?? code)),
  );
  const cue = async (text: string) => {
    const deadline = Date.now() + 60_000;
    while (!out.includes(text) && child.exitCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(out.includes(text), `the child never said "${text}": ${out}`);
  };
  return { child, ended, cue, output: () => out };
}

/** After the child is gone: locked now, and still locked once any orphan bw would have finished. */
async function assertStaysLocked(what: string) {
  assert.not.ok(world.hasUnlockedState(), `${what}: the data folder was left unlocked`);
  await new Promise((r) => setTimeout(r, 3000)); // an orphan bw unlock writes its key ~0.6 s in
  assert.not.ok(world.hasUnlockedState(), `${what}: a bw left running unlocked it afterwards`);
}

test('SIGTERM while unlocked: the process runs bw lock before it dies', async () => {
  const run = signalChild('unlocked');
  await run.cue('unlocked');
  assert.ok(world.hasUnlockedState(), 'the child should hold an unlocked session');
  run.child.kill('SIGTERM');
  assert.is(await run.ended, 'SIGTERM', 'the signal should still end the process');
  seen.push(run.output());
  await assertStaysLocked('SIGTERM while unlocked');
});

test('SIGHUP (the terminal closed) while unlocked: locked before the process dies of it', async () => {
  const run = signalChild('unlocked');
  await run.cue('unlocked');
  run.child.kill('SIGHUP');
  assert.is(await run.ended, 'SIGHUP');
  seen.push(run.output());
  await assertStaysLocked('SIGHUP while unlocked');
});

test('SIGTERM twice during bw unlock: the second one stops waiting, still locked', async () => {
  const run = signalChild('unlocking');
  await run.cue('unlocking');
  await new Promise((r) => setTimeout(r, 300));
  run.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));
  const t0 = Date.now();
  run.child.kill('SIGTERM'); // impatient: kill the running bw, blocking bw lock, go
  assert.is(await run.ended, 'SIGTERM');
  seen.push(run.output());
  assert.ok(Date.now() - t0 < 4000, `the second signal still waited ${Date.now() - t0} ms`);
  assert.not.match(run.output(), /unlocked\n/);
  await assertStaysLocked('two SIGTERMs during bw unlock');
});

test('SIGTERM while bw unlock runs: the unlock finishes, then bw lock, then the process dies', async () => {
  writeFileSync(spawnLog, '');
  const run = signalChild('unlocking');
  await run.cue('unlocking');
  await new Promise((r) => setTimeout(r, 300)); // bw unlock has started, not answered
  run.child.kill('SIGTERM');
  assert.is(await run.ended, 'SIGTERM');
  seen.push(run.output());
  assert.match(run.output(), /unlock refused: VAULT_ERR_LOCKED/, 'no session after the signal');
  assert.equal(spawned(), ['unlock', 'lock'], 'one unlock, then one lock, never overlapping');
  await assertStaysLocked('SIGTERM during bw unlock');
});

test("SIGTERM while the final lock waits for the list's bw: the folder still ends locked", async () => {
  const run = signalChild('locking');
  await run.cue('locking');
  run.child.kill('SIGTERM');
  assert.is(await run.ended, 'SIGTERM');
  seen.push(run.output());
  await assertStaysLocked('SIGTERM during the lock');
});

test('process.exit() while bw list runs: that bw is stopped, then a blocking bw lock', async () => {
  const run = signalChild('exit');
  assert.is(await run.ended, 0, run.output());
  seen.push(run.output());
  await assertStaysLocked('exit during bw list');
});

test('no secret in any error, printed object, callback or captured output of the run', () => {
  const text = [...seen, capture.text()].join('\n');
  assert.ok(text.length > 0);
  for (const secret of FIXTURE_SECRETS) {
    assert.not.ok(text.includes(secret), 'a fixture secret appeared in the output');
  }
  assert.not.match(text, /[A-Za-z0-9+/]{86}==/, 'something shaped like a session key appeared');
});

test.run();
