/**
 * The approval flow with a scripted ApprovalIO and a tiny in-test Vault (the real EmbeddedVault is
 * exercised end to end in test/e2e). Checks the order of steps, the retry limit, the numbered
 * choice, and that no audit field ever holds the vault password.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { approveRequest } from '../../src/approval/approve-request.js';
import type { AuditValue } from '../../src/approval/audit.js';
import { ApprovalError } from '../../src/approval/errors.js';
import type { ApprovalIO } from '../../src/approval/io.js';
import type { SecureCredential } from '../../src/vault/secure-credential.js';
import type { Vault, VaultMatch, VaultSession } from '../../src/vault/types.js';

const VAULT_PASSWORD = 'fake-vault-pass-5521';

/** Answers questions from a script and records everything shown. */
class ScriptedIO implements ApprovalIO {
  shown = '';
  secretsAsked = 0;
  readonly #answers: string[];
  constructor(answers: string[]) {
    this.#answers = [...answers];
  }
  write(text: string) {
    this.shown += text;
  }
  async ask(question: string) {
    this.shown += question;
    return this.#next(question);
  }
  async askSecret(question: string) {
    this.shown += question;
    this.secretsAsked += 1;
    return this.#next(question);
  }
  #next(question: string): string {
    const answer = this.#answers.shift();
    if (answer === undefined) throw new Error(`script ran out at "${question}"`);
    return answer;
  }
}

class FakeVaultError extends Error {
  readonly code = 'VAULT_ERR_WRONG_PASSWORD';
}

function fakeVault(
  matches: VaultMatch[],
  opts: { unlocked?: boolean; kind?: Vault['kind']; unlockError?: Error } = {},
) {
  const handedOut: string[] = [];
  let unlocks = 0;
  const session: VaultSession = {
    locked: false,
    lookup: async () => matches,
    credential: async (id) => {
      handedOut.push(id);
      // Only the shape the flow passes on; never used here.
      return { id } as unknown as SecureCredential;
    },
    lock: async () => undefined,
  };
  const vault: Vault = {
    kind: opts.kind ?? 'embedded',
    label: 'fake-vault.json',
    current: () => (opts.unlocked ? session : undefined),
    unlock: async (password) => {
      unlocks += 1;
      if (opts.unlockError !== undefined) throw opts.unlockError;
      if (password !== VAULT_PASSWORD) throw new FakeVaultError('wrong password');
      return session;
    },
    lock: async () => undefined,
  };
  return { vault, handedOut, unlocks: () => unlocks };
}

function auditSpy() {
  const lines: { event: string; fields: Record<string, AuditValue> }[] = [];
  return {
    lines,
    record: (event: string, fields: Record<string, AuditValue>) => lines.push({ event, fields }),
  };
}

const match = (id: string, username: string): VaultMatch => ({
  item: { id, name: `Demo Airline (${username})`, username, uri: 'http://demo-airline.localhost' },
  reason: 'host equals demo-airline.localhost',
});

const request = {
  agentName: 'test-agent',
  host: 'demo-airline.localhost',
  reason: 'book a flight',
};

async function rejects(promise: Promise<unknown>, code: string): Promise<void> {
  try {
    await promise;
    assert.unreachable(`expected ${code}`);
  } catch (error) {
    assert.instance(error, ApprovalError);
    assert.is((error as ApprovalError).code, code);
  }
}

test('approve → password → one match → handover, with an audit line per step', async () => {
  const { vault, handedOut } = fakeVault([match('item-1', 'ada')]);
  const io = new ScriptedIO(['y', VAULT_PASSWORD]);
  const audit = auditSpy();
  const approved = await approveRequest(request, { io, vault, audit });
  assert.is(approved.match.item.id, 'item-1');
  assert.equal(handedOut, ['item-1']);
  assert.match(io.shown, /Agent:\s+test-agent/);
  assert.match(io.shown, /a login for demo-airline\.localhost/);
  assert.match(io.shown, /Reason:\s+book a flight/);
  assert.match(io.shown, /\[Y\] approve {2}\[N\] deny/);
  assert.match(io.shown, /user ada/);
  assert.match(io.shown, /host equals demo-airline\.localhost/);
  assert.equal(
    audit.lines.map((l) => l.event),
    [
      'credential.request',
      'credential.approve',
      'vault.unlock',
      'vault.lookup',
      'credential.handover',
    ],
  );
  assert.ok(audit.lines.every((l) => l.fields.requestId === approved.requestId));
});

test('N denies before the vault is touched', async () => {
  const fake = fakeVault([match('item-1', 'ada')]);
  const io = new ScriptedIO(['maybe', 'n']);
  const audit = auditSpy();
  await rejects(approveRequest(request, { io, vault: fake.vault, audit }), 'APPROVAL_ERR_DENIED');
  assert.is(io.secretsAsked, 0);
  assert.is(fake.unlocks(), 0);
  assert.match(io.shown, /Please type Y to approve or N to deny/);
  assert.equal(
    audit.lines.map((l) => l.event),
    ['credential.request', 'credential.deny'],
  );
});

