/**
 * Runs a lesson script as a child process and parses what it printed (the format lessons/kit.ts
 * writes): sections start with "── ", values are "  label = hex" with wrapped continuation lines.
 */
import { spawnSync } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;

export interface LessonRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Section title → [label, value] in print order. */
  readonly sections: ReadonlyMap<string, ReadonlyArray<readonly [string, string]>>;
}

export function runScript(args: string[]): {
  status: number | null;
  stdout: string;
  stderr: string;
} {
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function parse(stdout: string): Map<string, Array<[string, string]>> {
  const sections = new Map<string, Array<[string, string]>>();
  let current: Array<[string, string]> = [];
  sections.set('', current);
  let last: [string, string] | undefined;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('── ')) {
      current = [];
      sections.set(line.slice(3), current);
      last = undefined;
      continue;
    }
    const value = /^ {2}(\S.*?) += ([0-9a-f]+)$/.exec(line);
    if (value) {
      last = [value[1] as string, value[2] as string];
      current.push(last);
      continue;
    }
    const more = /^ {5,}([0-9a-f]+)$/.exec(line);
    if (more && last) last[1] += more[1];
    else last = undefined;
  }
  return sections;
}

export function runLesson(dir: string): LessonRun {
  const r = runScript([`lessons/${dir}/lesson.ts`]);
  return { ...r, sections: parse(r.stdout) };
}

/** The values printed under `label` in the first section whose title contains `title`. */
export function valuesIn(run: LessonRun, title: string, label: string): string[] {
  for (const [name, values] of run.sections) {
    if (name.includes(title)) return values.filter(([l]) => l === label).map(([, v]) => v);
  }
  throw new Error(`no section containing ${JSON.stringify(title)}`);
}

/** The single value printed under `label` in that section. */
export function valueIn(run: LessonRun, title: string, label: string): string {
  const all = valuesIn(run, title, label);
  if (all.length !== 1) throw new Error(`${label} printed ${all.length} times in "${title}"`);
  return all[0] as string;
}
