/**
 * The export's key derivation, with caps. The KDF parameters come from the file, which may be
 * crafted: without a ceiling a file could ask for 2^31 PBKDF2 iterations or 4 GiB of Argon2
 * memory and hang or kill the process; without a floor it could downgrade the protection of a
 * file we write. The caps are Bitwarden's own: floors from its prelogin check (PBKDF2 ≥ 5 000;
 * Argon2id t ≥ 2, m ≥ 16 MiB, p ≥ 1), ceilings from its settings page (PBKDF2 ≤ 2 000 000;
 * Argon2id t ≤ 10, m ≤ 1 024 MiB, p ≤ 16), so every export real Bitwarden can make still opens.
 */
import { createHash, createHmac, pbkdf2 } from 'node:crypto';
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { VaultError } from './errors.js';

export const KDF_TYPE = { pbkdf2: 0, argon2id: 1 } as const;

export type KdfConfig =
  | { readonly type: 'pbkdf2'; readonly iterations: number }
  | {
      readonly type: 'argon2id';
      readonly iterations: number;
      /** MiB, as Bitwarden stores it. */
      readonly memoryMiB: number;
      readonly parallelism: number;
    };

export const KDF_LIMITS = {
  pbkdf2: { iterations: { min: 5_000, max: 2_000_000 } },
  argon2id: {
    iterations: { min: 2, max: 10 },
    memoryMiB: { min: 16, max: 1_024 },
    parallelism: { min: 1, max: 16 },
  },
} as const;

/** Bitwarden's current default for new accounts, and what our writer uses unless told. */
export const DEFAULT_KDF: KdfConfig = { type: 'pbkdf2', iterations: 600_000 };

function within(value: number, range: { min: number; max: number }, what: string): void {
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new VaultError(
      'VAULT_ERR_KDF_LIMIT',
      `${what} ${String(value)} is outside the accepted range ${range.min}–${range.max}`,
    );
  }
}

/** Throws VAULT_ERR_KDF_LIMIT unless every parameter is within KDF_LIMITS. */
export function checkKdfLimits(kdf: KdfConfig): void {
  if (kdf.type === 'pbkdf2') {
    within(kdf.iterations, KDF_LIMITS.pbkdf2.iterations, 'PBKDF2 iterations');
    return;
  }
  const limits = KDF_LIMITS.argon2id;
  within(kdf.iterations, limits.iterations, 'Argon2id iterations');
  within(kdf.memoryMiB, limits.memoryMiB, 'Argon2id memory (MiB)');
  within(kdf.parallelism, limits.parallelism, 'Argon2id parallelism');
}

/** HKDF-Expand only (no extract step), one 32-byte block: HMAC(prk, info ‖ 0x01). */
function hkdfExpand32(prk: Uint8Array, info: string): Buffer {
  return createHmac('sha256', prk).update(Buffer.from(info, 'utf8')).update(Buffer.of(1)).digest();
}

function pbkdf2Async(password: Buffer, salt: Buffer, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(password, salt, iterations, 32, 'sha256', (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * The 64-byte export key: KDF(password, salt) stretched by HKDF-Expand into an encryption half
 * ("enc") and a MAC half ("mac"). `salt` is the export's salt field as text: Bitwarden feeds the
 * base64 string's own UTF-8 bytes to the KDF, not the decoded bytes.
 */
export async function deriveExportKey(
  password: string,
  salt: string,
  kdf: KdfConfig,
): Promise<Buffer> {
  checkKdfLimits(kdf);
  const passwordBytes = Buffer.from(password, 'utf8');
  const saltBytes = Buffer.from(salt, 'utf8');
  let material: Uint8Array;
  try {
    if (kdf.type === 'pbkdf2') {
      material = await pbkdf2Async(passwordBytes, saltBytes, kdf.iterations);
    } else {
      const memoryKiB = kdf.memoryMiB * 1024;
      material = await argon2idAsync(
        passwordBytes,
        createHash('sha256').update(saltBytes).digest(),
        {
          t: kdf.iterations,
          m: memoryKiB,
          p: kdf.parallelism,
          dkLen: 32,
          // noble's own ceiling is 1 GiB; ours is checked above, so allow exactly what we accept.
          maxmem: memoryKiB * 1024 + 1024 * 1024,
        },
      );
    }
  } finally {
    passwordBytes.fill(0);
  }
  const key = Buffer.alloc(64);
  const enc = hkdfExpand32(material, 'enc');
  const mac = hkdfExpand32(material, 'mac');
  key.set(enc, 0);
  key.set(mac, 32);
  enc.fill(0);
  mac.fill(0);
  material.fill(0);
  return key;
}
