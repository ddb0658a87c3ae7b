/**
 * Opening a password-protected export. The whole vault is one encrypted `data` field, so it has to
 * be decrypted once; what stays in memory afterwards is:
 *
 * - as text: each login item's id, name, username, URIs and custom field NAMES (needed for lookup
 *   and for the human to choose);
 * - re-encrypted under a random per-unlock session key: each item's password and custom field
 *   values, never turned into JavaScript strings (see json-bytes.ts);
 * - the decrypted document and the file key are zeroed before unlockExport() returns.
 *
 * credential(id) decrypts exactly one item's sealed secrets. close() zeroes the session key, after
 * which the sealed secrets are noise.
 */
import { randomFillSync } from 'node:crypto';
import { VaultError } from './errors.js';
import { KEY_BYTES, decryptBytes, encryptBytes } from './enc-string.js';
import type { EncString } from './enc-string.js';
import type { ExportEnvelope } from './export-envelope.js';
import { decodeString, parseJsonBytes, rawStringBytes } from './json-bytes.js';
import type { JsonNode } from './json-bytes.js';
import { deriveExportKey } from './kdf.js';
import type { LoginUri } from './matcher.js';
import { SecureCredential } from './secure-credential.js';

/** What the reader knows about a login item without decrypting its secrets. */
export interface ExportLoginItem {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly uris: readonly LoginUri[];
  readonly extraFieldNames: readonly string[];
}

const BITWARDEN_LOGIN_TYPE = 1;
/** Bitwarden custom field types 0 text, 1 hidden, 2 boolean carry a value; 3 (linked) does not. */
const VALUE_FIELD_TYPES = new Set([0, 1, 2]);

type StringNode = Extract<JsonNode, { kind: 'string' }>;

function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.kind === 'object' ? node.entries.get(key) : undefined;
}

const asString = (node: JsonNode | undefined): StringNode | undefined =>
  node?.kind === 'string' ? node : undefined;

/** One sealed value: whether its bytes are still JSON-escaped, and the bytes. */
interface SecretPart {
  readonly name: string;
  readonly escaped: boolean;
  readonly bytes: Buffer;
}

/** [escaped u8][name length u16][name][value length u32][value] per part; the password first. */
function packParts(parts: readonly SecretPart[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const head = Buffer.alloc(3);
    head.writeUInt8(part.escaped ? 1 : 0, 0);
    head.writeUInt16BE(name.length, 1);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(part.bytes.length, 0);
    chunks.push(head, name, length, part.bytes);
  }
  const packed = Buffer.concat(chunks);
  for (const part of parts) part.bytes.fill(0);
  return packed;
}

function unpackParts(packed: Buffer): SecretPart[] {
  const parts: SecretPart[] = [];
  let at = 0;
  while (at < packed.length) {
    const escaped = packed.readUInt8(at) === 1;
    const nameLength = packed.readUInt16BE(at + 1);
    const name = packed.toString('utf8', at + 3, at + 3 + nameLength);
    at += 3 + nameLength;
    const valueLength = packed.readUInt32BE(at);
    parts.push({ name, escaped, bytes: packed.subarray(at + 4, at + 4 + valueLength) });
    at += 4 + valueLength;
  }
  return parts;
}

/** A value for SecureCredential: raw bytes when unescaped; decoded text only when it must be. */
const partValue = (part: SecretPart): string | Uint8Array =>
  part.escaped ? (JSON.parse(`"${part.bytes.toString('utf8')}"`) as string) : part.bytes;

interface ParsedItem {
  readonly summary: ExportLoginItem;
  readonly secrets: SecretPart[];
}

function parseLoginItem(doc: Buffer, node: JsonNode, index: number): ParsedItem | undefined {
  const type = member(node, 'type');
  if (type?.kind !== 'number' || type.value !== BITWARDEN_LOGIN_TYPE) return undefined;
  const bad = (what: string) =>
    new VaultError('VAULT_ERR_BAD_EXPORT', `item ${index + 1} in the vault data: ${what}`);
  const id = asString(member(node, 'id'));
  if (id === undefined) throw bad('"id" is missing');
  const login = member(node, 'login');
  if (login?.kind !== 'object') throw bad('a login item without a "login" object');
  const text = (n: JsonNode | undefined) => {
    const s = asString(n);
    return s === undefined ? '' : decodeString(doc, s);
  };

  const uris: LoginUri[] = [];
  const uriList = member(login, 'uris');
  for (const entry of uriList?.kind === 'array' ? uriList.items : []) {
    const uri = asString(member(entry, 'uri'));
    const match = member(entry, 'match');
    if (uri === undefined) continue;
    uris.push({
      uri: decodeString(doc, uri),
      match: match?.kind === 'number' ? match.value : null,
    });
  }

  const secrets: SecretPart[] = [];
  const password = asString(member(login, 'password'));
  secrets.push({
    name: '',
    escaped: password?.escaped ?? false,
    bytes: password === undefined ? Buffer.alloc(0) : rawStringBytes(doc, password),
  });
  const extraFieldNames: string[] = [];
  const fields = member(node, 'fields');
  for (const field of fields?.kind === 'array' ? fields.items : []) {
    const fieldType = member(field, 'type');
    const name = asString(member(field, 'name'));
    const value = asString(member(field, 'value'));
    if (fieldType?.kind !== 'number' || !VALUE_FIELD_TYPES.has(fieldType.value)) continue;
    if (name === undefined || value === undefined) continue;
    const fieldName = decodeString(doc, name);
    // The first field of a name wins, as a form can take only one value per field.
    if (fieldName === '' || extraFieldNames.includes(fieldName)) continue;
    extraFieldNames.push(fieldName);
    secrets.push({ name: fieldName, escaped: value.escaped, bytes: rawStringBytes(doc, value) });
  }

  const name = text(member(node, 'name'));
  return {
    summary: {
      id: decodeString(doc, id),
      name,
      username: text(member(login, 'username')),
      uris,
      extraFieldNames,
    },
    secrets,
  };
}

