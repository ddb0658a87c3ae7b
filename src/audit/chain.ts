/**
 * The line format and the hash chain. A line is the JSON object
 *   {"seq":N,"time":"…","event":"…",<fields, names sorted>,"prev":"<hex>","tag":"<hex>"}
 * where `prev` is the previous line's tag (64 zeros for line 1) and
 *   tag = HMAC-SHA256(key, prev tag bytes ‖ UTF-8 of the line without its "tag" member).
 * The tag covers the exact bytes written, so any edit to a line breaks it; `prev` and `seq` tie
 * each line to the one before, so deleting, inserting or reordering lines breaks the chain too.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditFieldValue } from './fields.js';

export const GENESIS_TAG = '0'.repeat(64);
const LINE = /^(\{.*),"tag":"([0-9a-f]{64})"\}$/;

export function tagOf(key: Uint8Array, prevTag: string, body: string): string {
  return createHmac('sha256', key)
    .update(Buffer.from(prevTag, 'hex'))
    .update(body, 'utf8')
    .digest('hex');
}

/** The body (everything but the tag) in its one canonical form. */
export function lineBody(
  seq: number,
  time: string,
  event: string,
  fields: readonly [string, AuditFieldValue][],
  prev: string,
): string {
  return JSON.stringify({ seq, time, event, ...Object.fromEntries(fields), prev });
}

export const withTag = (body: string, tag: string): string =>
  `${body.slice(0, -1)},"tag":"${tag}"}`;

export type ChainResult =
  | { readonly ok: true; readonly lines: number; readonly lastTag: string; readonly tags: string[] }
  | { readonly ok: false; readonly line: number; readonly problem: string };

/** Checks every line of a log's text; reports the first bad line (1-based). */
export function verifyChain(text: string, key: Uint8Array): ChainResult {
  if (text === '') return { ok: true, lines: 0, lastTag: GENESIS_TAG, tags: [] };
  const lines = text.split('\n');
  const last = lines.pop();
  if (last !== '') {
    return { ok: false, line: lines.length + 1, problem: 'incomplete last line (no newline)' };
  }
  let prev = GENESIS_TAG;
  const tags: string[] = [];
  for (const [index, line] of lines.entries()) {
    const number = index + 1;
    const bad = (problem: string): ChainResult => ({ ok: false, line: number, problem });
    const match = LINE.exec(line);
    if (match === null) return bad('not an audit line (no trailing tag)');
    const body = `${match[1] as string}}`;
    const tag = match[2] as string;
    const expected = Buffer.from(tagOf(key, prev, body), 'hex');
    let parsed: { seq?: unknown; prev?: unknown; event?: unknown; time?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return bad('not valid JSON');
    }
    if (parsed.seq !== number) {
      return bad(
        `seq is ${JSON.stringify(parsed.seq)} where ${number} was expected ` +
          '(a line was deleted, inserted or moved before this one)',
      );
    }
    if (parsed.prev !== prev) {
      return bad("prev does not match the previous line's tag (a line was removed or replaced)");
    }
    if (!timingSafeEqual(expected, Buffer.from(tag, 'hex'))) {
      return bad('tag does not verify (the line was edited or forged, or this is the wrong key)');
    }
    if (typeof parsed.event !== 'string' || typeof parsed.time !== 'string') {
      return bad('event or time missing');
    }
    tags.push(tag);
    prev = tag;
  }
  return { ok: true, lines: lines.length, lastTag: prev, tags };
}
