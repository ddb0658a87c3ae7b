/**
 * One party of a SPAKE2 exchange as an explicit state machine (RFC 9382 §3–4 with key
 * confirmation). The transition table at the bottom reads like the protocol: any call the table
 * does not list for the current state throws SPAKE2_ERR_STATE, a failure is terminal, and Ke is
 * released only after the peer's confirmation MAC verified.
 *
 *   idle ──start──▶ sentShare ──receiveShare──▶ haveKey ──verify──▶ confirmed
 *     any error ──▶ failed (secrets wiped, every later call throws)
 *
 * Both roles call start() before receiveShare(): pB does not depend on pA, but a party must have
 * committed to its own share before it processes the peer's.
 */
import { inspect } from 'node:util';
import { asBytes, bytesToHex } from './bytes.js';
import { publicTranscriptDigest } from './digest.js';
import { Spake2Error, type Spake2ErrorCode } from './errors.js';
import type { MessageName } from './flow.js';
import { deriveW, deriveWAsync, type PasswordInput } from './password.js';
import * as rfc from './protocol.js';
import { checkScalar, randomScalar, type RandomBytes } from './scalars.js';
import { P256_SHA256, type Suite } from './suites.js';

export type Role = rfc.Role;
export type State = 'idle' | 'sentShare' | 'haveKey' | 'confirmed' | 'failed';
type Input = 'start' | 'receiveShare' | 'confirm' | 'verify' | 'sessionKey';

/** Public events only: messages that cross the wire, the public digest, state changes. */
export type SessionEvent =
  | {
      readonly kind: 'message';
      readonly direction: 'sent' | 'received';
      readonly msg: MessageName;
      readonly hex: string;
    }
  | { readonly kind: 'digest'; readonly digest: string }
  | { readonly kind: 'state'; readonly from: State; readonly to: State }
  | { readonly kind: 'failed'; readonly code: Spake2ErrorCode };

export type SecretSource = { readonly w: bigint } | { readonly password: PasswordInput };

export interface SessionOptions {
  readonly role: Role;
  /** Defaults to SPAKE2-P256-SHA256-HKDF-HMAC. */
  readonly suite?: Suite;
  /** The shared w itself, or the pairing code it is derived from (src/spake2/password.ts). */
  readonly secret: SecretSource;
  readonly idA: string | Uint8Array;
  readonly idB: string | Uint8Array;
  /** RFC 9382 §3.3 allows empty identities only where identities are implicit: opt in explicitly. */
  readonly allowEmptyIdentities?: boolean;
  /** RFC 9382 §3.2 AAD: bound into the confirmation keys only. */
  readonly aad?: string | Uint8Array;
  /** x (role A) or y (role B), injected by tests and lessons to replay vectors. */
  readonly scalar?: bigint;
  readonly random?: RandomBytes;
  readonly observer?: (event: SessionEvent) => void;
}

const OWN_SHARE: Record<Role, MessageName> = { A: 'pA', B: 'pB' };
const PEER_SHARE: Record<Role, MessageName> = { A: 'pB', B: 'pA' };
const OWN_MAC: Record<Role, MessageName> = { A: 'cA', B: 'cB' };
const PEER_MAC: Record<Role, MessageName> = { A: 'cB', B: 'cA' };

export class Spake2Session {
  readonly role: Role;
  readonly suite: Suite;
  #state: State = 'idle';
  readonly #A: Uint8Array;
  readonly #B: Uint8Array;
  readonly #aad: Uint8Array;
  readonly #observer: ((event: SessionEvent) => void) | undefined;
  // Secrets: held in private fields, which neither JSON.stringify nor util.inspect can reach.
  #w: bigint | undefined;
  #scalar: bigint | undefined;
  #ownShare: Uint8Array | undefined;
  #ownMac: Uint8Array | undefined;
  #expectedPeerMac: Uint8Array | undefined;
  #Ke: Uint8Array | undefined;
  #digest: string | undefined;

