/**
 * Running one `bw` process. Rules that hold for every call (research: bitwarden.md §2.4):
 *
 * - always `--nointeraction` (and BW_NOINTERACTION=true): without it, a locked vault or a missing
 *   password makes bw PROMPT on stderr and exit 0 with empty stdout, which looks like success;
 * - always `--response`: one JSON object on stdout, `{success, message?, data?}`, errors included;
 * - secrets never on argv (any local user can read argv with `ps`): the master password goes in an
 *   environment variable named by `--passwordenv`, the session key in BW_SESSION;
 * - an inherited BW_SESSION is dropped: only the session this process unlocked is ever used;
 * - stdout is kept as a Buffer the caller zeroes after parsing (it can hold decrypted items);
 * - a call that does not finish in time is killed and reported, never waited on forever.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { VaultError } from '../errors.js';
import { errorFromBw } from './bw-errors.js';
import { JsonObjectEnd } from './json-end.js';

export interface BwTarget {
  readonly bwPath: string;
  /** BITWARDENCLI_APPDATA_DIR for the child; undefined keeps bw's default (the user's folder). */
  readonly appDataDir: string | undefined;
  /** Extra environment for bw, e.g. NODE_EXTRA_CA_CERTS for a self-hosted server's private CA. */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

export interface BwSecrets {
  /** Put in the child's environment as BW_SESSION. */
  readonly session?: string;
  /** Put in the child's environment under `passwordVar`. */
  readonly password?: string;
}

/** The environment variable `bw unlock --passwordenv` reads the master password from. */
export const PASSWORD_VAR = 'ACR_BW_MASTER_PASSWORD';

export interface BwResult {
  /** bw's exit code; `null` when the answer was taken before the process exited (see startBw). */
  readonly code: number | null;
  /** The `--response` JSON's bytes; zero them after use. */
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** One running `bw`: its answer, (later, or at the same time) its exit, and a way to stop it. */
export interface BwRun {
  readonly answer: Promise<BwResult>;
  /** Settles when the process has exited (never rejects): until then it may still touch files. */
  readonly exited: Promise<void>;
  /** Ends the process and anything it started (to its whole process group; default SIGTERM). */
  kill(signal?: NodeJS.Signals): void;
}

function childEnv(target: BwTarget, secrets: BwSecrets): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...target.env, BW_NOINTERACTION: 'true' };
  delete env.BW_SESSION;
  delete env[PASSWORD_VAR];
  if (target.appDataDir !== undefined) env.BITWARDENCLI_APPDATA_DIR = target.appDataDir;
  if (secrets.session !== undefined) env.BW_SESSION = secrets.session;
  if (secrets.password !== undefined) env[PASSWORD_VAR] = secrets.password;
  return env;
}

const argv = (args: readonly string[]) => [...args, '--nointeraction', '--response'];

/**
 * Signals the child's whole process group (a `bw` wrapper script and the node it started). Until
 * 'close', something of the group still holds our pipes, even when the leader itself has exited,
 * so the group id cannot have been reused yet; after 'close' the group is not ours to signal.
 */
function signalGroup(child: ChildProcess, closed: boolean, signal: NodeJS.Signals): void {
  if (child.pid === undefined || closed) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: every process of the group is gone already
  }
}

/**
 * Starts one `bw`. With `answerBeforeExit`, `answer` settles as soon as stdout holds one whole
 * JSON object — bw prints its answer and then lingers about 2 s before it exits (measured in
 * docs/vault-bw.md#speed) — and the exit code is not waited for (`code: null`). Without it, or when
 * stdout never forms one object, `answer` settles at the exit. Either way `exited` settles at the
 * exit, and the timeout kills a process that runs too long, answered or not.
 *
 * `bw` runs in a process group of its own (`detached`, still a child we wait for): the timeout
 * and kill() then reach a wrapper script's children too, and a Ctrl-C at the terminal reaches only
 * us — we decide when `bw` stops (lifetime.ts waits for it on SIGINT) instead of it dying mid-write.
 */
