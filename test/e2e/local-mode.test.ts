/**
 * `npm run demo` end to end in a real pseudo-terminal (tmux), typed like a human: the real CLI, the
 * real EmbeddedVault with the demo vault, the local airline and a real Chromium. At the end every
 * screen, the raw terminal stream, every audit log and all stderr are searched for the vault
 * password and the airline passwords: there must be zero hits.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO_VAULT_PASSWORD_FOR_TEST, demoAirlineLogins } from './helpers/demo.js';
import type { DemoLogin } from './helpers/demo.js';
import { Evidence } from './helpers/evidence.js';
import { TmuxSession } from './helpers/tmux.js';
import { DEMO_ITEMS } from '../../src/vault/demo-items.js';

const root = new URL('../..', import.meta.url).pathname;
const sessions: TmuxSession[] = [];
const dirs: string[] = [];
/** Everything a run showed or wrote, for the secret search at the end. */
const evidence = new Evidence();

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const APPROVE_PROMPT = /\[Y\] approve {2}\[N\] deny > $/m;
const PASSWORD_PROMPT = /Vault password for .+ \(not shown\): $/m;
const CHOICE_PROMPT = /Choose \[1-(\d+)\] or N to deny > $/m;
const WRONG_PASSWORDS = ['e2e-wrong-pass-one', 'e2e-wrong-pass-two', 'e2e-wrong-pass-three'];
let logins: DemoLogin[] = [];

test.before(async () => {
  logins = await demoAirlineLogins();
});

interface Run {
  readonly session: TmuxSession;
  readonly dir: string;
  readonly auditFile: string;
  readonly screenshot: string;
}

function startDemo(extraArgs = ''): Run {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-local-'));
  dirs.push(dir);
  const auditFile = join(dir, 'audit.jsonl');
  const screenshot = join(dir, 'welcome.png');
  const command =
    `node --import tsx src/cli/agent.ts --mode local --demo --audit '${auditFile}' ` +
    `--screenshot '${screenshot}' --agent-name e2e-agent --reason 'e2e: book a flight' ${extraArgs}`;
  const session = TmuxSession.start({ command, cwd: root, dir, env: { NO_COLOR: '1' } });
  sessions.push(session);
  return { session, dir, auditFile, screenshot };
}

/** Keeps everything the run produced for the final secret search. */
function collect(run: Run): string {
  return evidence.collect(run.session, run.dir);
}

function auditEvents(run: Run): { event: string; line: string }[] {
  const lines = readFileSync(run.auditFile, 'utf8').split('\n').filter(Boolean);
  return lines.map((line) => {
    const event = /"(?:event|type|name)"\s*:\s*"([^"]+)"/.exec(line)?.[1] ?? '?';
    return { event, line };
  });
}

/** Answers the prompt up to the handover: approve, password, and a choice if several match. */
async function approveAndUnlock(run: Run, password: string, choice = '1'): Promise<void> {
  const s = run.session;
  await s.waitFor(APPROVE_PROMPT);
  s.type('y');
  await s.waitFor(PASSWORD_PROMPT);
  s.type(password);
  const screen = await s.waitFor(/Choose \[1-\d+\] or N|Matching login:|Wrong vault password/);
  if (CHOICE_PROMPT.test(screen)) s.type(choice);
}

