/**
 * Approve → credential in hand, embedded vault (the demo export, PBKDF2 600,000 iterations),
 * through the real approval flow (src/approval/approve-request.ts) with a real audit log (fsync
 * per line). The human is replaced by an ApprovalIO that answers at once, so the rows measure the
 * machine's share only: the typing time is the human's.
 *
 *   first request   the vault is locked: password → unlock (KDF) → lookup → decrypt the item
 *   later request   inside the unlocked window: no password, lookup → decrypt the item
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveRequest, type CredentialRequest } from '../../src/approval/approve-request.js';
import type { ApprovalIO } from '../../src/approval/io.js';
import { AuditLog } from '../../src/audit/log.js';
import { DEMO_VAULT_PASSWORD, DEMO_VAULT_PATH } from '../../src/vault/demo.js';
import { EmbeddedVault } from '../../src/vault/embedded-vault.js';
import type { Case } from '../harness.js';

/** Answers Y, the demo password, and the first of several matches — instantly. */
function instantHuman(): ApprovalIO {
  return {
    write: () => {},
    ask: async (q) => (q.startsWith('Choose') ? '1' : 'y'),
    askSecret: async () => DEMO_VAULT_PASSWORD,
  };
}

const REQUEST: CredentialRequest = {
  agentName: 'bench-agent',
  host: 'demo-airline.localhost',
  reason: 'benchmark',
};

export async function vaultCases(): Promise<Case[]> {
  const dir = mkdtempSync(join(tmpdir(), 'acr-bench-'));
  const audit = await AuditLog.open({ file: join(dir, 'audit.jsonl'), keyFile: join(dir, 'key') });
  const request = async (vault: EmbeddedVault) => {
    const approved = await approveRequest(REQUEST, { io: instantHuman(), vault, audit });
    const username = approved.credential.use((c) => c.username);
    approved.credential.wipe();
    if (username.length === 0) throw new Error('empty credential');
    return approved.session;
  };
  // One vault per case: the rounds run the cases in shuffled order, so they must not share state.
  const locked = new EmbeddedVault(DEMO_VAULT_PATH);
  const unlocked = new EmbeddedVault(DEMO_VAULT_PATH);
  // Correctness before timing (the flow hands over the demo-airline login); leaves `unlocked` open.
  await (await request(locked)).lock();
  await request(unlocked);
  return [
    {
      name: 'embedded vault: first request (unlock + lookup + decrypt one item)',
      section: 'vault',
      op: async () => (await request(locked)).lock(),
    },
    {
      name: 'embedded vault: later request in the unlocked window (lookup + decrypt)',
      section: 'vault',
      op: async () => {
        if (unlocked.current() === undefined) throw new Error('the unlocked window closed');
        await request(unlocked);
      },
    },
  ];
}
