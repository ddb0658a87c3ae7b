/**
 * Audit event names: dotted lowercase words ("credential.request"). These are the ones the project
 * writes (the approval flow and the agent CLI, one per step); record() accepts any name of that
 * shape, so a new step (pairing and revocation, with remote mode) is logged by adding it here.
 */
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

/** A name the project writes, or any other dotted lowercase name. */
export type AuditEventName = (typeof AUDIT_EVENTS)[keyof typeof AUDIT_EVENTS] | (string & {});

export const EVENT_NAME_PATTERN = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/;
