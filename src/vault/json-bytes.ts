/**
 * A strict JSON parser over bytes that does NOT turn string values into JavaScript strings. The
 * decrypted export is one JSON document holding every password of the vault; JSON.parse would
 * create an unwipeable string for each of them. Here a string value is only a byte range into the
 * (wipeable) Buffer, so the reader can copy out and re-encrypt the secret fields as bytes and
 * decode to text only the non-secret fields it shows (names, URIs, usernames).
 */
import { VaultError } from './errors.js';

export type JsonNode =
  | { readonly kind: 'object'; readonly entries: ReadonlyMap<string, JsonNode> }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  /** Bytes [start, end) between the quotes, still escaped when `escaped` is true. */
  | {
      readonly kind: 'string';
      readonly start: number;
      readonly end: number;
      readonly escaped: boolean;
    }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' };

const MAX_DEPTH = 64;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SIMPLE_ESCAPES = new Set([...'"\\/bfnrt'].map((c) => c.charCodeAt(0)));
const HEX = /^[0-9a-fA-F]{4}$/;
const NUMBER_BYTES = new Set([...'0123456789+-.eE'].map((c) => c.charCodeAt(0)));

class Parser {
  readonly bytes: Uint8Array;
  #pos = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  fail(what: string): never {
    throw new VaultError(
      'VAULT_ERR_BAD_EXPORT',
      `the decrypted vault data is not valid JSON (${what} at byte ${this.#pos})`,
    );
  }

  skipSpace(): void {
    const b = this.bytes;
    while (this.#pos < b.length) {
      const c = b[this.#pos];
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.#pos += 1;
    }
  }

  expect(text: string): void {
    for (let i = 0; i < text.length; i += 1) {
      if (this.bytes[this.#pos + i] !== text.charCodeAt(i)) this.fail(`expected "${text}"`);
    }
    this.#pos += text.length;
  }

  document(): JsonNode {
    const node = this.value(0);
    this.skipSpace();
    if (this.#pos !== this.bytes.length) this.fail('trailing data');
    return node;
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    this.skipSpace();
    const c = this.bytes[this.#pos];
    if (c === 0x7b) return this.object(depth);
    if (c === 0x5b) return this.array(depth);
    if (c === QUOTE) return this.string();
    if (c === 0x74) return (this.expect('true'), { kind: 'boolean', value: true });
    if (c === 0x66) return (this.expect('false'), { kind: 'boolean', value: false });
    if (c === 0x6e) return (this.expect('null'), { kind: 'null' });
    return this.number();
  }

  object(depth: number): JsonNode {
    this.#pos += 1;
    const entries = new Map<string, JsonNode>();
    this.skipSpace();
    if (this.bytes[this.#pos] === 0x7d) return ((this.#pos += 1), { kind: 'object', entries });
    for (;;) {
      this.skipSpace();
      if (this.bytes[this.#pos] !== QUOTE) this.fail('expected a key');
      const key = decodeString(this.bytes, this.string());
      this.skipSpace();
      this.expect(':');
      entries.set(key, this.value(depth + 1));
      this.skipSpace();
      const next = this.bytes[this.#pos];
      this.#pos += 1;
      if (next === 0x7d) return { kind: 'object', entries };
      if (next !== 0x2c) this.fail('expected "," or "}"');
    }
  }

  array(depth: number): JsonNode {
    this.#pos += 1;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.bytes[this.#pos] === 0x5d) return ((this.#pos += 1), { kind: 'array', items });
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipSpace();
      const next = this.bytes[this.#pos];
      this.#pos += 1;
      if (next === 0x5d) return { kind: 'array', items };
      if (next !== 0x2c) this.fail('expected "," or "]"');
    }
  }

  string(): Extract<JsonNode, { kind: 'string' }> {
    const b = this.bytes;
    const start = this.#pos + 1;
    let escaped = false;
    for (let i = start; i < b.length; i += 1) {
      const c = b[i] as number;
      if (c === QUOTE) {
        this.#pos = i + 1;
        return { kind: 'string', start, end: i, escaped };
      }
      if (c < 0x20) this.fail('control character in a string');
      if (c === BACKSLASH) {
        escaped = true;
        const e = b[i + 1] as number;
        if (e === 0x75) {
          const hex = String.fromCharCode(...b.subarray(i + 2, i + 6));
          if (!HEX.test(hex)) this.fail('bad \\u escape');
          i += 5;
        } else if (SIMPLE_ESCAPES.has(e)) {
          i += 1;
        } else {
          this.fail('bad escape');
        }
      }
    }
    return this.fail('unterminated string');
  }

  number(): JsonNode {
    // The run of bytes that can appear in a number; the grammar then takes its valid prefix.
    let end = this.#pos;
    while (end < this.bytes.length && NUMBER_BYTES.has(this.bytes[end] as number)) end += 1;
    const run = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.#pos, end - this.#pos);
    const match = NUMBER.exec(run.toString('latin1'));
    if (match === null) this.fail('unexpected character');
    this.#pos += match[0].length;
    return { kind: 'number', value: Number(match[0]) };
  }
}

/** Parses a whole JSON document; throws VAULT_ERR_BAD_EXPORT with a byte offset (no content). */
export function parseJsonBytes(bytes: Uint8Array): JsonNode {
  return new Parser(bytes).document();
}

/** A string node as text. Use only for fields that are not secret: the result cannot be wiped. */
export function decodeString(
  bytes: Uint8Array,
  node: Extract<JsonNode, { kind: 'string' }>,
): string {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset + node.start, node.end - node.start);
  if (!node.escaped) return raw.toString('utf8');
  return JSON.parse(`"${raw.toString('utf8')}"`) as string;
}

/** A fresh copy of a string node's raw (maybe still escaped) bytes, for re-encryption. */
export function rawStringBytes(
  bytes: Uint8Array,
  node: Extract<JsonNode, { kind: 'string' }>,
): Buffer {
  const copy = Buffer.alloc(node.end - node.start);
  copy.set(bytes.subarray(node.start, node.end));
  return copy;
}
