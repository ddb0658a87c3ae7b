/**
 * The demo vault: where it is and its file password. THROWAWAY DEMO VALUES, published on purpose
 * (docs/vault.md) so `npm run demo` and the tests can open it; never put a real login in it.
 * Everything that needs the demo password imports it from here, so it is written down once.
 */
import { fileURLToPath } from 'node:url';

export const DEMO_VAULT_PATH: string = fileURLToPath(
  new URL('../../vault/demo-vault.json', import.meta.url),
);

/** The demo export's file password (not a Bitwarden master password; there is no account). */
export const DEMO_VAULT_PASSWORD = 'demo-vault-horse-staple-4821';
