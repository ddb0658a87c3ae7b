/**
 * Builds every negative and positive vector, deterministically (scalars come from SHA-256 of
 * the vector's name). `make vectors` writes them; test/spake2/vectors.test.ts checks the
 * committed files equal this output, so the corpus cannot drift from its generator.
 *
 * The peer's messages are computed here with the RFC step functions (src/spake2/protocol.ts),
 * never with Spake2Session, so the session under test is checked against an independent path.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import {
  bytesToHex,
  cA,
  cB,
  EDWARDS25519_SHA256,
  EDWARDS25519_TORSION,
  K,
  KcAKcB,
  KeKa,
  P256_SHA256,
  pA,
  pB,
  TT,
  type Element,
  type MessageName,
  type Spake2ErrorCode,
  type Role,
  type Suite,
} from '../../src/spake2/index.js';
import type { Expectation, PartyConfig, Vector } from './format.js';

const GENERATOR = 'vectors/gen/build.ts';
const enc = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => bytesToHex(b);
const fromHex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

/** A deterministic scalar in [1, p) named by a label. */
function scalarFor(suite: Suite, label: string): bigint {
  const n = BigInt('0x' + hex(sha256(enc(`${suite.name} ${label}`))));
  return (n % (suite.group.p - 1n)) + 1n;
}

interface PeerConfig {
  role: Role;
  idA: string;
  idB: string;
  w: bigint;
  scalar: bigint;
  aad: string;
  /** Added to the peer's own share (a legitimate peer whose ephemeral has a torsion part). */
  torsion?: Element;
}

interface PeerRun {
  share: Uint8Array;
  cA: Uint8Array;
  cB: Uint8Array;
  Ke: Uint8Array;
}

/** The peer's side of one exchange, by the RFC step functions. */
function runPeer(suite: Suite, peer: PeerConfig, ourShare: Uint8Array): PeerRun {
  const base = peer.role === 'A' ? pA(suite, peer.w, peer.scalar) : pB(suite, peer.w, peer.scalar);
  const share = (peer.torsion ? base.add(peer.torsion) : base).toBytes();
  const k = K(suite, peer.role, peer.w, peer.scalar, suite.group.decodeShare(ourShare, 'share'));
  const [sA, sB] = peer.role === 'A' ? [share, ourShare] : [ourShare, share];
  const tt = TT(suite, {
    A: enc(peer.idA),
    B: enc(peer.idB),
    pA: sA,
    pB: sB,
    K: k.toBytes(),
    w: peer.w,
  });
  const { Ke, Ka } = KeKa(suite, tt);
  const { KcA, KcB } = KcAKcB(suite, Ka, fromHex(peer.aad));
  return { share, cA: cA(suite, KcA, tt), cB: cB(suite, KcB, tt), Ke };
}

interface Case {
  name: string;
  breaks: string;
  comment: string;
  suite: Suite;
  /** The role of the party under test. */
  role: Role;
  /** Changes to the honest peer (wrong password, other identity, …). */
  peer?: (honest: PeerConfig, suite: Suite) => Partial<PeerConfig>;
  /** Replace or alter a message the party receives; `ours` is the party's own share. */
  inbound?: (
    messages: Record<string, Uint8Array>,
    ctx: { suite: Suite; w: bigint; ours: Uint8Array },
  ) => void;
  w?: (suite: Suite) => bigint;
  party?: Partial<PartyConfig>;
  expect: { code: Spake2ErrorCode; at: MessageName } | 'success';
}