  constructor(options: SessionOptions) {
    this.role = options.role;
    this.suite = options.suite ?? P256_SHA256;
    this.#A = asBytes(options.idA);
    this.#B = asBytes(options.idB);
    if (!options.allowEmptyIdentities && (this.#A.length === 0 || this.#B.length === 0)) {
      throw new Spake2Error(
        'SPAKE2_ERR_INPUT',
        'empty identities risk unknown-key-share attacks; pass allowEmptyIdentities to opt in',
      );
    }
    this.#aad = asBytes(options.aad ?? new Uint8Array());
    if (this.#aad.length > rfc.MAX_AAD_BYTES) {
      throw new Spake2Error('SPAKE2_ERR_INPUT', `AAD is longer than ${rfc.MAX_AAD_BYTES} bytes`);
    }
    this.#observer = options.observer;
    const group = this.suite.group;
    this.#w =
      'w' in options.secret
        ? checkScalar(group, options.secret.w, 'w')
        : deriveW(this.suite, options.secret.password);
    this.#scalar =
      options.scalar === undefined
        ? randomScalar(group, options.random)
        : checkScalar(group, options.scalar, this.role === 'A' ? 'x' : 'y');
  }

  /** Derives w from the code without blocking the event loop, then builds the session. */
  static async create(options: SessionOptions): Promise<Spake2Session> {
    if ('w' in options.secret) return new Spake2Session(options);
    const w = await deriveWAsync(options.suite ?? P256_SHA256, options.secret.password);
    return new Spake2Session({ ...options, secret: { w } });
  }

  get state(): State {
    return this.#state;
  }

  /** The public transcript digest, once both shares are known. */
  get transcriptDigest(): string | undefined {
    return this.#digest;
  }

  /** RFC 9382 §3.3: this party's share, pA = w·M + x·P or pB = w·N + y·P. */
  start(): Uint8Array {
    return this.#step('start', () => {
      const w = this.#secretW();
      const scalar = this.#secretScalar();
      const share =
        this.role === 'A' ? rfc.pA(this.suite, w, scalar) : rfc.pB(this.suite, w, scalar);
      this.#ownShare = share.toBytes();
      this.#emit({
        kind: 'message',
        direction: 'sent',
        msg: OWN_SHARE[this.role],
        hex: bytesToHex(this.#ownShare),
      });
      return this.#ownShare.slice();
    });
  }

  /**
   * RFC 9382 §3.3–4: take the peer's share, check it, compute K, TT and the key schedule. After
   * this only Ke and the two confirmation MACs are kept; w, the scalar, K, TT, Ka, KcA and KcB
   * are dropped.
   */
  receiveShare(peerShare: Uint8Array): void {
    this.#step('receiveShare', () => {
      const peerName = PEER_SHARE[this.role];
      this.#emit({
        kind: 'message',
        direction: 'received',
        msg: peerName,
        hex: bytesToHex(peerShare),
      });
      const suite = this.suite;
      const peer = suite.group.decodeShare(peerShare, peerName);
      const w = this.#secretW();
      const K = rfc.K(suite, this.role, w, this.#secretScalar(), peer).toBytes();
      const own = this.#ownShare as Uint8Array;
      const [pA, pB] = this.role === 'A' ? [own, peerShare] : [peerShare, own];
      const tt = rfc.TT(suite, { A: this.#A, B: this.#B, pA, pB, K, w });
      const { Ke, Ka } = rfc.KeKa(suite, tt);
      const { KcA, KcB } = rfc.KcAKcB(suite, Ka, this.#aad);
      const macA = rfc.cA(suite, KcA, tt);
      const macB = rfc.cB(suite, KcB, tt);
      [this.#ownMac, this.#expectedPeerMac] = this.role === 'A' ? [macA, macB] : [macB, macA];
      this.#Ke = Ke;
      for (const secret of [K, tt, Ka, KcA, KcB]) secret.fill(0);
      this.#w = undefined;
      this.#scalar = undefined;
      this.#digest = publicTranscriptDigest({
        suite: suite.name,
        A: this.#A,
        B: this.#B,
        pA,
        pB,
      });
      this.#emit({ kind: 'digest', digest: this.#digest });
    });
  }

  /** RFC 9382 §4: this party's confirmation. A may send cA at once; B only after cA verified. */
  confirm(): Uint8Array {
    return this.#step('confirm', () => {
      const mac = (this.#ownMac as Uint8Array).slice();
      this.#emit({
        kind: 'message',
        direction: 'sent',
        msg: OWN_MAC[this.role],
        hex: bytesToHex(mac),
      });
      return mac;
    });
  }

  /** RFC 9382 §4: check the peer's confirmation MAC in constant time. */
  verify(peerMac: Uint8Array): void {
    this.#step('verify', () => {
      const name = PEER_MAC[this.role];
      this.#emit({ kind: 'message', direction: 'received', msg: name, hex: bytesToHex(peerMac) });
      rfc.verifyConfirmation(this.#expectedPeerMac as Uint8Array, peerMac, name);
      this.#expectedPeerMac?.fill(0);
    });
  }

  /** RFC 9382 §4: Ke, "the shared secret from the protocol" — only once the peer is confirmed. */
  sessionKey(): Uint8Array {
    return this.#step('sessionKey', () => (this.#Ke as Uint8Array).slice());
  }

  /** Wipe every secret this session still holds; it cannot be used afterwards. */
  destroy(): void {
    this.#wipe();
    this.#state = 'failed';
  }

  toJSON(): Record<string, string | undefined> {
    return {
      role: this.role,
      suite: this.suite.name,
      state: this.#state,
      transcriptDigest: this.#digest,
    };
  }
  toString(): string {
    return `Spake2Session(${this.role}, ${this.suite.name}, ${this.#state})`;
  }
  [inspect.custom](): string {
    return this.toString();
  }

  #step<T>(input: Input, body: () => T): T {
    const from = this.#state;
    const to = TRANSITIONS[this.role][from][input];
    if (to === undefined) {
      throw new Spake2Error(
        'SPAKE2_ERR_STATE',
        from === 'failed'
          ? `${input}() on a failed session: start a new one`
          : `${input}() is not allowed for role ${this.role} in state ${from}`,
      );
    }
    try {
      const result = body();
      this.#state = to;
      if (to !== from) this.#emit({ kind: 'state', from, to });
      return result;
    } catch (e) {
      this.#wipe();
      this.#state = 'failed';
      // Observers see only stable codes; anything else (a bug, a throwing observer) is reported
      // as SPAKE2_ERR_INTERNAL, and the original error still reaches the caller unchanged.
      this.#emit({
        kind: 'failed',
        code: e instanceof Spake2Error ? e.code : 'SPAKE2_ERR_INTERNAL',
      });
      this.#emit({ kind: 'state', from, to: 'failed' });
      throw e;
    }
  }

  #secretW(): bigint {
    return this.#w as bigint;
  }
  #secretScalar(): bigint {
    return this.#scalar as bigint;
  }

  #wipe(): void {
    for (const b of [this.#ownMac, this.#expectedPeerMac, this.#Ke]) b?.fill(0);
    this.#w = this.#scalar = undefined;
    this.#ownMac = this.#expectedPeerMac = this.#Ke = undefined;
  }

  #emit(event: SessionEvent): void {
    this.#observer?.(event);
  }
}

/** Which call moves which state where, per role. Anything missing is illegal. */
export const TRANSITIONS: Readonly<Record<Role, Record<State, Partial<Record<Input, State>>>>> = {
  A: {
    idle: { start: 'sentShare' },
    sentShare: { receiveShare: 'haveKey' },
    haveKey: { confirm: 'haveKey', verify: 'confirmed' },
    confirmed: { sessionKey: 'confirmed' },
    failed: {},
  },
  B: {
    idle: { start: 'sentShare' },
    sentShare: { receiveShare: 'haveKey' },
    haveKey: { verify: 'confirmed' },
    confirmed: { confirm: 'confirmed', sessionKey: 'confirmed' },
    failed: {},
  },
};
