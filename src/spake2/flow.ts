/**
 * The SPAKE2 message flow, declared once as data (RFC 9382 §3.1, §3.3, §4). The spake2 CLI
 * (src/cli/spake2.ts) walks this table for its reads and writes, after sending its own share
 * first; renderFlow() draws it for the CLI's help, lesson 4 and docs/protocol.md (a test keeps
 * that copy equal).
 */
export type MessageName = 'pA' | 'pB' | 'cA' | 'cB';

export interface FlowStep {
  readonly msg: MessageName;
  readonly from: 'A' | 'B';
  readonly to: 'A' | 'B';
  readonly rfc: string;
  readonly formula: string;
  readonly meaning: string;
}

export const FLOW: readonly FlowStep[] = Object.freeze([
  {
    msg: 'pA',
    from: 'A',
    to: 'B',
    rfc: 'RFC 9382 §3.3',
    formula: 'pA = w·M + x·P',
    meaning: 'A’s share, blinded by w·M',
  },
  {
    msg: 'pB',
    from: 'B',
    to: 'A',
    rfc: 'RFC 9382 §3.3',
    formula: 'pB = w·N + y·P',
    meaning: 'B’s share, blinded by w·N',
  },
  {
    msg: 'cA',
    from: 'A',
    to: 'B',
    rfc: 'RFC 9382 §4',
    formula: 'cA = MAC(KcA, TT)',
    meaning: 'A proves it holds the same K and w',
  },
  {
    msg: 'cB',
    from: 'B',
    to: 'A',
    rfc: 'RFC 9382 §4',
    formula: 'cB = MAC(KcB, TT)',
    meaning: 'B proves the same, only after verifying cA',
  },
] as const satisfies readonly FlowStep[]);

/** The flow as a small text sequence diagram (docs, lessons, CLI help). */
export function renderFlow(): string {
  return FLOW.map((s) => {
    const arrow = s.from === 'A' ? `A ──${s.msg}──▶ B` : `A ◀──${s.msg}── B`;
    return `${arrow}   ${s.formula.padEnd(18)} ${s.rfc}`;
  }).join('\n');
}