function build(c: Case): Vector {
  const { suite, role } = c;
  const peerRole: Role = role === 'A' ? 'B' : 'A';
  const w = c.w ? c.w(suite) : scalarFor(suite, `${c.name} w`);
  const party: PartyConfig = {
    role,
    idA: 'agent',
    idB: 'approver',
    w: w.toString(16).padStart(suite.group.scalarLength * 2, '0'),
    scalar: scalarFor(suite, `${c.name} ${role}`).toString(16),
    aad: '',
    ...c.party,
  };
  const ourScalar = BigInt('0x' + party.scalar);
  const ours = (role === 'A' ? pA(suite, w, ourScalar) : pB(suite, w, ourScalar)).toBytes();
  const honest: PeerConfig = {
    role: peerRole,
    idA: party.idA,
    idB: party.idB,
    w,
    scalar: scalarFor(suite, `${c.name} ${peerRole}`),
    aad: party.aad,
  };
  const peer = { ...honest, ...c.peer?.(honest, suite) };
  const run = runPeer(suite, peer, ours);
  const [shareName, macName] = role === 'A' ? (['pB', 'cB'] as const) : (['pA', 'cA'] as const);
  const messages: Record<string, Uint8Array> = {
    [shareName]: run.share,
    [macName]: peer.role === 'A' ? run.cA : run.cB,
  };
  c.inbound?.(messages, { suite, w, ours });
  const inbound = Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, hex(v)]));
  const expect: Expectation =
    c.expect === 'success'
      ? {
          result: 'success',
          outbound:
            role === 'A' ? { pA: hex(ours), cA: hex(run.cA) } : { pB: hex(ours), cB: hex(run.cB) },
          Ke: hex(run.Ke),
        }
      : { result: 'failure', ...c.expect };
  return {
    name: c.name,
    breaks: c.breaks,
    comment: c.comment,
    suite: suite.name,
    party,
    inbound,
    expect,
    generator: GENERATOR,
  };
}

const P = P256_SHA256;
const E = EDWARDS25519_SHA256;
const torsion = (i: number) => E.group.decodeConstant(EDWARDS25519_TORSION[i] as string);
const flipFirstByte = (b: Uint8Array) => {
  const out = b.slice();
  out[0] = (out[0] as number) ^ 0x01;
  return out;
};
const replace =
  (
    name: string,
    value: (ctx: { suite: Suite; w: bigint; ours: Uint8Array; current: Uint8Array }) => Uint8Array,
  ) =>
  (m: Record<string, Uint8Array>, ctx: { suite: Suite; w: bigint; ours: Uint8Array }) => {
    m[name] = value({ ...ctx, current: m[name] as Uint8Array });
  };

/** Small-order edwards25519 points by their order, named as the files are. */
const SMALL_ORDER: [string, number][] = [
  ['order-2', 4],
  ['order-4-a', 2],
  ['order-4-b', 6],
  ['order-8-a', 1],
  ['order-8-b', 3],
  ['order-8-c', 5],
  ['order-8-d', 7],
];

