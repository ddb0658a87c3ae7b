/**
 * The concrete vault and audit log behind the CLI, in one place: the rest of the CLI sees only the
 * Vault contract (src/vault/types.ts) and an AuditRecorder.
 */
import { dirname } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { AuditRecorder } from '../approval/audit.js';
import { AuditLog } from '../audit/log.js';
import { BwVault } from '../vault/bw/bw-vault.js';
import { EmbeddedVault } from '../vault/embedded-vault.js';
import type { Vault } from '../vault/types.js';

export { openDemoAirline } from './demo-airline.js';

/** `--vault bw`: the user's own Bitwarden CLI. Any other value is the path of an export file. */
export const BW_VAULT_CHOICE = 'bw';

export interface CliVault {
  readonly vault: Vault;
  /** A start-up check to run beside the other start-up work; bw only (one `bw status`). */
  readonly checkReady?: () => Promise<void>;
}

/**
 * The vault behind `--vault`. For bw nothing is passed but `--bw-path`: bw's children inherit this
 * process's environment, so BITWARDENCLI_APPDATA_DIR (else the user's normal data folder, where
 * their `bw login` wrote) and NODE_EXTRA_CA_CERTS (a self-hosted server's private CA) apply exactly
 * as they do for the user's own `bw`. Throws VAULT_ERR_BW_MISSING at once when there is no bw.
 */
export function openVault(choice: string, bw: { readonly bwPath?: string } = {}): CliVault {
  if (choice === BW_VAULT_CHOICE) {
    const vault = new BwVault(bw.bwPath === undefined ? {} : { bwPath: bw.bwPath });
    return { vault, checkReady: () => vault.checkLoggedIn() };
  }
  return { vault: new EmbeddedVault(choice) };
}

export async function openAuditLog(
  file: string,
): Promise<AuditRecorder & { close(): Promise<void> }> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  return AuditLog.open({ file, keyFile: `${file}.key` });
}
