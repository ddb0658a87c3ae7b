/** Shared by the vault tests (not a test file itself: the uvu pattern is \.test\.ts$). */
import * as assert from 'uvu/assert';
import { VaultError } from '../../src/vault/errors.js';
import type { VaultErrorCode } from '../../src/vault/errors.js';
import type { KdfConfig } from '../../src/vault/kdf.js';

/** The cheapest settings inside the caps, so tests stay fast. */
export const FAST_PBKDF2: KdfConfig = { type: 'pbkdf2', iterations: 5_000 };
export const FAST_ARGON2: KdfConfig = {
  type: 'argon2id',
  iterations: 2,
  memoryMiB: 16,
  parallelism: 1,
};

export async function expectVaultError(
  action: () => unknown,
  code: VaultErrorCode,
  mustNotContain: readonly string[] = [],
): Promise<VaultError> {
  try {
    await action();
  } catch (error) {
    assert.instance(error, VaultError, String(error));
    const vaultError = error as VaultError;
    assert.is(vaultError.code, code, vaultError.message);
    for (const secret of mustNotContain) {
      assert.not.ok(vaultError.message.includes(secret), 'the error message holds a secret');
    }
    return vaultError;
  }
  assert.unreachable(`expected ${code}`);
  throw new Error('unreachable');
}
