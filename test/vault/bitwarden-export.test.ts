/** The password-protected export: writer → reader round trips, and every way a file is refused. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatEncString, parseEncString } from '../../src/vault/enc-string.js';
import {
  KDF_LIMITS,
  parseExportEnvelope,
  readBitwardenExport,
  writeBitwardenExport,
} from '../../src/vault/bitwarden-export.js';
import type { KdfConfig, PlainLoginItem } from '../../src/vault/bitwarden-export.js';
import { FAST_ARGON2, FAST_PBKDF2, expectVaultError } from './helpers.js';

const FILE_PASSWORD = 'file-pw-Tq8-öß-✓';
const ITEMS: readonly PlainLoginItem[] = [
  {
    id: 'item-1',
    name: 'Demo Airline',
    uris: [{ uri: 'http://demo-airline.localhost' }],
    username: 'AA1234567',
    password: 'plain-pw-1',
    fields: [{ name: 'lastName', value: 'Traveler' }],
  },
  {
    id: 'item-2',
    name: 'Escapes "quoted" \\ name',
    uris: [{ uri: 'https://aa.com', match: 3 }],
    username: 'user"with\\escapes',
    password: 'pw "quoted" \\ back\nnewline\ttab \u0001 ünïcødé ✈ 😀',
    fields: [
      { name: 'lastName', value: 'O"Brien\\' },
      { name: 'pin', value: '12"34', hidden: true },
    ],
  },
  { id: 'item-3', name: 'No fields', uris: [], username: '', password: '' },
];

async function roundTrip(kdf: KdfConfig): Promise<void> {
  const text = await writeBitwardenExport(ITEMS, FILE_PASSWORD, kdf);
  assert.not.ok(text.includes('plain-pw-1'), 'the file holds no plaintext');
  const opened = await readBitwardenExport(text, FILE_PASSWORD);
  assert.equal(
    opened.items.map((i) => [i.id, i.name, i.username, i.uris, i.extraFieldNames]),
    [
      [
        'item-1',
        'Demo Airline',
        'AA1234567',
        [{ uri: 'http://demo-airline.localhost', match: null }],
        ['lastName'],
      ],
      [
        'item-2',
        ITEMS[1]?.name,
        ITEMS[1]?.username,
        [{ uri: 'https://aa.com', match: 3 }],
        ['lastName', 'pin'],
      ],
      ['item-3', 'No fields', '', [], []],
    ],
  );
  for (const item of ITEMS) {
    const credential = opened.credential(item.id ?? '');
    const got = credential.use((f) => ({ ...f, extra: { ...f.extra } }));
    const extra = Object.fromEntries((item.fields ?? []).map((f) => [f.name, f.value]));
    assert.equal(got, { username: item.username, password: item.password, extra });
  }
  opened.close();
  await expectVaultError(() => opened.credential('item-1'), 'VAULT_ERR_LOCKED');
}

test('round trip with PBKDF2-SHA256', () => roundTrip(FAST_PBKDF2));
test('round trip with Argon2id', () => roundTrip(FAST_ARGON2));

test('the envelope has the fields Bitwarden writes', async () => {
  const file = JSON.parse(await writeBitwardenExport(ITEMS, FILE_PASSWORD, FAST_ARGON2));
  assert.equal(Object.keys(file).sort(), [
    'data',
    'encKeyValidation_DO_NOT_EDIT',
    'encrypted',
    'kdfIterations',
    'kdfMemory',
    'kdfParallelism',
    'kdfType',
    'passwordProtected',
    'salt',
  ]);
  assert.is(file.kdfType, 1);
  assert.is(Buffer.from(file.salt, 'base64').length, 16);
  assert.match(file.data, /^2\.[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+$/);
});

test('wrong password → VAULT_ERR_WRONG_PASSWORD, without the password in the message', async () => {
  const text = await writeBitwardenExport(ITEMS, FILE_PASSWORD, FAST_PBKDF2);
  await expectVaultError(
    () => readBitwardenExport(text, 'not-the-file-pw'),
    'VAULT_ERR_WRONG_PASSWORD',
    ['not-the-file-pw', FILE_PASSWORD],
  );
  await expectVaultError(() => readBitwardenExport(text, ''), 'VAULT_ERR_WRONG_PASSWORD');
});

/** Flips one bit of one part (0 iv, 1 ciphertext, 2 mac) of an EncString field. */
function tamper(
  text: string,
  field: 'data' | 'encKeyValidation_DO_NOT_EDIT',
  part: 0 | 1 | 2,
): string {
  const file = JSON.parse(text);
  const enc = parseEncString(file[field], field);
  const target = [enc.iv, enc.ciphertext, enc.mac][part] as Buffer;
  target[3] = (target[3] as number) ^ 0x01;
  file[field] = formatEncString(enc);
  return JSON.stringify(file);
}

