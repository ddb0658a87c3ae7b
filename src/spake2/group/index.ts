/** The group adapter: the only part of the project that imports @noble/curves. */
export { Element } from './element.js';
export type { Group, GroupName } from './group.js';
export { P256 } from './p256.js';
export { EDWARDS25519, EDWARDS25519_TORSION } from './edwards25519.js';
