/**
 * Verifying a log file against its key, optionally against an anchor: a tag recorded earlier
 * (AuditLog.record's result, or `audit-log anchor`). Without an anchor, cutting lines off the end
 * leaves a valid shorter chain; with one, the anchored line must still be there.
 */
import { readFileSync } from 'node:fs';
import { verifyChain } from './chain.js';
import { AuditError } from './errors.js';
import { readKeyFile } from './key-file.js';

export type VerifyResult =
  | { readonly ok: true; readonly lines: number; readonly lastTag: string }
  | { readonly ok: false; readonly line: number; readonly problem: string };

export function verifyAuditText(text: string, key: Uint8Array, anchorTag?: string): VerifyResult {
  const chain = verifyChain(text, key);
  if (!chain.ok) return chain;
  if (anchorTag !== undefined && !chain.tags.includes(anchorTag.toLowerCase())) {
    return {
      ok: false,
      line: chain.lines + 1,
      problem:
        'the anchored line is missing: the log was truncated (or replaced) after the anchor ' +
        'was taken',
    };
  }
  return { ok: true, lines: chain.lines, lastTag: chain.lastTag };
}

export function verifyAuditFile(file: string, keyFile: string, anchorTag?: string): VerifyResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new AuditError('AUDIT_ERR_IO', `cannot read ${file} (${why})`);
  }
  const key = readKeyFile(keyFile);
  try {
    return verifyAuditText(text, key, anchorTag);
  } finally {
    key.fill(0);
  }
}
