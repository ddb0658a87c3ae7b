/**
 * `npm run demo-vault`: (re)writes vault/demo-vault.json from DEMO_ITEMS under the demo password.
 * IVs and the salt are random, so each run gives a different file with the same contents.
 * PBKDF2 at Bitwarden's default 600 000 iterations: about 0.15 s to unlock on the 2-core dev box,
 * where Argon2id (pure JS) at Bitwarden's default 64 MiB took about 1.3 s.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DEMO_ITEMS } from './demo-items.js';
import { DEMO_VAULT_PASSWORD, DEMO_VAULT_PATH } from './demo.js';
import { writeBitwardenExport } from './export-writer.js';
import { DEFAULT_KDF } from './kdf.js';

const kdf = DEFAULT_KDF;
const kdfText =
  kdf.type === 'pbkdf2'
    ? `PBKDF2-SHA256 ${kdf.iterations} iterations`
    : `Argon2id t=${kdf.iterations} m=${kdf.memoryMiB} MiB p=${kdf.parallelism}`;

const output = process.argv[2] ?? DEMO_VAULT_PATH;
await mkdir(dirname(output), { recursive: true });
await writeFile(output, await writeBitwardenExport(DEMO_ITEMS, DEMO_VAULT_PASSWORD, kdf));
console.log(`wrote ${output}: ${DEMO_ITEMS.length} demo logins, ${kdfText}`);