test.after(() => {
  for (const s of sessions) s.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('approve → vault password → pick → logged in with real Chromium (exit 0)', async () => {
  const run = startDemo();
  await approveAndUnlock(run, DEMO_VAULT_PASSWORD_FOR_TEST, '1');
  const code = await run.session.exitCode(30_000);
  const screen = collect(run);
  assert.is(code, 0, screen);
  assert.match(screen, /Credential request req-[0-9a-f]{6}/);
  assert.match(screen, /Agent:\s+e2e-agent/);
  assert.match(screen, /Reason:\s+e2e: book a flight/);
  assert.match(screen, /Chromium \d+\.\d+/);
  assert.match(
    screen,
    new RegExp(`Logged in to .*"Welcome, ${escapeRegExp(logins[0]?.displayName ?? '?')}"`),
  );
  assert.ok(statSync(run.screenshot).size > 1000, 'screenshot written');
  const events = auditEvents(run).map((e) => e.event);
  for (const expected of [
    'credential.request',
    'credential.approve',
    'vault.lookup',
    'credential.handover',
    'agent.login',
  ]) {
    assert.ok(
      events.some((e) => e.endsWith(expected)),
      `audit has ${expected}: ${events.join(', ')}`,
    );
  }
  const timing = /Done in (\d+) ms \(Chromium launch (\d+) ms, login (\d+) ms\)/.exec(screen);
  assert.ok(timing, 'timings printed');
  console.log(
    `  demo wall ${timing[1]} ms, Chromium launch ${timing[2]} ms, login ${timing[3]} ms`,
  );
});

test('deny → clean exit 3 with the denial; the vault is never asked', async () => {
  const run = startDemo();
  await run.session.waitFor(APPROVE_PROMPT);
  run.session.type('n');
  const code = await run.session.exitCode();
  const screen = collect(run);
  assert.is(code, 3, screen);
  assert.match(screen, /APPROVAL_ERR_DENIED: you denied request req-/);
  assert.not.match(screen, /Vault password/);
  const events = auditEvents(run).map((e) => e.event);
  assert.ok(
    events.some((e) => e.endsWith('credential.deny')),
    events.join(', '),
  );
  assert.not.ok(events.some((e) => e.endsWith('vault.lookup')));
});

test('wrong vault password → clear message → retry → success', async () => {
  const run = startDemo();
  const s = run.session;
  await s.waitFor(APPROVE_PROMPT);
  s.type('y');
  await s.waitFor(PASSWORD_PROMPT);
  s.type(WRONG_PASSWORDS[0] ?? '');
  await s.waitFor(/Wrong vault password \(attempt 1 of 3\)\. Try again\.\n.*\(not shown\): $/m);
  s.type(DEMO_VAULT_PASSWORD_FOR_TEST);
  const screen = await s.waitFor(/Choose \[1-\d+\] or N|Matching login:/);
  if (CHOICE_PROMPT.test(screen)) s.type('1');
  const code = await s.exitCode(30_000);
  const final = collect(run);
  assert.is(code, 0, final);
  assert.match(final, /Logged in to/);
  const failures = auditEvents(run).filter((e) => e.event.endsWith('vault.unlock_failed'));
  assert.is(failures.length, 1);
});

test('three wrong vault passwords → exit 4, each failure audited', async () => {
  const run = startDemo();
  const s = run.session;
  await s.waitFor(APPROVE_PROMPT);
  s.type('y');
  for (const [i, wrong] of WRONG_PASSWORDS.entries()) {
    await s.waitFor(PASSWORD_PROMPT);
    s.type(wrong);
    await s.waitFor(new RegExp(`attempt ${i + 1} of 3`));
  }
  const code = await s.exitCode();
  const screen = collect(run);
  assert.is(code, 4, screen);
  assert.match(screen, /APPROVAL_ERR_TOO_MANY_ATTEMPTS/);
  assert.is(auditEvents(run).filter((e) => e.event.endsWith('vault.unlock_failed')).length, 3);
});

test('several demo-airline logins → numbered choice → the second one logs in', async () => {
  assert.ok(logins.length >= 2, 'the demo vault has two demo-airline logins');
  const run = startDemo();
  const s = run.session;
  await s.waitFor(APPROVE_PROMPT);
  s.type('y');
  await s.waitFor(PASSWORD_PROMPT);
  s.type(DEMO_VAULT_PASSWORD_FOR_TEST);
  const choice = await s.waitFor(CHOICE_PROMPT);
  assert.match(choice, /logins match demo-airline\.localhost/);
  assert.match(choice, /\[1\] .*user /);
  assert.match(choice, /\[2\] .*user /);
  s.type('9');
  await s.waitFor(/Please type a number from 1 to \d+, or N\./);
  // Item order is the vault's; find which number shows the second login's username.
  const numbered = [...choice.matchAll(/\[(\d)\] .*user (\S+)/g)];
  const pick = numbered.find((m) => m[2] === logins[1]?.username)?.[1];
  assert.ok(pick, `the list shows ${logins[1]?.username}`);
  s.type(pick);
  const code = await s.exitCode(30_000);
  const screen = collect(run);
  assert.is(code, 0, screen);
  assert.match(screen, new RegExp(`"Welcome, ${escapeRegExp(logins[1]?.displayName ?? '?')}"`));
});

test('remote mode is not yet available (exit 2); without a terminal it refuses (exit 9)', () => {
  const base = ['--import', 'tsx', 'src/cli/agent.ts'];
  const remote = spawnSync('node', [...base, '--mode', 'remote', '--demo'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.is(remote.status, 2, remote.stderr);
  assert.match(remote.stderr, /AGENT_ERR_MODE_UNAVAILABLE/);
  const piped = spawnSync('node', [...base, '--mode', 'local', '--demo'], {
    cwd: root,
    encoding: 'utf8',
    input: `y\n${DEMO_VAULT_PASSWORD_FOR_TEST}\n1\n`,
  });
  assert.is(piped.status, 9, piped.stderr);
  assert.match(piped.stderr, /APPROVAL_ERR_NOT_A_TTY/);
  evidence.add('non-tty stdout', piped.stdout);
  evidence.add('non-tty stderr', piped.stderr);
});

test('no password appears in any screen, terminal stream, audit line or error', () => {
  // The vault file password, the demo-airline passwords as the vault decrypts them, every other
  // demo item's password and hidden field, and the wrong passwords typed above.
  const secrets = [
    DEMO_VAULT_PASSWORD_FOR_TEST,
    ...logins.map((l) => l.password),
    ...DEMO_ITEMS.map((item) => item.password),
    ...DEMO_ITEMS.flatMap((item) =>
      (item.fields ?? []).filter((f) => f.hidden).map((f) => f.value),
    ),
    ...WRONG_PASSWORDS,
  ];
  assert.ok(logins.length > 0, 'the demo-airline logins are searched for');
  // The evidence is real output: the prompts and audit lines are in it, only the secrets are not.
  evidence.assertNoSecrets(secrets, 10, ['(not shown):', '"credential.handover"']);
});

test.run();