test('wrong passwords are retried, counted and audited without the password', async () => {
  const { vault } = fakeVault([match('item-1', 'ada')]);
  const io = new ScriptedIO(['y', 'wrong-one-111', 'wrong-two-222', VAULT_PASSWORD]);
  const audit = auditSpy();
  await approveRequest(request, { io, vault, audit });
  assert.match(io.shown, /Wrong vault password \(attempt 1 of 3\)\. Try again\./);
  assert.match(io.shown, /attempt 2 of 3/);
  const failures = audit.lines.filter((l) => l.event === 'vault.unlock_failed');
  assert.is(failures.length, 2);
  const everything = JSON.stringify(audit.lines) + io.shown;
  for (const secret of ['wrong-one-111', 'wrong-two-222', VAULT_PASSWORD]) {
    assert.not.ok(everything.includes(secret), `${secret} leaked`);
  }
});

test('the bw backend asks for the Bitwarden master password, by that name', async () => {
  const { vault } = fakeVault([match('item-1', 'ada')], { kind: 'bw' });
  const io = new ScriptedIO(['y', 'wrong-one-111', VAULT_PASSWORD]);
  await approveRequest(request, { io, vault, audit: auditSpy() });
  assert.match(io.shown, /^Bitwarden master password \(not shown\): /m);
  assert.match(io.shown, /Wrong Bitwarden master password \(attempt 1 of 3\)\. Try again\./);
  assert.not.match(io.shown, /Vault password for|Wrong vault password/);
});

test('a vault failure other than a wrong password is APPROVAL_ERR_VAULT with the cause', async () => {
  const cause = Object.assign(new Error('bw is not logged in'), {
    code: 'VAULT_ERR_BW_NOT_LOGGED_IN',
  });
  const fake = fakeVault([match('item-1', 'ada')], { kind: 'bw', unlockError: cause });
  const io = new ScriptedIO(['y', VAULT_PASSWORD]);
  try {
    await approveRequest(request, { io, vault: fake.vault, audit: auditSpy() });
    assert.unreachable('expected APPROVAL_ERR_VAULT');
  } catch (error) {
    assert.instance(error, ApprovalError);
    assert.is((error as ApprovalError).code, 'APPROVAL_ERR_VAULT');
    assert.is((error as ApprovalError).cause, cause);
    assert.match((error as ApprovalError).message, /bw is not logged in/);
  }
  assert.is(fake.unlocks(), 1, 'not retried');
});

test('three wrong passwords end with APPROVAL_ERR_TOO_MANY_ATTEMPTS', async () => {
  const fake = fakeVault([match('item-1', 'ada')]);
  const io = new ScriptedIO(['y', 'a', 'b', 'c']);
  const audit = auditSpy();
  await rejects(
    approveRequest(request, { io, vault: fake.vault, audit }),
    'APPROVAL_ERR_TOO_MANY_ATTEMPTS',
  );
  assert.is(fake.unlocks(), 3);
  assert.is(audit.lines.at(-1)?.event, 'credential.failure');
});

test('an unlocked vault session skips the password prompt', async () => {
  const { vault } = fakeVault([match('item-1', 'ada')], { unlocked: true });
  const io = new ScriptedIO(['y']);
  await approveRequest(request, { io, vault, audit: auditSpy() });
  assert.is(io.secretsAsked, 0);
  assert.match(io.shown, /still unlocked/);
});

test('several matches are numbered; out-of-range answers are asked again', async () => {
  const { vault, handedOut } = fakeVault([match('item-1', 'ada'), match('item-2', 'bob')]);
  const io = new ScriptedIO(['y', VAULT_PASSWORD, '7', '2']);
  const approved = await approveRequest(request, { io, vault, audit: auditSpy() });
  assert.match(io.shown, /2 logins match demo-airline\.localhost/);
  assert.match(io.shown, /\[1\] Demo Airline \(ada\)/);
  assert.match(io.shown, /\[2\] Demo Airline \(bob\)/);
  assert.match(io.shown, /Please type a number from 1 to 2, or N/);
  assert.is(approved.match.item.id, 'item-2');
  assert.equal(handedOut, ['item-2']);
});

test('N at the choice denies, and nothing is decrypted', async () => {
  const { vault, handedOut } = fakeVault([match('item-1', 'ada'), match('item-2', 'bob')]);
  const io = new ScriptedIO(['y', VAULT_PASSWORD, 'n']);
  await rejects(approveRequest(request, { io, vault, audit: auditSpy() }), 'APPROVAL_ERR_DENIED');
  assert.equal(handedOut, []);
});

test('no match is APPROVAL_ERR_NO_MATCH', async () => {
  const { vault } = fakeVault([]);
  const audit = auditSpy();
  await rejects(
    approveRequest(request, { io: new ScriptedIO(['y', VAULT_PASSWORD]), vault, audit }),
    'APPROVAL_ERR_NO_MATCH',
  );
  assert.equal(audit.lines.map((l) => l.event).slice(-2), ['vault.lookup', 'credential.failure']);
});

test('other vault errors become APPROVAL_ERR_VAULT at once (no retry)', async () => {
  const { vault } = fakeVault([]);
  const broken: Vault = {
    ...vault,
    current: () => undefined,
    unlock: async () => {
      throw Object.assign(new Error('export file is not valid JSON'), { code: 'VAULT_ERR_FORMAT' });
    },
  };
  const io = new ScriptedIO(['y', VAULT_PASSWORD]);
  await rejects(
    approveRequest(request, { io, vault: broken, audit: auditSpy() }),
    'APPROVAL_ERR_VAULT',
  );
  assert.is(io.secretsAsked, 1);
});

test.run();