export const NEGATIVE: Case[] = [
  {
    name: 'p256-pA-identity-encoding',
    breaks: 'pA is the SEC1 encoding of the identity (the single byte 0x00)',
    comment:
      'The identity has no 65-byte uncompressed encoding; the length check must catch it before decoding.',
    suite: P,
    role: 'B',
    inbound: replace('pA', () => new Uint8Array([0])),
    expect: { code: 'SPAKE2_ERR_ENCODING', at: 'pA' },
  },
  {
    name: 'p256-pA-wrong-length',
    breaks: 'pA is one byte short (64 bytes)',
    comment:
      'A truncated share must fail as an encoding error, not as a confirmation failure later.',
    suite: P,
    role: 'B',
    inbound: replace('pA', ({ current }) => current.slice(0, 64)),
    expect: { code: 'SPAKE2_ERR_ENCODING', at: 'pA' },
  },
  {
    name: 'p256-pA-compressed',
    breaks: 'pA is the valid point, SEC1 compressed (33 bytes) where uncompressed is required',
    comment:
      'RFC 9382 §6 fixes the uncompressed encoding; accepting both would let one share have two encodings in TT.',
    suite: P,
    role: 'B',
    inbound: replace('pA', ({ current, suite }) => {
      const y = current[64] as number;
      return Uint8Array.from([2 | (y & 1), ...current.slice(1, 1 + suite.group.scalarLength)]);
    }),
    expect: { code: 'SPAKE2_ERR_ENCODING', at: 'pA' },
  },
  {
    name: 'p256-pA-hybrid-prefix',
    breaks: 'pA carries the SEC1 hybrid prefix 0x06/0x07 instead of 0x04',
    comment: 'Hybrid encodings are 65 bytes too; only the prefix tells them apart.',
    suite: P,
    role: 'B',
    inbound: replace('pA', ({ current }) => {
      const out = current.slice();
      out[0] = 6 | ((current[64] as number) & 1);
      return out;
    }),
    expect: { code: 'SPAKE2_ERR_ENCODING', at: 'pA' },
  },
  {
    name: 'p256-pA-off-curve',
    breaks: 'pA has the lowest bit of its y coordinate flipped, leaving the curve',
    comment:
      'Invalid-curve points let an attacker confine K to a weak group (cf. the elliptic CVE-2020-28498).',
    suite: P,
    role: 'B',
    inbound: replace('pA', ({ current }) => {
      const out = current.slice();
      out[64] = (out[64] as number) ^ 0x01;
      return out;
    }),
    expect: { code: 'SPAKE2_ERR_NOT_ON_CURVE', at: 'pA' },
  },
  {
    name: 'p256-pB-equals-w-times-N',
    breaks: 'pB = w·N, so pB − w·N is the identity and K = I',
    comment:
      'A peer who knows w can force K = I; K would then carry no secret. Rejected before any MAC.',
    suite: P,
    role: 'A',
    inbound: replace('pB', ({ suite, w }) => suite.N.multiply(w).toBytes()),
    expect: { code: 'SPAKE2_ERR_K_IDENTITY', at: 'pB' },
  },
  {
    name: 'p256-pA-equals-w-times-M',
    breaks: 'pA = w·M, so pA − w·M is the identity and K = I',
    comment: 'The mirror image of p256-pB-equals-w-times-N, caught by B.',
    suite: P,
    role: 'B',
    inbound: replace('pA', ({ suite, w }) => suite.M.multiply(w).toBytes()),
    expect: { code: 'SPAKE2_ERR_K_IDENTITY', at: 'pA' },
  },
  {
    name: 'p256-cA-flipped-bit',
    breaks: 'cA has one bit flipped',
    comment: 'B must reject a confirmation that is not exactly MAC(KcA, TT).',
    suite: P,
    role: 'B',
    inbound: replace('cA', ({ current }) => flipFirstByte(current)),
    expect: { code: 'SPAKE2_ERR_CONFIRMATION', at: 'cA' },
  },
  {
    name: 'p256-cB-flipped-bit',
    breaks: 'cB has one bit flipped',
    comment: 'A must reject a confirmation that is not exactly MAC(KcB, TT).',
    suite: P,
    role: 'A',
    inbound: replace('cB', ({ current }) => flipFirstByte(current)),
    expect: { code: 'SPAKE2_ERR_CONFIRMATION', at: 'cB' },
  },
  {
    name: 'p256-cA-truncated',
    breaks: 'cA is 31 bytes instead of 32',
    comment: 'A short MAC is an encoding error; it must never be compared as a prefix.',
    suite: P,
    role: 'B',
    inbound: replace('cA', ({ current }) => current.slice(0, 31)),
    expect: { code: 'SPAKE2_ERR_ENCODING', at: 'cA' },
  },
  {
    name: 'p256-wrong-password',
    breaks: 'the peer derived its w from another code',
    comment: 'The active guesser’s run: B learns the guess was wrong from cA and never sends cB.',
    suite: P,
    role: 'B',
    peer: (h, s) => ({ w: scalarFor(s, `other ${h.w}`) }),
    expect: { code: 'SPAKE2_ERR_CONFIRMATION', at: 'cA' },
  },
  {
    name: 'p256-identity-mismatch',
    breaks: 'the peer believes B is "approver-2"',
    comment:
      'Identities are in TT (RFC 9382 §3.3); a mismatch must fail confirmation (no unknown key share).',
    suite: P,
    role: 'B',
    peer: () => ({ idB: 'approver-2' }),
    expect: { code: 'SPAKE2_ERR_CONFIRMATION', at: 'cA' },
  },
  {
    name: 'p256-aad-mismatch',
    breaks: 'the peer binds AAD "v2" while the party binds "v1"',
    comment:
      'AAD enters only the confirmation keys (RFC 9382 §4); a mismatch must fail confirmation.',
    suite: P,
    role: 'B',
    party: { aad: hex(enc('v1')) },
    peer: () => ({ aad: hex(enc('v2')) }),
    expect: { code: 'SPAKE2_ERR_CONFIRMATION', at: 'cA' },
  },
  {
    name: 'p256-swapped-roles',
    breaks: 'both parties play B (both blind with N)',
    comment: 'RFC 9382 §5 requires agreed roles; two Bs must not confirm.',
    suite: P,
    role: 'B',
    peer: () => ({ role: 'B' }),
    expect: { code: 'SPAKE2_ERR_CONFIRMATION', at: 'cA' },
  },
  {
    name: 'p256-reflected-pA',
    breaks: 'an attacker reflects A’s own pA back as pB',
    comment: 'Reflection yields a valid point and a K, but no cB the attacker can produce.',
    suite: P,
    role: 'A',
    inbound: replace('pB', ({ ours }) => ours.slice()),
    expect: { code: 'SPAKE2_ERR_CONFIRMATION', at: 'cB' },
  },
  {
    name: 'ed25519-pB-identity',
    breaks: 'pB is the identity (0x01 followed by zeros)',
    comment: 'The identity carries no contribution from the peer.',
    suite: E,
    role: 'A',
    inbound: replace('pB', () => fromHex(EDWARDS25519_TORSION[0] as string)),
    expect: { code: 'SPAKE2_ERR_IDENTITY', at: 'pB' },
  },
  ...SMALL_ORDER.map(([label, i]): Case => ({
    name: `ed25519-pB-${label}`,
    breaks: `pB is a small-order point (${label.replace(/-[a-d]$/, '').replace('-', ' ')})`,
    comment:
      'Stricter than RFC 9382, which lets h clear it: a share of small order carries no contribution at all.',
    suite: E,
    role: 'A',
    inbound: replace('pB', () => fromHex(EDWARDS25519_TORSION[i] as string)),
    expect: { code: 'SPAKE2_ERR_SMALL_ORDER', at: 'pB' },
  })),
  {
    name: 'ed25519-pB-non-canonical-y',
    breaks: 'pB encodes y = 2^255 − 18 = p + 1 (the identity’s y, non-canonically)',
    comment: 'Two encodings of one point would put different bytes into TT on the two sides.',
    suite: E,
    role: 'A',
    inbound: replace('pB', () => {
      const out = new Uint8Array(32).fill(0xff);
      out[0] = 0xee;
      out[31] = 0x7f;
      return out;
    }),
    expect: { code: 'SPAKE2_ERR_NON_CANONICAL', at: 'pB' },
  },
  {
    name: 'ed25519-pB-negative-zero-x',
    breaks: 'pB sets the sign bit for x = 0 (y = −1, the order-2 point)',
    comment: 'RFC 8032 §5.1.3 step 4: x = 0 with the sign bit set is not a valid encoding.',
    suite: E,
    role: 'A',
    inbound: replace('pB', () => {
      const out = fromHex(EDWARDS25519_TORSION[4] as string);
      out[31] = (out[31] as number) | 0x80;
      return out;
    }),
    expect: { code: 'SPAKE2_ERR_NON_CANONICAL', at: 'pB' },
  },
  {
    name: 'ed25519-pB-not-on-curve',
    breaks: 'pB encodes y = 2, for which no x exists',
    comment: 'A y without a square root for x is not a curve point.',
    suite: E,
    role: 'A',
    inbound: replace('pB', () => {
      const out = new Uint8Array(32);
      out[0] = 2;
      return out;
    }),
    expect: { code: 'SPAKE2_ERR_NOT_ON_CURVE', at: 'pB' },
  },
  {
    name: 'ed25519-pB-wrong-length',
    breaks: 'pB is 31 bytes',
    comment: 'Exact length first.',
    suite: E,
    role: 'A',
    inbound: replace('pB', ({ current }) => current.slice(0, 31)),
    expect: { code: 'SPAKE2_ERR_ENCODING', at: 'pB' },
  },
  {
    name: 'ed25519-pB-equals-w-times-N',
    breaks: 'pB = w·N, so K = I',
    comment: 'As on P-256: a peer who knows w must not be able to force K = I.',
    suite: E,
    role: 'A',
    inbound: replace('pB', ({ suite, w }) => suite.N.multiply(w).toBytes()),
    expect: { code: 'SPAKE2_ERR_K_IDENTITY', at: 'pB' },
  },
  {
    name: 'ed25519-pB-w-times-N-plus-torsion',
    breaks: 'pB = w·N + T with T of order 8, so pB − w·N is small-order and h·(…) = I',
    comment: 'pB itself passes every point check; only K = I after the cofactor catches it.',
    suite: E,
    role: 'A',
    inbound: replace('pB', ({ suite, w }) => suite.N.multiply(w).add(torsion(1)).toBytes()),
    expect: { code: 'SPAKE2_ERR_K_IDENTITY', at: 'pB' },
  },
];

