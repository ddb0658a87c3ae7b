/**
 * The outer layer of a password-protected Bitwarden export (`bw export --format encrypted_json
 * --password …`), checked field by field before any key is derived. Everything here comes from a
 * file someone could have crafted, so each rejection names the field and what was expected.
 */
import { VaultError } from './errors.js';
import { parseEncString } from './enc-string.js';
import type { EncString } from './enc-string.js';
import { KDF_TYPE, checkKdfLimits } from './kdf.js';
import type { KdfConfig } from './kdf.js';

export interface ExportEnvelope {
  /** The salt exactly as written in the file: the KDF takes this text, not its decoded bytes. */
  readonly salt: string;
  readonly kdf: KdfConfig;
  /** Encrypts a random GUID: if its MAC verifies, the password is right. */
  readonly validation: EncString;
  /** Encrypts the whole plain `json` export. */
  readonly data: EncString;
}

const bad = (message: string) => new VaultError('VAULT_ERR_BAD_EXPORT', message);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kdfFrom(file: Record<string, unknown>): KdfConfig {
  const { kdfType, kdfIterations, kdfMemory, kdfParallelism } = file;
  if (typeof kdfIterations !== 'number') throw bad('"kdfIterations" is missing or not a number');
  if (kdfType === KDF_TYPE.pbkdf2) return { type: 'pbkdf2', iterations: kdfIterations };
  if (kdfType === KDF_TYPE.argon2id) {
    if (typeof kdfMemory !== 'number' || typeof kdfParallelism !== 'number') {
      throw bad('an Argon2id export needs numeric "kdfMemory" and "kdfParallelism"');
    }
    return {
      type: 'argon2id',
      iterations: kdfIterations,
      memoryMiB: kdfMemory,
      parallelism: kdfParallelism,
    };
  }
  throw new VaultError(
    'VAULT_ERR_UNSUPPORTED',
    `"kdfType" ${JSON.stringify(kdfType) ?? 'missing'} is not 0 (PBKDF2-SHA256) or 1 (Argon2id)`,
  );
}

/** Parses and validates the file's text. No password involved; no secret can be in an error. */
export function parseExportEnvelope(text: string): ExportEnvelope {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw bad('the file is not JSON');
  }
  if (!isRecord(file)) throw bad('the file is not a JSON object');
  if (file.encrypted === false) {
    throw new VaultError(
      'VAULT_ERR_UNSUPPORTED',
      'this is an unencrypted export; export again with --format encrypted_json --password',
    );
  }
  if (file.encrypted !== true) throw bad('"encrypted" is missing');
  if (file.passwordProtected !== true) {
    throw new VaultError(
      'VAULT_ERR_UNSUPPORTED',
      'this export is tied to a Bitwarden account (no file password) and cannot be read offline; ' +
        'export again with --format encrypted_json --password',
    );
  }
  const { salt } = file;
  if (typeof salt !== 'string' || !/^[A-Za-z0-9+/=]{8,128}$/.test(salt)) {
    throw bad('"salt" is missing or not base64');
  }
  const kdf = kdfFrom(file);
  checkKdfLimits(kdf);
  return {
    salt,
    kdf,
    validation: parseEncString(file.encKeyValidation_DO_NOT_EDIT, '"encKeyValidation_DO_NOT_EDIT"'),
    data: parseEncString(file.data, '"data"'),
  };
}
