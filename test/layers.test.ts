/**
 * Layers point one way: the group adapter (src/spake2/group/) is the only importer of
 * @noble/curves, and the SPAKE2 core imports nothing from the layers above it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory()
      ? tsFiles(path)
      : path.endsWith('.ts')
        ? [path]
        : [];
  });
}

const imports = (file: string) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map(
    (m) => m[1] as string,
  );

// The benchmark's floor measures noble directly, on purpose (bench/cases/floor.ts).
const ALLOWED_NOBLE_CURVES = /^(src\/spake2\/group\/|bench\/cases\/floor\.ts$)/;

test('only src/spake2/group/ imports @noble/curves', () => {
  const dirs = ['src', 'test', 'lessons', 'inspector', 'vectors', 'bench'].filter((d) => {
    try {
      return statSync(join(root, d)).isDirectory();
    } catch {
      return false;
    }
  });
  const offenders = dirs
    .flatMap(tsFiles)
    .filter((f) => !ALLOWED_NOBLE_CURVES.test(f))
    .filter((f) => imports(f).some((i) => i.startsWith('@noble/curves')));
  assert.equal(offenders, []);
});

test('src/spake2 imports only itself, @noble/*, node: built-ins', () => {
  const bad = tsFiles('src/spake2').flatMap((f) =>
    imports(f)
      .filter((i) => !(i.startsWith('.') || i.startsWith('@noble/') || i.startsWith('node:')))
      .map((i) => `${f} → ${i}`),
  );
  assert.equal(bad, []);
  const upward = tsFiles('src/spake2').flatMap((f) =>
    imports(f)
      .filter((i) => i.startsWith('.'))
      .filter((i) => !join(f, '..', i).startsWith('src/spake2'))
      .map((i) => `${f} → ${i}`),
  );
  assert.equal(upward, []);
});

test.run();
