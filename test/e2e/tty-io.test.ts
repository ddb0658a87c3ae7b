/**
 * TtyApprovalIO in a real pseudo-terminal (tmux): the echoed prompt shows what is typed, the
 * secret prompt shows nothing (not on screen, not in the raw terminal stream), backspace edits,
 * and without a terminal it refuses to run.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TmuxSession } from './helpers/tmux.js';

const root = new URL('../..', import.meta.url).pathname;
const probe = 'node --import tsx test/e2e/helpers/tty-probe.ts';
const sessions: TmuxSession[] = [];
const dirs: string[] = [];

function start(): TmuxSession {
  const dir = mkdtempSync(join(tmpdir(), 'tty-io-'));
  dirs.push(dir);
  const session = TmuxSession.start({ command: probe, cwd: root, dir });
  sessions.push(session);
  return session;
}

test.after(() => {
  for (const s of sessions) s.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('the secret prompt echoes nothing; the echoed prompt supports backspace', async () => {
  const secret = 'tty-probe-secret-Zq81';
  const s = start();
  await s.waitFor(/Name > /);
  s.key('x'); // typed, then erased again
  s.key('BSpace');
  s.type('Alice');
  await s.waitFor(/Secret \(not shown\) > /);
  s.type(secret);
  await s.waitFor(/got name=/);
  assert.is(await s.exitCode(), 0);
  const screen = s.screen();
  const digest = createHash('sha256').update(secret).digest('hex').slice(0, 12);
  assert.match(screen, new RegExp(`got name=\\[Alice\\] secret-sha256=${digest}`));
  assert.not.ok(screen.includes(secret), 'secret not on screen');
  assert.not.ok(s.rawLog().includes(secret), 'secret not in the raw terminal stream');
  assert.not.ok(s.rawLog().includes('*'), 'no asterisks that would reveal the length');
});

test('Ctrl-C at the secret prompt ends with APPROVAL_ERR_INTERRUPTED and restores the terminal', async () => {
  const s = start();
  await s.waitFor(/Name > /);
  s.type('Bob');
  await s.waitFor(/Secret \(not shown\) > /);
  s.key('C-c');
  await s.waitFor(/error APPROVAL_ERR_INTERRUPTED/);
  assert.is(await s.exitCode(), 9);
});

test('without a terminal the prompt refuses: APPROVAL_ERR_NOT_A_TTY', () => {
  const run = spawnSync('node', ['--import', 'tsx', 'test/e2e/helpers/tty-probe.ts'], {
    cwd: root,
    input: 'y\nsecret\n',
    encoding: 'utf8',
  });
  assert.match(run.stdout, /error APPROVAL_ERR_NOT_A_TTY/);
  assert.is(run.status, 9);
});

test.run();
