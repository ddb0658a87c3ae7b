/** The byte-level JSON parser agrees with JSON.parse on valid input and refuses invalid input. */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VaultError } from '../../src/vault/errors.js';
import { decodeString, parseJsonBytes } from '../../src/vault/json-bytes.js';
import type { JsonNode } from '../../src/vault/json-bytes.js';

/** Back to plain JS values, decoding every string (fine in a test: nothing here is secret). */
function toValue(bytes: Uint8Array, node: JsonNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries([...node.entries].map(([k, v]) => [k, toValue(bytes, v)]));
    case 'array':
      return node.items.map((v) => toValue(bytes, v));
    case 'string':
      return decodeString(bytes, node);
    case 'null':
      return null;
    default:
      return node.value;
  }
}

const parse = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return toValue(bytes, parseJsonBytes(bytes));
};

test('agrees with JSON.parse on generated JSON (compact and indented)', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
      const text = JSON.stringify(value, null, pretty ? 2 : undefined);
      assert.equal(parse(text), JSON.parse(text));
    }),
    { numRuns: 300 },
  );
});

test('agrees with JSON.parse on arbitrary strings: same value, or both refuse', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.json().map((j) => j.slice(0, -1) + j.slice(1)),
      ),
      (text) => {
        let expected: unknown;
        try {
          expected = { value: JSON.parse(text) };
        } catch {
          expected = 'refused';
        }
        let got: unknown;
        try {
          got = { value: parse(text) };
        } catch (error) {
          assert.instance(error, VaultError);
          got = 'refused';
        }
        assert.equal(got, expected, JSON.stringify(text));
      },
    ),
    { numRuns: 500 },
  );
});

const INVALID = [
  '',
  '{',
  '{"a":1,}',
  '[1,]',
  '[01]',
  '"\u0001"',
  '"\\x"',
  '"\\u12"',
  'tru',
  '{"a" 1}',
  '{} {}',
  '"unterminated',
  '['.repeat(100) + ']'.repeat(100),
];

for (const text of INVALID) {
  test(`refuses ${JSON.stringify(text.slice(0, 20))}`, () => {
    try {
      parseJsonBytes(Buffer.from(text, 'utf8'));
      assert.unreachable('should refuse');
    } catch (error) {
      assert.instance(error, VaultError);
      assert.is((error as VaultError).code, 'VAULT_ERR_BAD_EXPORT');
    }
  });
}

test('a string node is a byte range; escapes are reported, not decoded', () => {
  const bytes = Buffer.from('{"p":"a\\"b","q":"plain"}', 'utf8');
  const root = parseJsonBytes(bytes);
  assert.is(root.kind, 'object');
  const entries = root.kind === 'object' ? root.entries : new Map();
  const p = entries.get('p');
  const q = entries.get('q');
  assert.equal(p, { kind: 'string', start: 6, end: 10, escaped: true });
  assert.equal(q, { kind: 'string', start: 17, end: 22, escaped: false });
});

test.run();
