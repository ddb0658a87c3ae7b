/**
 * The language-neutral vector format (vectors/README.md): one party under test, the messages it
 * receives, and what must happen. Shared by the generator and the test that walks the files.
 */
import type { MessageName, Role, Spake2ErrorCode } from '../../src/spake2/index.js';

export interface PartyConfig {
  readonly role: Role;
  readonly idA: string;
  readonly idB: string;
  /** Hex, big-endian. */
  readonly w: string;
  /** x for role A, y for role B; hex, big-endian. */
  readonly scalar: string;
  /** Hex; "" for none. */
  readonly aad: string;
}

export type Expectation =
  | {
      readonly result: 'success';
      /** What the party must send, in flow order. */
      readonly outbound: Partial<Record<MessageName, string>>;
      readonly Ke: string;
    }
  | {
      readonly result: 'failure';
      readonly code: Spake2ErrorCode;
      /** The received message whose processing must fail. */
      readonly at: MessageName;
    };

export interface Vector {
  readonly name: string;
  /** The one thing this vector breaks (or, for a positive vector, the one thing it exercises). */
  readonly breaks: string;
  readonly comment: string;
  readonly suite: string;
  readonly party: PartyConfig;
  /** Messages the party receives, hex. */
  readonly inbound: Partial<Record<MessageName, string>>;
  readonly expect: Expectation;
  readonly generator: string;
}