function parseDocument(doc: Buffer): ParsedItem[] {
  const root = parseJsonBytes(doc);
  const encrypted = member(root, 'encrypted');
  if (encrypted?.kind !== 'boolean' || encrypted.value) {
    throw new VaultError('VAULT_ERR_BAD_EXPORT', 'the vault data is not a plain JSON export');
  }
  const items = member(root, 'items');
  if (items?.kind !== 'array') {
    throw new VaultError('VAULT_ERR_BAD_EXPORT', 'the vault data has no "items" list');
  }
  const parsed: ParsedItem[] = [];
  const seen = new Set<string>();
  items.items.forEach((node, index) => {
    const item = parseLoginItem(doc, node, index);
    if (item === undefined) return;
    if (seen.has(item.summary.id)) {
      throw new VaultError('VAULT_ERR_BAD_EXPORT', `item ${index + 1}: duplicate id`);
    }
    seen.add(item.summary.id);
    parsed.push(item);
  });
  return parsed;
}

/** An unlocked export: item summaries in clear, secrets sealed under a per-unlock key. */
export class UnlockedExport {
  readonly items: readonly ExportLoginItem[];
  readonly #sealed: Map<string, EncString>;
  readonly #sessionKey: Buffer;
  #closed = false;

  constructor(parsed: readonly ParsedItem[]) {
    this.#sessionKey = Buffer.alloc(KEY_BYTES);
    randomFillSync(this.#sessionKey);
    this.#sealed = new Map();
    for (const item of parsed) {
      const packed = packParts(item.secrets);
      this.#sealed.set(item.summary.id, encryptBytes(this.#sessionKey, packed));
      packed.fill(0);
    }
    this.items = parsed.map((p) => p.summary);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Decrypts the one chosen item into a SecureCredential; nothing else is decrypted. */
  credential(id: string): SecureCredential {
    if (this.#closed) throw new VaultError('VAULT_ERR_LOCKED', 'the vault is locked');
    const summary = this.items.find((item) => item.id === id);
    const sealed = this.#sealed.get(id);
    if (summary === undefined || sealed === undefined) {
      throw new VaultError('VAULT_ERR_NOT_FOUND', `no login item with id "${id}"`);
    }
    const packed = decryptBytes(this.#sessionKey, sealed);
    if (packed === undefined) throw new Error('internal: a sealed item failed its own MAC');
    try {
      const [password, ...extras] = unpackParts(packed);
      const extra: Record<string, string | Uint8Array> = {};
      for (const part of extras) extra[part.name] = partValue(part);
      return new SecureCredential({
        username: summary.username,
        password: password === undefined ? '' : partValue(password),
        extra,
      });
    } finally {
      packed.fill(0);
    }
  }

  /** Zeroes the session key; the sealed secrets can no longer be opened. Idempotent. */
  close(): void {
    this.#sessionKey.fill(0);
    this.#sealed.clear();
    this.#closed = true;
  }
}

/**
 * Derives the file key, proves the password on the validation field, decrypts and indexes the
 * data. Wrong password → VAULT_ERR_WRONG_PASSWORD; a data field failing its MAC after the password
 * was proven → VAULT_ERR_MAC (the file was modified).
 */
export async function unlockExport(
  envelope: ExportEnvelope,
  password: string,
): Promise<UnlockedExport> {
  const key = await deriveExportKey(password, envelope.salt, envelope.kdf);
  let doc: Buffer | undefined;
  try {
    const validation = decryptBytes(key, envelope.validation);
    if (validation === undefined) {
      throw new VaultError('VAULT_ERR_WRONG_PASSWORD', 'wrong password for this vault file');
    }
    validation.fill(0);
    doc = decryptBytes(key, envelope.data);
    if (doc === undefined) {
      throw new VaultError(
        'VAULT_ERR_MAC',
        'the "data" field fails its integrity check: the file was modified or corrupted',
      );
    }
    return new UnlockedExport(parseDocument(doc));
  } finally {
    key.fill(0);
    doc?.fill(0);
  }
}
