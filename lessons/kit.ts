/**
 * Printing and checking helpers shared by every lesson. A lesson prints each value under its
 * RFC 9382 symbol with `show`, checks vector values with `expect` and its own claims with `claim`;
 * any failed check prints ✗ and ends the process with exit code 1, so `npm test` and
 * `make lessons` notice a lesson whose claim no longer holds.
 *
 * Output format (test/lessons/ parses it): section lines start with "── ", values are
 * "  label = hex" with long hex wrapped onto indented continuation lines.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { bytesToHex, Spake2Error, type RandomBytes } from '../src/spake2/index.js';

const WRAP = 64; // hex digits per line
const LABEL_WIDTH = 12;

/** The lesson's title line. */
export function title(n: number, text: string): void {
  const line = `Lesson ${n} · ${text}`;
  console.log(`${line}\n${'═'.repeat(line.length)}`);
}

/** A section: everything until the next heading belongs to it. */
export function heading(text: string): void {
  console.log(`\n── ${text}`);
}

/** Prose, indented under the current section. */
export function say(...lines: string[]): void {
  for (const line of lines) console.log(line === '' ? '' : `  ${line}`);
}

/** Any value a lesson prints: bytes and scalars become lowercase hex. */
export type Printable = Uint8Array | bigint | string;

/** Scalars print as 32-byte big-endian hex (the width of w in TT for both shipped suites). */
export function toHex(v: Printable, scalarBytes = 32): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString(16).padStart(scalarBytes * 2, '0');
  return bytesToHex(v);
}

/** `  label = hex`, wrapped every 64 hex digits. */
export function show(label: string, value: Printable): void {
  const hex = toHex(value);
  const pad = label.padEnd(LABEL_WIDTH);
  const chunks = hex.match(new RegExp(`.{1,${WRAP}}`, 'g')) ?? [''];
  console.log(`  ${pad} = ${chunks[0]}`);
  const indent = ' '.repeat(2 + pad.length + 3);
  for (const chunk of chunks.slice(1)) console.log(indent + chunk);
}

function fail(lines: string[]): never {
  for (const line of lines) console.log(line);
  console.log('\nLESSON FAILED: a claim above no longer holds.');
  process.exit(1);
}

/** Check a printed value against a published one (an RFC 9382 vector field). */
export function expect(label: string, actual: Printable, expected: string): void {
  const got = toHex(actual);
  if (got === expected.toLowerCase()) {
    console.log(`  ✓ ${label} equals the RFC 9382 vector`);
    return;
  }
  fail([
    `  ✗ ${label} differs from the vector`,
    `      expected ${expected}`,
    `      actual   ${got}`,
  ]);
}

/** A claim the lesson makes, checked as it runs. */
export function claim(text: string, holds: boolean): void {
  if (holds) console.log(`  ✓ ${text}`);
  else fail([`  ✗ ${text}`]);
}

/** Run `fn`, which must throw a Spake2Error with `code`; returns the error message. */
export function expectError(text: string, code: string, fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof Spake2Error && e.code === code) {
      console.log(`  ✓ ${text}: ${e.message}`);
      return e.message;
    }
    fail([`  ✗ ${text}: expected ${code}, got ${String(e)}`]);
  }
  return fail([`  ✗ ${text}: expected ${code}, but nothing was thrown`]);
}

/** The banner every lesson prints before showing secrets of a session it made up. */
export function throwaway(what = 'these values'): void {
  console.log(
    `  ⚠ THROWAWAY demo values — ${what} are made up for this lesson.` +
      '\n    Never print these for a real session.',
  );
}

/**
 * A seeded source of bytes in the shape of the core's `RandomBytes`: SHA-256 in counter mode,
 * SHA-256(seed || counter as 8 bytes big-endian), blocks concatenated. Deterministic, so a
 * statistical lesson prints the same numbers on every run. Not for real keys.
 */
export function seededRandom(seed: string): RandomBytes {
  let counter = 0n;
  let pool = new Uint8Array(0);
  return (length: number) => {
    while (pool.length < length) {
      const ctr = Buffer.alloc(8);
      ctr.writeBigUInt64BE(counter++);
      const block = createHash('sha256').update(seed).update(ctr).digest();
      const next = new Uint8Array(pool.length + block.length);
      next.set(pool);
      next.set(block, pool.length);
      pool = next;
    }
    const out = pool.slice(0, length);
    pool = pool.slice(length);
    return out;
  };
}

/** A uniform integer in [0, n) from `random`, by rejection sampling on 32-bit draws. */
export function uniformInt(random: RandomBytes, n: number): number {
  const limit = Math.floor(2 ** 32 / n) * n;
  for (;;) {
    const b = random(4);
    const v = (((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0;
    if (v < limit) return v % n;
  }
}

/** A `digits`-digit code, leading zeros kept. */
export function codeOf(n: number, digits = 6): string {
  return String(n).padStart(digits, '0');
}

/** One RFC 9382 Appendix B vector as vectors/rfc9382.json stores it (hex without 0x). */
export interface RfcVector {
  readonly name: string;
  readonly A: string;
  readonly B: string;
  readonly w: string;
  readonly x: string;
  readonly y: string;
  readonly pA: string;
  readonly pB: string;
  readonly K: string;
  readonly TT: string;
  readonly 'Hash(TT)': string;
  readonly Ke: string;
  readonly Ka: string;
  readonly KcA: string;
  readonly KcB: string;
  readonly 'A conf': string;
  readonly 'B conf': string;
}

export function rfcVectors(): readonly RfcVector[] {
  const url = new URL('../vectors/rfc9382.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { vectors: RfcVector[] }).vectors;
}

export const big = (hex: string): bigint => BigInt('0x' + hex);
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Wall-clock milliseconds of `fn`. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

/** 0.8 s, 42 s, 7.1 min, 3.2 h, 5.0 days. */
export function duration(seconds: number): string {
  if (seconds < 1) return `${(seconds * 1000).toFixed(1)} ms`;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  if (seconds < 2 * 3600) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 3 * 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

/** 12 345 678 — thousands separated by thin spaces, for rates and counts. */
export function count(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** The last line of every lesson that got this far. */
export function done(): void {
  console.log('\nAll claims of this lesson held.');
}
