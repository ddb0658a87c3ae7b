/** SPAKE2 (RFC 9382) with key confirmation: the public surface of the core. */
export { Spake2Error, SPAKE2_ERROR_CODES, type Spake2ErrorCode } from './errors.js';
export {
  Element,
  P256,
  EDWARDS25519,
  EDWARDS25519_TORSION,
  type Group,
  type GroupName,
} from './group/index.js';
export {
  P256_SHA256,
  EDWARDS25519_SHA256,
  SUITES,
  RFC9382_CONSTANTS,
  withMN,
  type Suite,
} from './suites.js';
export { generatePoint } from './point-generation.js';
export {
  deriveW,
  deriveWAsync,
  DEFAULT_SCRYPT,
  TEST_ONLY_SCRYPT,
  W_LABEL,
  type PasswordInput,
  type ScryptParams,
} from './password.js';
export { randomScalar, checkScalar, systemRandom, type RandomBytes } from './scalars.js';
export {
  pA,
  pB,
  K,
  TT,
  KeKa,
  KcAKcB,
  cA,
  cB,
  verifyConfirmation,
  MAX_AAD_BYTES,
  type Role,
} from './protocol.js';
export { FLOW, renderFlow, type FlowStep, type MessageName } from './flow.js';
export { publicTranscriptDigest, DIGEST_LABEL } from './digest.js';
export {
  Spake2Session,
  TRANSITIONS,
  type SessionEvent,
  type SessionOptions,
  type State,
  type SecretSource,
} from './session.js';
export { bytesToHex, bytesToNumberBE, fromHex, len, lengthPrefixed } from './bytes.js';
