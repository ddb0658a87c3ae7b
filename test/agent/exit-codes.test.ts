/** The CLI's exit codes (src/cli/exit-codes.ts), as docs/local-mode.md's table lists them. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ApprovalError } from '../../src/approval/errors.js';
import { EXIT, exitCodeFor, exitCodeForError } from '../../src/cli/exit-codes.js';
import { VaultError } from '../../src/vault/errors.js';
import type { VaultErrorCode } from '../../src/vault/errors.js';

/** A VaultError with a bw code, built as src/vault/bw does (the code union may not list it). */
const vaultError = (code: string) => new VaultError(code as VaultErrorCode, 'detail');

test('the bw backend codes have exit codes of their own or "vault unavailable"', () => {
  assert.is(exitCodeForError(vaultError('VAULT_ERR_BW_NOT_LOGGED_IN')), 11);
  assert.is(exitCodeForError(vaultError('VAULT_ERR_BW_MISSING')), 12);
  assert.is(exitCodeForError(vaultError('VAULT_ERR_BW_FAILED')), EXIT.vaultUnavailable);
  assert.is(exitCodeForError(vaultError('VAULT_ERR_LOCKED')), EXIT.vaultUnavailable);
  assert.is(EXIT.vaultUnavailable, 10);
});

test('APPROVAL_ERR_VAULT takes its cause’s exit code when the cause has one', () => {
  const wrap = (cause: unknown) =>
    new ApprovalError('APPROVAL_ERR_VAULT', 'the vault could not be opened', { cause });
  assert.is(exitCodeForError(wrap(vaultError('VAULT_ERR_BW_NOT_LOGGED_IN'))), 11);
  assert.is(exitCodeForError(wrap(vaultError('VAULT_ERR_FILE'))), 10);
  assert.is(exitCodeForError(wrap(new Error('no code'))), 10);
  assert.is(exitCodeForError(new ApprovalError('APPROVAL_ERR_DENIED', 'no')), 3);
});

test('unknown codes, no code and inherited property names are "unexpected" (1)', () => {
  assert.is(exitCodeFor(undefined), 1);
  assert.is(exitCodeFor('VAULT_ERR_SOMETHING_NEW'), 1);
  assert.is(exitCodeFor('toString'), 1);
  assert.is(exitCodeForError(new Error('plain')), 1);
  assert.is(exitCodeForError('a string'), 1);
});

test.run();