export const POSITIVE: Case[] = [
  {
    name: 'p256-with-aad',
    breaks: 'nothing: an honest exchange with AAD on both sides',
    comment: 'The RFC vectors have no AAD; this one binds AAD into KcA/KcB.',
    suite: P,
    role: 'A',
    party: { aad: hex(enc('agent-credential-request/1')) },
    expect: 'success',
  },
  {
    name: 'p256-w-leading-zero-byte',
    breaks: 'nothing: w < 2^248, so its 32-byte encoding in TT starts with 0x00',
    comment: 'No RFC vector has a short w; TT must pad it to len(p) = 32 bytes.',
    suite: P,
    role: 'B',
    w: (s) => {
      for (let i = 0; ; i++) {
        const w = scalarFor(s, `leading zero ${i}`);
        if (w < 1n << 248n) return w;
      }
    },
    expect: 'success',
  },
  {
    name: 'ed25519-honest',
    breaks: 'nothing: an honest edwards25519 exchange',
    comment: 'The edwards25519 suite has no published vectors; this pins ours.',
    suite: E,
    role: 'B',
    expect: 'success',
  },
  {
    name: 'ed25519-pA-torsioned',
    breaks: 'nothing: the peer’s pA has a torsion component of order 8',
    comment: 'Valid per RFC 9382: h clears the torsion, both sides agree on K. Must be accepted.',
    suite: E,
    role: 'B',
    peer: () => ({ torsion: torsion(3) }),
    expect: 'success',
  },
  {
    name: 'ed25519-pB-torsioned',
    breaks: 'nothing: the peer’s pB has a torsion component of order 4',
    comment: 'As ed25519-pA-torsioned, seen from A.',
    suite: E,
    role: 'A',
    peer: () => ({ torsion: torsion(2) }),
    expect: 'success',
  },
];

/** Every vector file, keyed by its path under vectors/. */
export function buildVectors(): Map<string, Vector> {
  const files = new Map<string, Vector>();
  for (const c of NEGATIVE) files.set(`negative/${c.name}.json`, build(c));
  for (const c of POSITIVE) files.set(`positive/${c.name}.json`, build(c));
  return files;
}

export function serialize(v: Vector): string {
  return JSON.stringify(v, null, 2) + '\n';
}
