/**
 * Our SPAKE2 core, driven through its public surface (src/spake2/index.ts) exactly as the CLI
 * drives it: two Spake2Session objects, one per role, with w given (the MHF is excluded here and
 * timed on its own row).
 */
import {
  bytesToHex,
  cA,
  cB,
  K,
  KcAKcB,
  KeKa,
  pA,
  pB,
  TT,
  verifyConfirmation,
  DEFAULT_SCRYPT,
  deriveW,
  EDWARDS25519_SHA256,
  P256_SHA256,
  randomScalar,
  Spake2Session,
  type Suite,
} from '../../src/spake2/index.js';
import { timed, type Case, type Parts } from '../harness.js';

export const SUITES: readonly Suite[] = [P256_SHA256, EDWARDS25519_SHA256];

/** A short label for table rows: P-256 or edwards25519. */
export function short(suite: Suite): string {
  return suite.group.name;
}

const IDS = { idA: 'agent', idB: 'human' } as const;

/** One full handshake incl. key confirmation, both parties; returns both session keys. */
export function handshake(suite: Suite, w: bigint, parts?: Parts): [Uint8Array, Uint8Array] {
  const t = <T>(label: string, fn: () => T): T => (parts ? timed(parts, label, fn) : fn());
  const a = t('A', () => new Spake2Session({ role: 'A', suite, secret: { w }, ...IDS }));
  const b = t('B', () => new Spake2Session({ role: 'B', suite, secret: { w }, ...IDS }));
  const pA = t('A', () => a.start());
  const pB = t('B', () => b.start());
  t('B', () => b.receiveShare(pA));
  t('A', () => a.receiveShare(pB));
  const cA = t('A', () => a.confirm());
  t('B', () => b.verify(cA));
  const cB = t('B', () => b.confirm());
  t('A', () => a.verify(cB));
  return [t('A', () => a.sessionKey()), t('B', () => b.sessionKey())];
}

const enc = new TextEncoder();
const ID_A = enc.encode(IDS.idA);
const ID_B = enc.encode(IDS.idB);
const NO_AAD = new Uint8Array();

/**
 * The same handshake through the RFC step functions alone (src/spake2/protocol.ts), without
 * Spake2Session: isolates what the state machine, copies, wiping and events cost.
 */
export function stepsHandshake(suite: Suite, w: bigint): Uint8Array {
  const g = suite.group;
  const x = randomScalar(g);
  const y = randomScalar(g);
  const sA = pA(suite, w, x).toBytes();
  const sB = pB(suite, w, y).toBytes();
  const keys = (['A', 'B'] as const).map((role) => {
    const peer = role === 'A' ? g.decodeShare(sB, 'pB') : g.decodeShare(sA, 'pA');
    const k = K(suite, role, w, role === 'A' ? x : y, peer).toBytes();
    const tt = TT(suite, { A: ID_A, B: ID_B, pA: sA, pB: sB, K: k, w });
    const { Ke, Ka } = KeKa(suite, tt);
    const { KcA, KcB } = KcAKcB(suite, Ka, NO_AAD);
    return { Ke, cA: cA(suite, KcA, tt), cB: cB(suite, KcB, tt) };
  });
  const [a, b] = keys as [(typeof keys)[0], (typeof keys)[0]];
  verifyConfirmation(b.cA, a.cA, 'cA');
  verifyConfirmation(a.cB, b.cB, 'cB');
  return a.Ke;
}

/** Pre-drawn values of w (stand-ins for MHF outputs), used in turn. */
function ws(suite: Suite, n = 64): bigint[] {
  return Array.from({ length: n }, () => randomScalar(suite.group));
}

/** Throws unless a handshake on this suite agrees on Ke. */
export function checkHandshake(suite: Suite): void {
  const w = randomScalar(suite.group);
  const [ka, kb] = handshake(suite, w);
  if (ka.length !== suite.hash.outputLen / 2 || bytesToHex(ka) !== bytesToHex(kb)) {
    throw new Error(`${suite.name}: the two sessions disagree on Ke`);
  }
  stepsHandshake(suite, w); // throws if a confirmation MAC does not verify
}

export function handshakeCases(): Case[] {
  return SUITES.flatMap((suite) => {
    const values = ws(suite);
    let i = 0;
    const w = () => values[i++ % values.length] as bigint;
    return [
      {
        section: 'spake2',
        name: `SPAKE2 ${short(suite)}: full handshake incl. confirmation, both parties (w given)`,
        op: (parts: Parts) => handshake(suite, w(), parts),
      },
      {
        section: 'steps',
        name: `SPAKE2 ${short(suite)}: same, RFC step functions only (no Spake2Session)`,
        op: () => stepsHandshake(suite, w()),
      },
    ];
  });
}

const SALT = new TextEncoder().encode('bench-session-id');

export function mhfCases(): Case[] {
  return SUITES.map((suite) => {
    let code = 100000;
    const { N, r, p } = DEFAULT_SCRYPT;
    return {
      section: 'mhf',
      name: `MHF ${short(suite)}: deriveW, DEFAULT_SCRYPT (N=2^${Math.log2(N)}, r=${r}, p=${p}), one call`,
      op: () => deriveW(suite, { code: String(code++), salt: SALT, scrypt: DEFAULT_SCRYPT }),
    };
  });
}