test('a tampered data field fails its MAC before decryption (VAULT_ERR_MAC)', async () => {
  const text = await writeBitwardenExport(ITEMS, FILE_PASSWORD, FAST_PBKDF2);
  for (const part of [0, 1, 2] as const) {
    await expectVaultError(
      () => readBitwardenExport(tamper(text, 'data', part), FILE_PASSWORD),
      'VAULT_ERR_MAC',
    );
  }
});

test('a tampered validation field reads as a wrong password (it is the password check)', async () => {
  const text = await writeBitwardenExport(ITEMS, FILE_PASSWORD, FAST_PBKDF2);
  await expectVaultError(
    () => readBitwardenExport(tamper(text, 'encKeyValidation_DO_NOT_EDIT', 1), FILE_PASSWORD),
    'VAULT_ERR_WRONG_PASSWORD',
  );
});

test('swapping data between two files with the same password fails (different salt → key)', async () => {
  const a = JSON.parse(await writeBitwardenExport(ITEMS, FILE_PASSWORD, FAST_PBKDF2));
  const b = JSON.parse(await writeBitwardenExport(ITEMS.slice(0, 1), FILE_PASSWORD, FAST_PBKDF2));
  a.data = b.data;
  await expectVaultError(
    () => readBitwardenExport(JSON.stringify(a), FILE_PASSWORD),
    'VAULT_ERR_MAC',
  );
});

async function withKdf(fields: Record<string, unknown>): Promise<string> {
  const file = JSON.parse(await writeBitwardenExport(ITEMS, FILE_PASSWORD, FAST_PBKDF2));
  return JSON.stringify({ ...file, ...fields });
}

const OVER_AND_UNDER: readonly [string, Record<string, unknown>][] = [
  ['PBKDF2 below the floor', { kdfType: 0, kdfIterations: KDF_LIMITS.pbkdf2.iterations.min - 1 }],
  ['PBKDF2 above the ceiling', { kdfType: 0, kdfIterations: KDF_LIMITS.pbkdf2.iterations.max + 1 }],
  ['PBKDF2 2^31 iterations', { kdfType: 0, kdfIterations: 2 ** 31 }],
  ['PBKDF2 fractional', { kdfType: 0, kdfIterations: 5000.5 }],
  ['PBKDF2 negative', { kdfType: 0, kdfIterations: -600000 }],
  ['Argon2 t too low', { kdfType: 1, kdfIterations: 1, kdfMemory: 64, kdfParallelism: 4 }],
  ['Argon2 t too high', { kdfType: 1, kdfIterations: 11, kdfMemory: 64, kdfParallelism: 4 }],
  ['Argon2 memory too low', { kdfType: 1, kdfIterations: 3, kdfMemory: 15, kdfParallelism: 4 }],
  ['Argon2 memory 4 GiB', { kdfType: 1, kdfIterations: 3, kdfMemory: 4096, kdfParallelism: 4 }],
  ['Argon2 parallelism 0', { kdfType: 1, kdfIterations: 3, kdfMemory: 64, kdfParallelism: 0 }],
  ['Argon2 parallelism 17', { kdfType: 1, kdfIterations: 3, kdfMemory: 64, kdfParallelism: 17 }],
];

