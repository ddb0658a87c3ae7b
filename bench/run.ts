/**
 * The SPAKE2 benchmark: `npm run bench` (= node --import tsx bench/run.ts [options]).
 *
 *   --smoke        every case once, no warm-up, 1 cold process per suite (for `npm test`)
 *   --rounds N     interleaved rounds (default 21)
 *   --seed N       seed of the round-order shuffle (default 9382)
 *   --cold N       fresh processes per suite and variant for the cold-start rows (default 7)
 *   --vault-bw N   instead: N rounds of the real-`bw` vault backend (bench/cases/vault-bw.ts; slow)
 *
 * Prints Markdown (results on stdout, progress on stderr) and exits non-zero on any error,
 * including a peer or handshake whose two sides do not agree on the key. Method and anchors:
 * docs/performance.md and /work/shared/research/perf-anchors.md.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { breakdownCases } from './cases/breakdown.js';
import { checkFloor, floorCases } from './cases/floor.js';
import { peerCases } from './cases/peers.js';
import { vaultCases } from './cases/vault-embedded.js';
import { checkHandshake, handshakeCases, mhfCases, SUITES } from './cases/spake2.js';
import { vaultBwReport } from './cases/vault-bw.js';
import { fmt, runAll, stats, type HarnessOptions, type Result, type Stats } from './harness.js';

const TARGET_RATIO = 1.3;

interface Options {
  smoke: boolean;
  rounds: number;
  seed: number;
  cold: number;
  vaultBw?: number;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { smoke: false, rounds: 21, seed: 9382, cold: 7 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} needs a positive integer`);
      return v;
    };
    if (a === '--smoke') o.smoke = true;
    else if (a === '--rounds') o.rounds = num();
    else if (a === '--seed') o.seed = num();
    else if (a === '--cold') o.cold = num();
    else if (a === '--vault-bw') o.vaultBw = num();
    else
      throw new Error(
        `unknown option ${String(a)} (use --smoke, --rounds N, --seed N, --cold N, --vault-bw N)`,
      );
  }
  if (o.smoke) Object.assign(o, { rounds: 1, cold: 1 });
  return o;
}

const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

// ------------------------------------------------------------------ machine and load

function cpuModel(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length} logical cores`;
}

/** Busy and total jiffies of the whole machine from /proc/stat (Linux only). */
function procStat(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    const total = f.reduce((s, v) => s + v, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** Measures how many cores OTHER processes kept busy while `fn` ran (our own CPU subtracted). */
async function withContention<T>(fn: () => Promise<T>): Promise<{ value: T; others?: number }> {
  const s0 = procStat();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallS = (performance.now() - t0) / 1000;
  const s1 = procStat();
  const c1 = process.cpuUsage(c0);
  if (s0 === undefined || s1 === undefined) return { value };
  const cores = os.cpus().length;
  // Jiffies → seconds via the share of all jiffies (independent of USER_HZ).
  const busyS = ((s1.busy - s0.busy) / Math.max(1, s1.total - s0.total)) * wallS * cores;
  const selfS = (c1.user + c1.system) / 1e6;
  return { value, others: Math.max(0, busyS - selfS) / wallS };
}

const loadavg = (): string =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

// ------------------------------------------------------------------ cold start

const COLD_VARIANTS = ['tables', 'no-mn', 'no-tables'] as const;
type ColdVariant = (typeof COLD_VARIANTS)[number];
const COLD_LABEL: Record<ColdVariant, string> = {
  tables: 'as shipped (BASE + M/N tables, lazy)',
  'no-mn': 'M/N tables off',
  'no-tables': 'M/N and BASE tables off',
};

interface ColdRun {
  group: string;
  variant: ColdVariant;
  bootMs: number;
  importMs: number;
  first: { total: number; A: number; B: number };
  second: { total: number; A: number; B: number };
  wallMs: number;
}

function coldOnce(group: string, variant: ColdVariant): Promise<ColdRun> {
  const script = fileURLToPath(new URL('./cold.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', script, group, variant], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`cold run ${group} exited ${code}: ${err.trim()}`));
      try {
        resolve({ ...(JSON.parse(out.trim()) as Omit<ColdRun, 'wallMs'>), wallMs });
      } catch {
        reject(new Error(`cold run ${group} printed no JSON: ${out.trim()} ${err.trim()}`));
      }
    });
  });
}

