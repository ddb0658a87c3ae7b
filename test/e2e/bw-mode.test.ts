/**
 * `npm run agent -- --mode local --vault bw` end to end in a real pseudo-terminal (tmux), typed like
 * a human: the real CLI, the REAL Bitwarden CLI (the pinned @bitwarden/cli) against the local HTTPS
 * test server (test/bw-server/), the local airline and a real Chromium. The user's part is done as
 * a user does it, once, outside the program (`bw config server`, `bw login`); the CLI finds the
 * data folder and the test CA only through BITWARDENCLI_APPDATA_DIR and NODE_EXTRA_CA_CERTS, as
 * the user's own `bw` would.
 *
 * Every `bw` process costs 1.5–4 s, so the file keeps to: one world + login, two logins through the
 * CLI (one with a wrong master password first), a not-logged-in data folder and a missing bw. At
 * the end every screen, terminal stream and audit log is searched for the master password, the
 * wrong password typed and every item password: there must be zero hits.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { demoAirlineAccounts } from '../../src/cli/demo-airline.js';
import type { AirlineAccount } from '../../src/site/demo-airline/accounts.js';
import { startAirlineServer } from '../../src/site/demo-airline/server.js';
import type { RunningAirline } from '../../src/site/demo-airline/server.js';
import { DEMO_VAULT_PASSWORD } from '../../src/vault/demo.js';
import type { TestLoginItem } from '../bw-server/account.js';
import { FIXTURE_SECRETS, TEST_ITEMS, TEST_MASTER_PASSWORD } from '../bw-server/fixture.js';
import { startBwWorld } from '../bw-server/harness.js';
import type { BwWorld } from '../bw-server/harness.js';
import { Evidence } from './helpers/evidence.js';
import { TmuxSession } from './helpers/tmux.js';

const root = new URL('../..', import.meta.url).pathname;
const sessions: TmuxSession[] = [];
const dirs: string[] = [];
const evidence = new Evidence();

/** Generous: bw processes take 1.5–4 s each and the machine is shared. */
const BW_STEP_MS = 90_000;
const APPROVE_PROMPT = /\[Y\] approve {2}\[N\] deny > $/m;
const MASTER_PROMPT = /^Bitwarden master password \(not shown\): $/m;
const CHOICE_PROMPT = /Choose \[1-(\d+)\] or N to deny > $/m;
const WRONG_MASTER = 'e2e-not-the-Master-pw-3318';
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A demo-airline login that only the airline this test starts accepts (not the demo vault's). */
const BW_ONLY_ACCOUNT: AirlineAccount = {
  username: 'BW0042917',
  password: 'pw-bwair-Puffin-6604',
  lastName: 'Keeper',
  firstName: 'Wanda',
};

let world: BwWorld;
let airline: RunningAirline;
let demoAccount: AirlineAccount;
let extraItems: TestLoginItem[] = [];

const asItem = (name: string, account: AirlineAccount, uri: string): TestLoginItem => ({
  name,
  username: account.username,
  password: account.password,
  uris: [uri],
  fields: [
    { name: 'lastName', value: account.lastName },
    ...(account.firstName === undefined ? [] : [{ name: 'firstName', value: account.firstName }]),
  ],
});

test.before(async () => {
  // The first demo-vault login, as `--demo`'s airline accepts it; the user keeps it in Bitwarden.
  const first = (await demoAirlineAccounts())[0];
  assert.ok(first, 'the demo vault has a demo-airline login');
  demoAccount = first;
  extraItems = [
    asItem('Demo Airline (in Bitwarden)', demoAccount, 'http://demo-airline.localhost'),
    asItem(
      'Demo Airline (bw-only traveller)',
      BW_ONLY_ACCOUNT,
      'http://demo-airline.localhost:8080/login/loginAccess.do',
    ),
  ];
  const started = Date.now();
  world = await startBwWorld([...TEST_ITEMS, ...extraItems]);
  await world.loginAsUser();
  airline = await startAirlineServer({ accounts: [BW_ONLY_ACCOUNT], port: 0 });
  console.log(`  bw world + bw login as the user: ${Date.now() - started} ms`);
});

test.after(async () => {
  for (const s of sessions) s.kill();
  await airline?.close();
  await world?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Run {
  readonly session: TmuxSession;
  readonly dir: string;
  readonly auditFile: string;
}

/** The CLI in tmux with the world's data folder and CA in the environment, as a user has them. */
function startAgent(args: string, env: { appDataDir: string } = world): Run {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-bw-'));
  dirs.push(dir);
  const auditFile = join(dir, 'audit.jsonl');
  const command =
    `node --import tsx src/cli/agent.ts --mode local --vault bw --audit '${auditFile}' ` +
    `--agent-name e2e-bw-agent --reason 'e2e: bw login' ${args}`;
  const session = TmuxSession.start({
    command,
    cwd: root,
    dir,
    env: {
      NO_COLOR: '1',
      BITWARDENCLI_APPDATA_DIR: env.appDataDir,
      NODE_EXTRA_CA_CERTS: world.caFile,
    },
  });
  sessions.push(session);
  return { session, dir, auditFile };
}

function collect(run: Run): string {
  return evidence.collect(run.session, run.dir);
}

const auditEvents = (run: Run) =>
  readFileSync(run.auditFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => /"(?:event|type|name)"\s*:\s*"([^"]+)"/.exec(line)?.[1] ?? '?');

/** At the numbered choice: types the number shown next to `username`. */
function pick(session: TmuxSession, screen: string, username: string): void {
  const numbered = [...screen.matchAll(/\[(\d)\] .*user (\S+)/g)];
  const choice = numbered.find((m) => m[2] === username)?.[1];
  assert.ok(choice, `the list shows ${username}:\n${screen}`);
  session.type(choice);
}

/** The CLI's own timings from its last lines. */
function timings(screen: string) {
  const done = /Done in (\d+) ms \(Chromium launch (\d+) ms, login (\d+) ms\)/.exec(screen);
  const lock = /Vault locked \((\d+) ms, (\d+) ms after the login\)/.exec(screen);
  const status = /Bitwarden CLI is logged in \(bw status (\d+) ms\)/.exec(screen);
  assert.ok(done && lock && status, `timings printed:\n${screen}`);
  return {
    wall: Number(done[1]),
    launch: Number(done[2]),
    login: Number(done[3]),
    lock: Number(lock[1]),
    lockAfterLogin: Number(lock[2]),
    status: Number(status[1]),
  };
}

test('--demo --vault bw: approve → master password → pick → logged in; bw locked at exit', async () => {
  const run = startAgent('--demo');
  const s = run.session;
  const first = await s.waitFor(APPROVE_PROMPT, BW_STEP_MS);
  assert.match(first, /Bitwarden CLI is logged in/);
  assert.match(first, /Vault:\s+Bitwarden CLI .*bw \(data folder .*bw-data\)/);
  s.type('y');
  await s.waitFor(MASTER_PROMPT);
  const typed = Date.now();
  s.type(TEST_MASTER_PASSWORD);
  const choice = await s.waitFor(CHOICE_PROMPT, BW_STEP_MS);
  const shown = Date.now();
  assert.match(choice, /2 logins match demo-airline\.localhost/);
  // Positive control for the lock check below: bw holds an unlocked session right now.
  assert.ok(world.hasUnlockedState(), 'bw is unlocked while the human chooses');
  pick(s, choice, demoAccount.username);
  const picked = Date.now();
  const code = await s.exitCode(BW_STEP_MS);
  const ended = Date.now();
  const screen = collect(run);
  assert.is(code, 0, screen);
  assert.match(
    screen,
    new RegExp(`Logged in to .*"Welcome, ${escapeRegExp(demoAccount.firstName ?? '?')}"`),
  );
  assert.not.ok(world.hasUnlockedState(), 'the CLI ran `bw lock` before it exited');
  assert.is(await world.status(), 'locked');
  const events = auditEvents(run);
  for (const expected of ['credential.approve', 'vault.unlock', 'credential.handover']) {
    assert.ok(events.includes(expected), `audit has ${expected}: ${events.join(', ')}`);
  }
  const t = timings(screen);
  console.log(
    `  bw path: password typed → choice shown ${shown - typed} ms (unlock + list); ` +
      `pick → exit ${ended - picked} ms (login + lock, which waits for the list's bw to exit); CLI wall ${t.wall} ms ` +
      `(bw status ${t.status} ms beside Chromium launch ${t.launch} ms, login ${t.login} ms, ` +
      `bw lock ${t.lock} ms of which ${t.lockAfterLogin} ms after the login)`,
  );
});

test('wrong master password → clear message → retry → logs in (--site-url, --bw-path)', async () => {
  const run = startAgent(`--site-url ${airline.origin} --bw-path '${world.bwPath}'`);
  const s = run.session;
  await s.waitFor(APPROVE_PROMPT, BW_STEP_MS);
  s.type('y');
  await s.waitFor(MASTER_PROMPT);
  s.type(WRONG_MASTER);
  await s.waitFor(
    /Wrong Bitwarden master password \(attempt 1 of 3\)\. Try again\.\nBitwarden master password \(not shown\): $/m,
    BW_STEP_MS,
  );
  s.type(TEST_MASTER_PASSWORD);
  const choice = await s.waitFor(CHOICE_PROMPT, BW_STEP_MS);
  pick(s, choice, BW_ONLY_ACCOUNT.username);
  const code = await s.exitCode(BW_STEP_MS);
  const screen = collect(run);
  assert.is(code, 0, screen);
  assert.match(screen, /Logged in to .*"Welcome, Wanda"/);
  assert.not.ok(world.hasUnlockedState(), 'locked again at exit');
  const events = auditEvents(run);
  assert.is(events.filter((e) => e === 'vault.unlock_failed').length, 1, events.join(', '));
  assert.ok(events.includes('vault.unlock'), events.join(', '));
});

test('a data folder nobody logged in to → exit 11 before any prompt', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'e2e-bw-empty-'));
  dirs.push(empty);
  const run = startAgent('--demo', { appDataDir: empty });
  const code = await run.session.exitCode(BW_STEP_MS);
  const screen = collect(run);
  assert.is(code, 11, screen);
  assert.match(screen, /VAULT_ERR_BW_NOT_LOGGED_IN: bw is not logged in on .*e2e-bw-empty-/);
  assert.match(screen, /bw login/);
  assert.not.match(screen, /Credential request|approve|master password/);
  assert.not.match(screen, /VAULT_ERR_BW_NOT_LOGGED_IN: VAULT_ERR_BW_NOT_LOGGED_IN/);
});

