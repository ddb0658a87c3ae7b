/** Alias module: the embedded backend lives in embedded-vault.ts (the name the CLI imports). */
export { EmbeddedVault } from './embedded-vault.js';
export { DEFAULT_IDLE_LOCK_MS } from './lifetime.js';
export type { EmbeddedVaultOptions } from './embedded-vault.js';
