/**
 * The vault contract every backend implements (the embedded Bitwarden export, the real `bw` CLI).
 * The approval flow only ever talks to these interfaces, so local and remote mode share it.
 */
import type { SecureCredential } from './secure-credential.js';

/** What the human sees about an item before approving: never a secret. */
export interface VaultItemSummary {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  /** The login URI that matched. */
  readonly uri: string;
}

/** An item that matched a requested host, with the rule that made it match. */
export interface VaultMatch {
  readonly item: VaultItemSummary;
  /** e.g. "host equals demo-airline.localhost" or "www.aa.com is a subdomain of aa.com". */
  readonly reason: string;
}

/** An unlocked vault. Locks itself after an idle window, on exit and on SIGINT/SIGTERM. */
export interface VaultSession {
  readonly locked: boolean;
  /** Items whose login URIs match `host` under the shared domain matcher (src/vault/matcher.ts). */
  lookup(host: string): Promise<VaultMatch[]>;
  /** Decrypts exactly one chosen item; nothing else stays decrypted. */
  credential(itemId: string): Promise<SecureCredential>;
  lock(): Promise<void>;
}

export interface Vault {
  readonly kind: 'embedded' | 'bw';
  /** A short public description, e.g. the export file's path. Never a secret. */
  readonly label: string;
  /** The session still inside its unlocked window, if any (the prompt then skips the password). */
  current(): VaultSession | undefined;
  /** Throws VaultError (VAULT_ERR_WRONG_PASSWORD, …); the password never appears in the error. */
  unlock(password: string): Promise<VaultSession>;
  /** Locks the current session, if any, and resolves once it is locked (a no-op when it is). */
  lock(): Promise<void>;
}
