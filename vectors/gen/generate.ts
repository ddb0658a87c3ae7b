/** `make vectors`: (re)write vectors/negative/*.json and vectors/positive/*.json. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildVectors, serialize } from './build.js';

const root = new URL('..', import.meta.url).pathname;
for (const dir of ['negative', 'positive']) {
  mkdirSync(join(root, dir), { recursive: true });
  for (const f of readdirSync(join(root, dir))) rmSync(join(root, dir, f));
}
const files = buildVectors();
for (const [path, vector] of files) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), serialize(vector));
}
console.log(`wrote ${files.size} vectors under vectors/`);
