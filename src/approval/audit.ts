/**
 * The one thing the approval flow needs from the audit log: record an event with plain fields.
 * src/audit's AuditLog satisfies it; keeping the approval code on this narrow interface means a
 * field holding a secret cannot sneak in through a richer API. Fields are names, ids, hosts,
 * counts and codes only, never a password or a credential value.
 */
import type { AuditFieldValue } from '../audit/fields.js';

export type AuditValue = AuditFieldValue;

export interface AuditRecorder {
  record(event: string, fields: Record<string, AuditValue>): unknown;
}

/** Event names written by the approval flow and the agent CLI (declared in src/audit/events.ts). */
export { AUDIT_EVENTS } from '../audit/events.js';