for (const [what, fields] of OVER_AND_UNDER) {
  test(`KDF cap: ${what} → VAULT_ERR_KDF_LIMIT, refused before any derivation`, async () => {
    const text = await withKdf(fields);
    const started = performance.now();
    await expectVaultError(() => readBitwardenExport(text, FILE_PASSWORD), 'VAULT_ERR_KDF_LIMIT');
    assert.ok(performance.now() - started < 100, 'refused without running the KDF');
  });
}

test('the writer refuses KDF settings outside the caps too', async () => {
  await expectVaultError(
    () => writeBitwardenExport(ITEMS, FILE_PASSWORD, { type: 'pbkdf2', iterations: 1000 }),
    'VAULT_ERR_KDF_LIMIT',
  );
});

const MALFORMED: readonly [string, (file: Record<string, unknown>) => unknown, string][] = [
  ['not JSON', () => '{"encrypted": tru', 'VAULT_ERR_BAD_EXPORT'],
  ['a JSON array', () => [], 'VAULT_ERR_BAD_EXPORT'],
  ['no "encrypted"', ({ encrypted: _, ...f }) => f, 'VAULT_ERR_BAD_EXPORT'],
  ['unencrypted export', (f) => ({ ...f, encrypted: false }), 'VAULT_ERR_UNSUPPORTED'],
  [
    'account-restricted export',
    (f) => ({ ...f, passwordProtected: false }),
    'VAULT_ERR_UNSUPPORTED',
  ],
  ['no salt', ({ salt: _, ...f }) => f, 'VAULT_ERR_BAD_EXPORT'],
  ['salt not base64', (f) => ({ ...f, salt: 'not base64!' }), 'VAULT_ERR_BAD_EXPORT'],
  ['kdfIterations a string', (f) => ({ ...f, kdfIterations: '600000' }), 'VAULT_ERR_BAD_EXPORT'],
  ['unknown kdfType', (f) => ({ ...f, kdfType: 7 }), 'VAULT_ERR_UNSUPPORTED'],
  [
    'Argon2 without memory',
    (f) => ({ ...f, kdfType: 1, kdfIterations: 3 }),
    'VAULT_ERR_BAD_EXPORT',
  ],
  ['no validation field', ({ encKeyValidation_DO_NOT_EDIT: _, ...f }) => f, 'VAULT_ERR_BAD_EXPORT'],
  ['no data', ({ data: _, ...f }) => f, 'VAULT_ERR_BAD_EXPORT'],
  ['data a number', (f) => ({ ...f, data: 42 }), 'VAULT_ERR_BAD_EXPORT'],
  ['data type 0 EncString', (f) => ({ ...f, data: '0.AAAA|AAAA' }), 'VAULT_ERR_UNSUPPORTED'],
  [
    'data missing a part',
    (f) => ({ ...f, data: String(f.data).split('|').slice(0, 2).join('|') }),
    'VAULT_ERR_BAD_EXPORT',
  ],
  [
    'data with a short IV',
    (f) => ({ ...f, data: String(f.data).replace(/^2\.[^|]+/, '2.AAAA') }),
    'VAULT_ERR_BAD_EXPORT',
  ],
  [
    'data not base64',
    (f) => ({ ...f, data: String(f.data).replace('|', '|*') }),
    'VAULT_ERR_BAD_EXPORT',
  ],
];

for (const [what, change, code] of MALFORMED) {
  test(`malformed file: ${what} → ${code}`, async () => {
    const file = JSON.parse(await writeBitwardenExport(ITEMS, FILE_PASSWORD, FAST_PBKDF2));
    const changed = change(file);
    const text = typeof changed === 'string' ? changed : JSON.stringify(changed);
    const error = await expectVaultError(() => parseExportEnvelope(text), code as never, [
      FILE_PASSWORD,
    ]);
    assert.ok(error.message.length > 20, 'a message that says what is wrong');
  });
}

test('credential() of an unknown id → VAULT_ERR_NOT_FOUND', async () => {
  const opened = await readBitwardenExport(
    await writeBitwardenExport(ITEMS, FILE_PASSWORD, FAST_PBKDF2),
    FILE_PASSWORD,
  );
  await expectVaultError(() => opened.credential('no-such-item'), 'VAULT_ERR_NOT_FOUND');
});

test.run();
