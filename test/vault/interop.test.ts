/**
 * Cross-check against a second, independent implementation of the format written here from
 * bitwarden.md §4 alone, on other primitives (@noble/hashes and @noble/ciphers instead of
 * node:crypto): a file it writes must open with our reader, and a file our writer makes must open
 * with it. Catches a shared misunderstanding only where both sides would have to agree by chance
 * (salt as text, HKDF expand-only, MAC over iv‖ct). A real `bw` file is the next issue's test.
 */
import { cbc } from '@noble/ciphers/aes.js';
import { argon2id } from '@noble/hashes/argon2.js';
import { expand } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readBitwardenExport, writeBitwardenExport } from '../../src/vault/bitwarden-export.js';
import { FAST_ARGON2 } from './helpers.js';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function otherKey(password: string, saltText: string, kdfType: 0 | 1): Uint8Array {
  const material =
    kdfType === 0
      ? pbkdf2(sha256, utf8ToBytes(password), utf8ToBytes(saltText), { c: 5000, dkLen: 32 })
      : argon2id(utf8ToBytes(password), sha256(utf8ToBytes(saltText)), {
          t: 2,
          m: 16 * 1024,
          p: 1,
          dkLen: 32,
        });
  return concatBytes(
    expand(sha256, material, utf8ToBytes('enc'), 32),
    expand(sha256, material, utf8ToBytes('mac'), 32),
  );
}

function otherEncrypt(key: Uint8Array, plaintext: Uint8Array): string {
  const iv = randomBytes(16);
  const ct = cbc(key.slice(0, 32), iv).encrypt(plaintext);
  const mac = hmac(sha256, key.slice(32), concatBytes(iv, ct));
  return `2.${b64(iv)}|${b64(ct)}|${b64(mac)}`;
}

function otherDecrypt(key: Uint8Array, enc: string): Uint8Array {
  const [iv, ct, mac] = enc
    .slice(2)
    .split('|')
    .map((p) => new Uint8Array(Buffer.from(p, 'base64'))) as [Uint8Array, Uint8Array, Uint8Array];
  assert.equal(hmac(sha256, key.slice(32), concatBytes(iv, ct)), mac, 'MAC');
  return cbc(key.slice(0, 32), iv).decrypt(ct);
}

const PLAIN = {
  encrypted: false,
  folders: [],
  items: [
    {
      id: 'f1a2',
      organizationId: null,
      folderId: null,
      type: 1,
      reprompt: 0,
      name: 'Independent item',
      notes: null,
      favorite: false,
      fields: [{ name: 'lastName', value: 'Indie', type: 0, linkedId: null }],
      login: {
        uris: [{ match: null, uri: 'https://www.aa.com' }],
        username: 'indie-user',
        password: 'indie-pw-3',
        totp: null,
      },
      collectionIds: null,
    },
    { id: 'note1', type: 2, name: 'A secure note', notes: 'not a login', secureNote: { type: 0 } },
  ],
};

for (const kdfType of [0, 1] as const) {
  test(`a file from the independent writer (kdfType ${kdfType}) opens with our reader`, async () => {
    const salt = b64(randomBytes(16));
    const key = otherKey('indie file pw', salt, kdfType);
    const file = {
      encrypted: true,
      passwordProtected: true,
      salt,
      kdfType,
      kdfIterations: kdfType === 0 ? 5000 : 2,
      ...(kdfType === 1 ? { kdfMemory: 16, kdfParallelism: 1 } : {}),
      encKeyValidation_DO_NOT_EDIT: otherEncrypt(
        key,
        utf8ToBytes('5b0c3c0e-1111-4222-8333-944455556666'),
      ),
      data: otherEncrypt(key, utf8ToBytes(JSON.stringify(PLAIN))),
    };
    const opened = await readBitwardenExport(JSON.stringify(file), 'indie file pw');
    assert.equal(
      opened.items.map((i) => [i.id, i.name, i.username]),
      [['f1a2', 'Independent item', 'indie-user']],
    );
    const got = opened.credential('f1a2').use((f) => [f.password, f.extra.lastName]);
    assert.equal(got, ['indie-pw-3', 'Indie']);
  });
}

test('a file from our writer opens with the independent reader', async () => {
  const text = await writeBitwardenExport(
    [
      {
        id: 'x1',
        name: 'Ours',
        uris: [{ uri: 'https://aa.com' }],
        username: 'u',
        password: 'our-pw-9',
        fields: [],
      },
    ],
    'our file pw',
    FAST_ARGON2,
  );
  const file = JSON.parse(text);
  const key = otherKey('our file pw', file.salt, file.kdfType);
  assert.match(
    Buffer.from(otherDecrypt(key, file.encKeyValidation_DO_NOT_EDIT)).toString(),
    /^[0-9a-f-]{36}$/,
  );
  const plain = JSON.parse(Buffer.from(otherDecrypt(key, file.data)).toString('utf8'));
  assert.is(plain.encrypted, false);
  assert.is(plain.items[0].login.password, 'our-pw-9');
  assert.is(plain.items[0].type, 1);
});

test.run();
