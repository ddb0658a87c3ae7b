/**
 * A Bitwarden test account built with Bitwarden's real key scheme (research: bitwarden.md §3.4),
 * so the real `bw` can log in, unlock and decrypt it:
 *
 *   masterKey      = PBKDF2-SHA256(password, lowercased email, iterations, 32)
 *   passwordHash   = base64(PBKDF2-SHA256(masterKey, password, 1, 32))   sent at login
 *   stretched      = HKDF-Expand(masterKey, "enc") ‖ HKDF-Expand(masterKey, "mac")
 *   userKey        = 64 random bytes; `Key` = EncString(userKey) under `stretched`
 *   RSA key pair   = publicKey SPKI; privateKey = EncString(PKCS#8) under userKey
 *   item fields    = EncStrings under userKey (no per-item key)
 *
 * EncString type 2 comes from src/vault/enc-string.ts; the real `bw` checks every one of them, so
 * a mistake there fails these tests rather than hiding.
 */
import {
  createHmac,
  generateKeyPairSync,
  pbkdf2Sync,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import {
  decryptBytes,
  encryptBytes,
  formatEncString,
  parseEncString,
} from '../../src/vault/enc-string.js';

/** An item as the test writes it: plain text, encrypted when the account is built. */
export interface TestLoginItem {
  readonly id?: string;
  readonly name: string;
  readonly username: string;
  readonly password: string;
  readonly uris: readonly string[];
  /** Custom fields (type 0 text, 1 hidden). */
  readonly fields?: readonly {
    readonly name: string;
    readonly value: string;
    readonly hidden?: boolean;
  }[];
}

export interface TestAccount {
  readonly userId: string;
  readonly email: string;
  readonly kdfIterations: number;
  /** base64 master password hash the server compares at login. */
  readonly passwordHash: string;
  /** `Key`: the user key wrapped by the stretched master key. */
  readonly wrappedUserKey: string;
  readonly publicKey: string;
  readonly wrappedPrivateKey: string;
  readonly userKey: Buffer;
}

/** Bitwarden's floor for PBKDF2 (a lower count is refused as a downgrade attack); fast for tests. */
export const TEST_KDF_ITERATIONS = 5000;

function hkdfExpand32(prk: Buffer, info: string): Buffer {
  return createHmac('sha256', prk).update(info, 'utf8').update(Buffer.of(1)).digest();
}

export function masterPasswordHash(password: string, email: string, iterations: number): string {
  const salt = Buffer.from(email.trim().toLowerCase(), 'utf8');
  const masterKey = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  return pbkdf2Sync(masterKey, Buffer.from(password, 'utf8'), 1, 32, 'sha256').toString('base64');
}

export function buildAccount(
  email: string,
  password: string,
  iterations = TEST_KDF_ITERATIONS,
): TestAccount {
  const salt = Buffer.from(email.trim().toLowerCase(), 'utf8');
  const masterKey = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const stretched = Buffer.concat([hkdfExpand32(masterKey, 'enc'), hkdfExpand32(masterKey, 'mac')]);
  const userKey = randomBytes(64);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
    publicKeyEncoding: { type: 'spki', format: 'der' },
  });
  return {
    userId: randomUUID(),
    email,
    kdfIterations: iterations,
    passwordHash: masterPasswordHash(password, email, iterations),
    wrappedUserKey: formatEncString(encryptBytes(stretched, userKey)),
    publicKey: publicKey.toString('base64'),
    wrappedPrivateKey: formatEncString(encryptBytes(userKey, privateKey)),
    userKey,
  };
}

/** Constant-time comparison of the hash a client sent with the account's. */
export function passwordHashMatches(account: TestAccount, sent: string): boolean {
  const a = Buffer.from(account.passwordHash, 'utf8');
  const b = Buffer.from(sent, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const encryptText = (account: TestAccount, text: string): string =>
  formatEncString(encryptBytes(account.userKey, Buffer.from(text, 'utf8')));

/** Decrypts an EncString a client sent (e.g. `bw import`); undefined for null/absent fields. */
export function decryptText(account: TestAccount, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const plain = decryptBytes(account.userKey, parseEncString(value, 'field'));
  if (plain === undefined) throw new Error('a field sent by the client fails its MAC');
  return plain.toString('utf8');
}

/** A login item as /api/sync serves it: the minimum the CLI needs plus common defaults. */
export function encryptCipher(account: TestAccount, item: TestLoginItem): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    id: item.id ?? randomUUID(),
    organizationId: null,
    folderId: null,
    type: 1,
    name: encryptText(account, item.name),
    notes: null,
    favorite: false,
    reprompt: 0,
    edit: true,
    viewPassword: true,
    key: null,
    login: {
      username: encryptText(account, item.username),
      password: encryptText(account, item.password),
      totp: null,
      uris: item.uris.map((uri) => ({ uri: encryptText(account, uri), match: null })),
    },
    fields: (item.fields ?? []).map((f) => ({
      name: encryptText(account, f.name),
      value: encryptText(account, f.value),
      type: f.hidden === true ? 1 : 0,
      linkedId: null,
    })),
    collectionIds: [],
    attachments: null,
    passwordHistory: null,
    creationDate: now,
    revisionDate: now,
    deletedDate: null,
    object: 'cipherDetails',
  };
}
