/**
 * Writes a password-protected encrypted JSON export in the shape `bw export --format
 * encrypted_json --password` produces (docs/vault.md). Used for the demo vault and the tests; the
 * research probe found the real `bw import` accepts files made this way.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { encryptBytes, formatEncString } from './enc-string.js';
import { DEFAULT_KDF, KDF_TYPE, checkKdfLimits, deriveExportKey } from './kdf.js';
import type { KdfConfig } from './kdf.js';

export interface PlainCustomField {
  readonly name: string;
  readonly value: string;
  /** A "hidden" field (type 1) rather than text (type 0). */
  readonly hidden?: boolean;
}

export interface PlainLoginItem {
  /** Defaults to a random UUID, as Bitwarden's ids are. */
  readonly id?: string;
  readonly name: string;
  readonly uris: readonly { readonly uri: string; readonly match?: number | null }[];
  readonly username: string;
  readonly password: string;
  readonly fields?: readonly PlainCustomField[];
  readonly notes?: string;
}

/** The plain `json` export Bitwarden puts inside `data`, with the fields it always writes. */
function plainExport(items: readonly PlainLoginItem[], now: string): unknown {
  return {
    encrypted: false,
    folders: [],
    items: items.map((item) => ({
      passwordHistory: null,
      revisionDate: now,
      creationDate: now,
      deletedDate: null,
      id: item.id ?? randomUUID(),
      organizationId: null,
      folderId: null,
      type: 1,
      reprompt: 0,
      name: item.name,
      notes: item.notes ?? null,
      favorite: false,
      fields: (item.fields ?? []).map((f) => ({
        name: f.name,
        value: f.value,
        type: f.hidden === true ? 1 : 0,
        linkedId: null,
      })),
      login: {
        fido2Credentials: [],
        uris: item.uris.map((u) => ({ match: u.match ?? null, uri: u.uri })),
        username: item.username,
        password: item.password,
        totp: null,
      },
      collectionIds: null,
    })),
  };
}

function kdfFields(kdf: KdfConfig): Record<string, number> {
  return kdf.type === 'pbkdf2'
    ? { kdfType: KDF_TYPE.pbkdf2, kdfIterations: kdf.iterations }
    : {
        kdfType: KDF_TYPE.argon2id,
        kdfIterations: kdf.iterations,
        kdfMemory: kdf.memoryMiB,
        kdfParallelism: kdf.parallelism,
      };
}

/** The export file's text (pretty-printed JSON, trailing newline). */
export async function writeBitwardenExport(
  items: readonly PlainLoginItem[],
  password: string,
  kdf: KdfConfig = DEFAULT_KDF,
): Promise<string> {
  checkKdfLimits(kdf);
  const salt = randomBytes(16).toString('base64');
  const key = await deriveExportKey(password, salt, kdf);
  const data = Buffer.from(JSON.stringify(plainExport(items, new Date().toISOString())), 'utf8');
  try {
    const file = {
      encrypted: true,
      passwordProtected: true,
      salt,
      ...kdfFields(kdf),
      encKeyValidation_DO_NOT_EDIT: formatEncString(
        encryptBytes(key, Buffer.from(randomUUID(), 'utf8')),
      ),
      data: formatEncString(encryptBytes(key, data)),
    };
    return `${JSON.stringify(file, null, 2)}\n`;
  } finally {
    key.fill(0);
    data.fill(0);
  }
}
