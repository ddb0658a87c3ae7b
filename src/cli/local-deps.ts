/**
 * The concrete vault and audit log behind the CLI, in one place: the rest of the CLI sees only the
 * Vault contract (src/vault/types.ts) and an AuditRecorder.
 */
import { dirname } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { AuditRecorder } from '../approval/audit.js';
import { AuditLog } from '../audit/log.js';
import { EmbeddedVault } from '../vault/embedded-vault.js';
import type { Vault } from '../vault/types.js';

export { DEMO_VAULT_FILE, openDemoAirline } from './demo-airline.js';

export async function openVault(file: string): Promise<Vault> {
  return new EmbeddedVault(file);
}

export async function openAuditLog(
  file: string,
): Promise<AuditRecorder & { close(): Promise<void> }> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const log = await AuditLog.open({ file, keyFile: `${file}.key` });
  return {
    record: (event, fields) => log.record(event, fields),
    close: async () => {
      await log.close();
    },
  };
}
