/**
 * Timing for the benchmark (method: /work/shared/research/perf-anchors.md §2).
 *
 * 1. Warm-up and calibration, per case: run the op at least `minWarmRuns` times and for at least
 *    `warmMs`, estimate its time, and pick a batch size k so one batch takes about `batchMs`.
 * 2. Rounds: every round runs every case once as a batch of k ops, in an order shuffled afresh
 *    each round by a seeded PRNG, so slow drift (thermal, a neighbour's load) spreads over all
 *    cases instead of landing on one. Time per op = batch wall time / k.
 * 3. Report the median over the rounds, with min and max.
 *
 * An op may be async (the OPAQUE libraries are); it is awaited inside the timed batch. An op can
 * also report named parts of its own time (client/server share, party A/B) through `Parts`.
 */
import { performance } from 'node:perf_hooks';

/** Lets an op report where its time went (e.g. client vs server share); summed over a batch. */
export interface Parts {
  add(label: string, ms: number): void;
}

export interface Case {
  /** Row label in the table. */
  readonly name: string;
  /** Section heading the row is printed under. */
  readonly section: string;
  readonly op: (parts: Parts) => unknown;
  /** Cap on the batch size (e.g. ops that allocate a lot); default unlimited. */
  readonly maxBatch?: number;
}

export interface HarnessOptions {
  readonly rounds: number;
  readonly seed: number;
  readonly warmMs: number;
  readonly minWarmRuns: number;
  readonly batchMs: number;
  /** Called after each round with the round number (1-based), for progress output. */
  readonly onRound?: (round: number) => void;
}

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

export interface Result {
  readonly name: string;
  readonly section: string;
  readonly batch: number;
  readonly rounds: number;
  /** ms per op */
  readonly stats: Stats;
  /** ms per op for each reported part */
  readonly parts: ReadonlyMap<string, Stats>;
}

/** mulberry32: a small, seeded, good-enough PRNG for shuffling the order of cases. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given PRNG; returns a new array. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function stats(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = samples.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return {
    median,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    samples,
  };
}

class PartsRecorder implements Parts {
  readonly totals = new Map<string, number>();
  add(label: string, ms: number): void {
    this.totals.set(label, (this.totals.get(label) ?? 0) + ms);
  }
  reset(): void {
    this.totals.clear();
  }
}

function isPromise(v: unknown): v is Promise<unknown> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

/** Run a batch of k ops; returns the wall time of the whole batch in ms. */
async function batch(c: Case, k: number, parts: Parts): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < k; i++) {
    const r = c.op(parts);
    if (isPromise(r)) await r;
  }
  return performance.now() - t0;
}

/** Warm the case up and pick k so one batch takes about `batchMs`. */
export async function calibrate(c: Case, o: HarnessOptions): Promise<number> {
  const sink = new PartsRecorder();
  let runs = 0;
  let spent = 0;
  while (runs < o.minWarmRuns || spent < o.warmMs) {
    spent += await batch(c, 1, sink);
    runs += 1;
  }
  // Estimate from the second half of the warm-up: the first calls include JIT and table building.
  const half = Math.max(1, runs >> 1);
  const t = (await batch(c, half, sink)) / half;
  const k = Math.max(1, Math.round(o.batchMs / Math.max(t, 1e-6)));
  return Math.min(k, c.maxBatch ?? Number.POSITIVE_INFINITY);
}

/** Calibrate every case, then run the interleaved, shuffled rounds. */
export async function runAll(cases: readonly Case[], o: HarnessOptions): Promise<Result[]> {
  const batchOf = new Map<Case, number>();
  for (const c of cases) batchOf.set(c, await calibrate(c, o));
  const samples = new Map<Case, number[]>(cases.map((c) => [c, []]));
  const partSamples = new Map<Case, Map<string, number[]>>(cases.map((c) => [c, new Map()]));
  const random = seededRandom(o.seed);
  const recorder = new PartsRecorder();
  for (let round = 1; round <= o.rounds; round++) {
    for (const c of shuffle(cases, random)) {
      const k = batchOf.get(c) as number;
      recorder.reset();
      const ms = await batch(c, k, recorder);
      (samples.get(c) as number[]).push(ms / k);
      const perCase = partSamples.get(c) as Map<string, number[]>;
      for (const [label, total] of recorder.totals) {
        const list = perCase.get(label) ?? [];
        list.push(total / k);
        perCase.set(label, list);
      }
    }
    o.onRound?.(round);
  }
  return cases.map((c) => ({
    name: c.name,
    section: c.section,
    batch: batchOf.get(c) as number,
    rounds: o.rounds,
    stats: stats(samples.get(c) as number[]),
    parts: new Map(
      [...(partSamples.get(c) as Map<string, number[]>)].map(([label, s]) => [label, stats(s)]),
    ),
  }));
}

/** Times one call of a sync function, for ops that report their parts. */
export function timed<T>(parts: Parts, label: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  parts.add(label, performance.now() - t0);
  return out;
}

/** The same for an async function. */
export async function timedAsync<T>(parts: Parts, label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  parts.add(label, performance.now() - t0);
  return out;
}

/** 3 significant digits, no exponent: 0.0123, 1.23, 12.3, 123, 1234. */
export function fmt(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toPrecision(3);
}
