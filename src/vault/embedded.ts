/** Alias module: the embedded backend lives in embedded-vault.ts (the name the CLI imports). */
export { DEFAULT_IDLE_LOCK_MS, EmbeddedVault } from './embedded-vault.js';
export type { EmbeddedVaultOptions } from './embedded-vault.js';
