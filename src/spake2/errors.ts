/**
 * The one error type of the SPAKE2 layer (group adapter, protocol math, session state machine).
 * Codes are stable and listed in docs/errors.md; messages never contain a secret value.
 */
export const SPAKE2_ERROR_CODES = {
  SPAKE2_ERR_ENCODING: 'a received value has the wrong length or encoding prefix',
  SPAKE2_ERR_NOT_ON_CURVE: 'a received share does not decode to a point of the curve',
  SPAKE2_ERR_NON_CANONICAL: 'a received edwards25519 share is not canonically encoded',
  SPAKE2_ERR_IDENTITY: 'a received share is the identity element',
  SPAKE2_ERR_SMALL_ORDER: 'a received edwards25519 share has small order',
  SPAKE2_ERR_K_IDENTITY: 'the shared element K is the identity',
  SPAKE2_ERR_CONFIRMATION: 'the peer’s confirmation MAC does not verify',
  SPAKE2_ERR_STATE: 'a session method was called in a state that does not allow it',
  SPAKE2_ERR_INPUT: 'a local argument is invalid',
  SPAKE2_ERR_INTERNAL: 'a session step failed with an error that is not a Spake2Error',
} as const;

export type Spake2ErrorCode = keyof typeof SPAKE2_ERROR_CODES;

export class Spake2Error extends Error {
  readonly code: Spake2ErrorCode;

  constructor(code: Spake2ErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'Spake2Error';
    this.code = code;
  }
}
