/**
 * Audit event names. Names are dotted lowercase words ("credential.request"); record() accepts any
 * name of that shape so a new step can be logged without touching this file, and these are the
 * ones the project writes today or has planned (pairing and revocation arrive with remote mode).
 */
export const AUDIT_EVENT_NAMES = [
  'credential.request',
  'credential.approve',
  'credential.deny',
  'credential.handover',
  'credential.failure',
  'vault.unlock',
  'vault.unlock_failed',
  'vault.lookup',
  'vault.lock',
  'agent.login',
  'pairing.start',
  'pairing.complete',
  'pairing.failed',
  'device.revoke',
] as const;

/** A known name, or any other dotted lowercase name. */
export type AuditEventName = (typeof AUDIT_EVENT_NAMES)[number] | (string & {});

export const EVENT_NAME_PATTERN = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/;