test('--bw-path to no executable → exit 12; --bw-path without --vault bw → exit 2', async () => {
  const missing = startAgent('--demo --bw-path /nonexistent/bw');
  const code = await missing.session.exitCode(BW_STEP_MS);
  const screen = collect(missing);
  assert.is(code, 12, screen);
  assert.match(screen, /VAULT_ERR_BW_MISSING: no executable bw at \/nonexistent\/bw/);
  assert.not.match(screen, /Credential request/);

  const dir = mkdtempSync(join(tmpdir(), 'e2e-bw-usage-'));
  dirs.push(dir);
  const usage = TmuxSession.start({
    command: 'node --import tsx src/cli/agent.ts --mode local --demo --bw-path /usr/bin/true',
    cwd: root,
    dir,
  });
  sessions.push(usage);
  assert.is(await usage.exitCode(BW_STEP_MS), 2, usage.screen());
  assert.match(usage.screen(), /AGENT_ERR_USAGE: --bw-path only applies with --vault bw/);
});

test('no master password or item password in any screen, terminal stream or audit line', () => {
  const secrets = [
    ...FIXTURE_SECRETS,
    ...extraItems.map((i) => i.password),
    WRONG_MASTER,
    DEMO_VAULT_PASSWORD,
  ];
  assert.ok(secrets.includes(TEST_MASTER_PASSWORD), 'the master password is searched for');
  evidence.assertNoSecrets(secrets, 8, [
    'Bitwarden master password (not shown):',
    '"credential.handover"',
  ]);
});

test.run();