/**
 * `perSuite` processes per suite and variant, one after another, alternating suites and variants
 * so drift spreads evenly. `parallel` (smoke only) starts them all at once: fast, not a measurement.
 */
async function coldRuns(perSuite: number, parallel: boolean): Promise<Map<string, ColdRun[]>> {
  const keys = SUITES.flatMap((s) => COLD_VARIANTS.map((v) => [s.group.name, v] as const));
  const runs = new Map<string, ColdRun[]>(keys.map(([g, v]) => [`${g}|${v}`, []]));
  const jobs = Array.from({ length: perSuite }, () => keys).flat();
  const record = (r: ColdRun) => (runs.get(`${r.group}|${r.variant}`) as ColdRun[]).push(r);
  if (parallel) (await Promise.all(jobs.map(([g, v]) => coldOnce(g, v)))).forEach(record);
  else for (const [g, v] of jobs) record(await coldOnce(g, v));
  return runs;
}

// ------------------------------------------------------------------ Markdown

const span = (s: Stats): string => `${fmt(s.min)}–${fmt(s.max)}`;
const spreadPct = (s: Stats): string => `±${(((s.max - s.min) / 2 / s.median) * 100).toFixed(0)}%`;

function table(head: readonly string[], rows: readonly (readonly string[])[], align?: string) {
  const sep = align ?? head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ');
  return [`| ${head.join(' | ')} |`, `| ${sep} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join(
    '\n',
  );
}

function partsText(r: Result): string {
  if (r.parts.size === 0) return '';
  return [...r.parts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, s]) => `${label} ${fmt(s.median)}`)
    .join(' / ');
}

function resultRows(results: readonly Result[]): string[][] {
  return results.map((r) => [
    r.name,
    `**${fmt(r.stats.median)}**`,
    span(r.stats),
    spreadPct(r.stats),
    partsText(r),
    `${r.rounds}×${r.batch}`,
  ]);
}

const RESULT_HEAD = [
  'case',
  'median ms',
  'min–max ms',
  'spread',
  'parts (median ms)',
  'rounds×batch',
];

function find(results: readonly Result[], section: string, needle: string): Result {
  const r = results.find((x) => x.section === section && x.name.includes(needle));
  if (r === undefined) throw new Error(`no result ${section}/${needle}`);
  return r;
}

/** Ratio per round (ours / floor in the same round), so drift between rounds cancels. */
function roundRatios(ours: Result, floor: Result): Stats {
  const n = Math.min(ours.stats.samples.length, floor.stats.samples.length);
  return stats(
    Array.from(
      { length: n },
      (_, i) => (ours.stats.samples[i] as number) / (floor.stats.samples[i] as number),
    ),
  );
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.vaultBw !== undefined) {
    process.stdout.write(await vaultBwReport(opts.vaultBw, log));
    return;
  }
  const startedAt = new Date();
  const t0 = performance.now();
  const loadBefore = loadavg();
  const h: HarnessOptions = opts.smoke
    ? { rounds: 1, seed: opts.seed, warmMs: 0, minWarmRuns: 1, batchMs: 0 }
    : {
        rounds: opts.rounds,
        seed: opts.seed,
        warmMs: 400,
        minWarmRuns: 3,
        batchMs: 150,
        onRound: (n) => log(`round ${n}/${opts.rounds}`),
      };

  log('correctness checks: both SPAKE2 suites agree on Ke, floor K_A = K_B, peers agree…');
  for (const suite of SUITES) checkHandshake(suite);
  checkFloor();
  const peers = await peerCases(); // checks every peer (right and wrong password) on build
  const cases = [
    ...handshakeCases(),
    ...floorCases(),
    ...mhfCases(),
    ...peers,
    ...breakdownCases(),
    ...(await vaultCases()),
  ];
  log(`calibrating ${cases.length} cases, then ${h.rounds} interleaved round(s)…`);
  const { value: results, others } = await withContention(() => runAll(cases, h));
  log(`cold start: ${opts.cold} fresh process(es) per suite and variant…`);
  const cold = await coldRuns(opts.cold, opts.smoke);
  const loadAfter = loadavg();
  const totalS = (performance.now() - t0) / 1000;

  const out: string[] = [];
  const command = ['npm run bench', ...(process.argv.length > 2 ? ['--'] : [])]
    .concat(process.argv.slice(2))
    .join(' ');
  out.push(
    `## SPAKE2 benchmark${opts.smoke ? ' (SMOKE RUN: 1 op per case, numbers meaningless)' : ''}`,
  );
  out.push('');
  out.push(
    table(
      ['machine', ''],
      [
        ['date', startedAt.toISOString()],
        ['command', `\`${command}\``],
        ['node', `${process.version} (${process.platform} ${os.release()}, ${process.arch})`],
        ['CPU', cpuModel()],
        ['memory', `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
        ['load average (1/5/15 min)', `before ${loadBefore}; after ${loadAfter}`],
        [
          'other processes during the timed rounds',
          others === undefined
            ? 'n/a (no /proc/stat)'
            : `${others.toFixed(2)} cores busy on average`,
        ],
        [
          'method',
          `warm-up ≥${h.minWarmRuns} runs and ≥${h.warmMs} ms per case; batch ≈${h.batchMs} ms; ${h.rounds} interleaved rounds, order shuffled per round (seed ${h.seed}); median, min–max over rounds`,
        ],
        ['total run time', `${totalS.toFixed(1)} s`],
      ],
      '--- | ---',
    ),
  );

  const sec = (s: string) => results.filter((r) => r.section === s);
  out.push('', '### SPAKE2 handshake vs the floor (both parties, w given, warm process)', '');
  out.push(table(RESULT_HEAD, resultRows([...sec('spake2'), ...sec('steps'), ...sec('floor')])));

  out.push('', `### Ratio to the floor (target ≤ ${TARGET_RATIO}×)`, '');
  const ratioRows = SUITES.map((suite) => {
    const g = suite.group.name;
    const ours = find(results, 'spake2', `SPAKE2 ${g}:`);
    const floor = find(results, 'floor', `FLOOR ${g}:`);
    const ratio = ours.stats.median / floor.stats.median;
    const per = roundRatios(ours, floor);
    const perParty = (['A', 'B'] as const)
      .map((p) => {
        const o = ours.parts.get(p);
        const f = floor.parts.get(p);
        return o && f ? `${p} ${(o.median / f.median).toFixed(2)}×` : '';
      })
      .join(', ');
    return [
      g,
      fmt(ours.stats.median),
      fmt(floor.stats.median),
      `**${ratio.toFixed(2)}×**`,
      `${per.median.toFixed(2)}× (${per.min.toFixed(2)}–${per.max.toFixed(2)})`,
      perParty,
      fmt((ours.stats.median - floor.stats.median) / 2),
      `≤ ${TARGET_RATIO}×`,
      ratio <= TARGET_RATIO ? 'met' : '**NOT met**',
    ];
  });
  out.push(
    table(
      [
        'suite',
        'ours ms',
        'floor ms',
        'ratio (medians)',
        'ratio per round: median (min–max)',
        'per party',
        'overhead per party ms',
        'target',
        'status',
      ],
      ratioRows,
    ),
  );

  out.push('', '### Memory-hard function (each party derives w once per handshake)', '');
  out.push(table(RESULT_HEAD, resultRows(sec('mhf'))));
  out.push('', 'What a handshake costs with the MHF (derived from the medians above):', '');
  out.push(
    table(
      [
        'suite',
        'per-party latency: deriveW + own share ms',
        'both parties CPU: 2×deriveW + handshake ms',
        'MHF share of CPU',
      ],
      SUITES.map((suite) => {
        const g = suite.group.name;
        const hs = find(results, 'spake2', `SPAKE2 ${g}:`);
        const mhf = find(results, 'mhf', `MHF ${g}:`).stats.median;
        const party = Math.max(hs.parts.get('A')?.median ?? 0, hs.parts.get('B')?.median ?? 0);
        const total = 2 * mhf + hs.stats.median;
        return [g, fmt(mhf + party), fmt(total), `${((2 * mhf * 100) / total).toFixed(0)}%`];
      }),
    ),
  );

  out.push(
    '',
    `### Cold start: first handshake in a fresh process (${opts.cold} process(es) per suite and variant, median (min–max))`,
    '',
  );
  const m = (xs: number[]): string => {
    const s = stats(xs);
    return `**${fmt(s.median)}** (${span(s)})`;
  };
  out.push(
    table(
      [
        'suite',
        'tables',
        'node + tsx boot ms',
        'import core ms',
        '1st handshake ms (both parties)',
        '1st: party A / party B ms',
        '2nd handshake ms',
        'process wall ms',
      ],
      [...cold].map(([key, runs]) => [
        key.split('|')[0] as string,
        COLD_LABEL[(runs[0] as ColdRun).variant],
        m(runs.map((r) => r.bootMs)),
        m(runs.map((r) => r.importMs)),
        m(runs.map((r) => r.first.total)),
        `${fmt(stats(runs.map((r) => r.first.A)).median)} / ${fmt(stats(runs.map((r) => r.first.B)).median)}`,
        m(runs.map((r) => r.second.total)),
        m(runs.map((r) => r.wallMs)),
      ]),
    ),
  );

  const p256 = find(results, 'spake2', 'SPAKE2 P-256:').stats.median;
  const p256Mhf = find(results, 'mhf', 'MHF P-256:').stats.median;
  out.push(
    '',
    '### Peers: full login exchanges of other JS PAKEs (client + server, in-process)',
    '',
  );
  out.push(
    table(
      [...RESULT_HEAD, '÷ SPAKE2 P-256 (w given)', '÷ SPAKE2 P-256 incl. 2×deriveW'],
      resultRows(sec('peers')).map((row, i) => {
        const r = sec('peers')[i] as Result;
        return [
          ...row,
          `${(r.stats.median / p256).toFixed(1)}×`,
          `${(r.stats.median / (p256 + 2 * p256Mhf)).toFixed(2)}×`,
        ];
      }),
    ),
  );

  out.push('', '### Approve → credential in hand (machine share; the human answers instantly)', '');
  out.push(table(RESULT_HEAD, resultRows(sec('vault'))));

  out.push('', '### Breakdown: the non-multiplication work of ONE party in one handshake', '');
  out.push(table(RESULT_HEAD, resultRows(sec('breakdown'))));
  for (const suite of SUITES) {
    const g = suite.group.name;
    const sum = sec('breakdown')
      .filter((r) => r.name.startsWith(`${g}:`))
      .reduce((s, r) => s + r.stats.median, 0);
    const ours = find(results, 'spake2', `SPAKE2 ${g}:`).stats.median;
    const floor = find(results, 'floor', `FLOOR ${g}:`).stats.median;
    out.push(
      '',
      `${g}: the pieces sum to ${fmt(sum)} ms per party; measured gap to the floor ${fmt((ours - floor) / 2)} ms per party.`,
    );
  }
  process.stdout.write(out.join('\n') + '\n');
  log(`done in ${totalS.toFixed(1)} s`);
}

try {
  await main();
} catch (e) {
  process.stderr.write(
    `[bench] FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 1;
}
