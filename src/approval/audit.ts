/**
 * The one thing the approval flow needs from the audit log: record an event with plain fields.
 * src/audit's AuditLog satisfies it; keeping the approval code on this narrow interface means a
 * field holding a secret cannot sneak in through a richer API. Fields are names, ids, hosts,
 * counts and codes only, never a password or a credential value.
 */
export type AuditValue = string | number | boolean | null;

export interface AuditRecorder {
  record(event: string, fields: Record<string, AuditValue>): unknown;
}

/** Event names written by the approval flow and the agent CLI (one per step). */
export const AUDIT_EVENTS = {
  request: 'credential.request',
  approval: 'credential.approve',
  denial: 'credential.deny',
  unlock: 'vault.unlock',
  unlockFailure: 'vault.unlock_failed',
  lookup: 'vault.lookup',
  failure: 'credential.failure',
  handover: 'credential.handover',
  login: 'agent.login',
} as const;