export function startBw(
  target: BwTarget,
  args: readonly string[],
  secrets: BwSecrets = {},
  answerBeforeExit = false,
): BwRun {
  const command = args[0] ?? '';
  let markExited!: () => void;
  const exited = new Promise<void>((resolve) => (markExited = resolve));
  let child: ChildProcess | undefined;
  let kill: (signal: NodeJS.Signals) => void = () => undefined;
  const answer = new Promise<BwResult>((resolve, reject) => {
    try {
      child = spawn(target.bwPath, argv(args), {
        env: childEnv(target, secrets),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
    } catch {
      // e.g. a NUL byte in the environment: Node's message would quote the value (a secret).
      markExited();
      reject(new VaultError('VAULT_ERR_BW_FAILED', `cannot start bw ${command}`));
      return;
    }
    const running = child;
    const out: Buffer[] = [];
    let closed = false;
    kill = (signal) => signalGroup(running, closed, signal);
    const end = new JsonObjectEnd();
    let answered = false;
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup(running, closed, 'SIGKILL');
    }, target.timeoutMs);
    const collect = (): Buffer => {
      const stdout = Buffer.concat(out);
      for (const chunk of out) chunk.fill(0);
      out.length = 0;
      return stdout;
    };
    running.stdout?.on('data', (d: Buffer) => {
      if (answered) {
        d.fill(0); // nothing is expected after the answer; drop it unread
        return;
      }
      out.push(d);
      if (answerBeforeExit && end.feed(d)) {
        answered = true;
        resolve({ code: null, stdout: collect(), stderr });
      }
    });
    running.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString('utf8');
    });
    running.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      closed = true;
      markExited();
      reject(
        error.code === 'ENOENT' || error.code === 'EACCES'
          ? new VaultError('VAULT_ERR_BW_MISSING', `cannot run ${target.bwPath} (${error.code})`)
          : new VaultError(
              'VAULT_ERR_BW_FAILED',
              `cannot run ${target.bwPath} (${error.code ?? 'error'})`,
            ),
      );
    });
    running.on('close', (code) => {
      clearTimeout(timer);
      closed = true;
      markExited();
      if (answered) return;
      const stdout = collect();
      if (timedOut) {
        stdout.fill(0);
        reject(
          new VaultError(
            'VAULT_ERR_BW_FAILED',
            `bw ${command} did not finish within ${Math.round(target.timeoutMs / 1000)} s and was stopped`,
          ),
        );
        return;
      }
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
  return {
    answer,
    exited,
    kill: (signal = 'SIGTERM') => kill(signal),
  };
}

/**
 * `bw lock`, blocking. Only for process exit and signals (lifetime.ts handlers must be
 * synchronous); everything else uses startBw. Best effort: there is nobody left to report to.
 */
export function runBwLockSync(target: BwTarget): boolean {
  const result = spawnSync(target.bwPath, argv(['lock']), {
    env: childEnv(target, {}),
    stdio: 'ignore',
    timeout: target.timeoutMs,
  });
  return result.status === 0;
}

export interface BwResponse {
  readonly success: boolean;
  readonly message?: string;
  readonly data?: unknown;
}

/**
 * The parsed `--response` object, or a VaultError. Empty stdout with exit 0 is a failure (bw does
 * that when its first sync failed, or when it wanted to prompt).
 */
export function parseResponse(
  command: string,
  result: BwResult,
  secrets: readonly string[],
): BwResponse {
  let parsed: unknown;
  try {
    parsed = result.stdout.length === 0 ? undefined : JSON.parse(result.stdout.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('success' in parsed)) {
    if (result.code !== 0 && result.code !== null) {
      throw errorFromBw(command, result.stderr, secrets);
    }
    const how = result.code === null ? 'printed an object that is not' : 'exited 0 without';
    throw new VaultError(
      'VAULT_ERR_BW_FAILED',
      `bw ${command} ${how} its JSON answer` +
        (result.stdout.length === 0
          ? ' (empty output: was the first sync after login broken?)'
          : ''),
    );
  }
  const response = parsed as BwResponse;
  // code null: the answer was taken before the exit (startBw), so the JSON alone decides.
  if (response.success !== true || (result.code !== null && result.code !== 0)) {
    throw errorFromBw(command, String(response.message ?? result.stderr), secrets);
  }
  return response;
}
