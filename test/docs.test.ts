/** Docs that must not drift from the code: error codes and the rendered flow. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { renderFlow } from '../src/spake2/index.js';

const root = new URL('..', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory()
      ? sourceFiles(path)
      : path.endsWith('.ts')
        ? [path]
        : [];
  });
}

const CODE = /\b[A-Z][A-Z0-9]*_ERR_[A-Z0-9_]+\b/g;

test('every error code used in src/ is listed in docs/errors.md, and only those', () => {
  const used = new Set(sourceFiles('src').flatMap((f) => read(f).match(CODE) ?? []));
  const documented = new Set(read('docs/errors.md').match(CODE) ?? []);
  const missing = [...used].filter((c) => !documented.has(c)).sort();
  const stale = [...documented].filter((c) => !used.has(c)).sort();
  assert.equal(missing, [], 'used but not documented');
  assert.equal(stale, [], 'documented but no longer used');
});

test('docs/protocol.md shows the flow exactly as src/spake2/flow.ts renders it', () => {
  const block = /<!-- flow:begin -->\n```\n([\s\S]*?)\n```\n<!-- flow:end -->/.exec(
    read('docs/protocol.md'),
  );
  assert.ok(block, 'flow block present');
  assert.is(block?.[1], renderFlow());
});

test.run();
