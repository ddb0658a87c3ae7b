/**
 * Bitwarden's password-protected encrypted JSON export, read and written. The parts live in small
 * files; this module is the one import for callers.
 */
export { parseExportEnvelope } from './export-envelope.js';
export type { ExportEnvelope } from './export-envelope.js';
export { UnlockedExport, unlockExport } from './export-reader.js';
export type { ExportLoginItem } from './export-reader.js';
export { writeBitwardenExport } from './export-writer.js';
export type { PlainCustomField, PlainLoginItem } from './export-writer.js';
export { DEFAULT_KDF, KDF_LIMITS, checkKdfLimits, deriveExportKey } from './kdf.js';
export type { KdfConfig } from './kdf.js';

import { parseExportEnvelope } from './export-envelope.js';
import { unlockExport } from './export-reader.js';
import type { UnlockedExport } from './export-reader.js';

/** Parse + unlock in one step: the file's text and its password. */
export async function readBitwardenExport(text: string, password: string): Promise<UnlockedExport> {
  return unlockExport(parseExportEnvelope(text), password);
}
