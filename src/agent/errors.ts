/**
 * Errors from the browser agent. The code is the stable part (the CLI maps it to an exit code and
 * docs/errors.md explains it); messages never contain a credential value, only field names,
 * selectors and URLs.
 */

export const AGENT_ERROR_CODES = [
  'AGENT_ERR_USAGE',
  'AGENT_ERR_MODE_UNAVAILABLE',
  'AGENT_ERR_UNKNOWN_SITE',
  'AGENT_ERR_BROWSER_MISSING',
  'AGENT_ERR_BROWSER_LAUNCH',
  'AGENT_ERR_SITE_UNREACHABLE',
  'AGENT_ERR_LOGIN_FORM_NOT_FOUND',
  'AGENT_ERR_CREDENTIAL_FIELD_MISSING',
  'AGENT_ERR_LOGIN_FAILED',
  'AGENT_ERR_LOGIN_UNCONFIRMED',
  'AGENT_ERR_SCREENSHOT',
] as const;

export type AgentErrorCode = (typeof AGENT_ERROR_CODES)[number];

export class AgentError extends Error {
  readonly code: AgentErrorCode;

  constructor(code: AgentErrorCode, message: string) {
    super(message);
    this.name = 'AgentError';
    this.code = code;
  }
}
