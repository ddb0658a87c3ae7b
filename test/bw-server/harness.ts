/**
 * One "world" for real-`bw` tests and the bench: a fresh CA + certificate, the test account, the
 * HTTPS test server on 127.0.0.1, and an empty Bitwarden data folder. `loginAsUser()` does what a
 * person does once (`bw config server`, `bw login`, then `bw lock`); after that the wrapper under
 * test only ever unlocks. Nothing here is a mock: every `bw` below is the real CLI.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAccount } from './account.js';
import type { TestAccount, TestLoginItem } from './account.js';
import { makeTestTls } from './certs.js';
import { TEST_EMAIL, TEST_ITEMS, TEST_MASTER_PASSWORD } from './fixture.js';
import { buildBwTestServer } from './server.js';
import type { BwTestServer } from './server.js';

/** The pinned devDependency; the tests fail (never skip) when it is missing. */
export const PROJECT_BW = fileURLToPath(new URL('../../node_modules/.bin/bw', import.meta.url));

export interface BwRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface BwRunOptions {
  /** In the child's environment as BW_TEST_PASSWORD (for `--passwordenv BW_TEST_PASSWORD`). */
  readonly password?: string;
  readonly session?: string;
  /** Written to stdin, for bw's own prompts (e.g. `bw import`'s file password). */
  readonly input?: string;
}

export interface BwWorld {
  readonly server: BwTestServer;
  readonly account: TestAccount;
  readonly dir: string;
  /** BITWARDENCLI_APPDATA_DIR for every `bw` of this world. */
  readonly appDataDir: string;
  /** NODE_EXTRA_CA_CERTS for every `bw` of this world. */
  readonly caFile: string;
  readonly bwPath: string;
  /** Runs the real `bw` in this world, as a user at a shell would (`--nointeraction` added). */
  bw(args: readonly string[], opts?: BwRunOptions): Promise<BwRun>;
  /** `bw config server <url>`, `bw login <email> --passwordenv`, `bw lock`. */
  loginAsUser(): Promise<void>;
  /** `bw unlock` as the user would; returns the session key (test harness only). */
  unlockAsUser(): Promise<string>;
  /** `bw status` parsed: unauthenticated | locked | unlocked. */
  status(): Promise<string>;
  /**
   * Whether the data folder holds an unlocked session: the user key encrypted under a session key
   * (`__PROTECTED__…_user_auto`). `bw lock` removes it; an unlock writes it. Read from the file
   * because `bw status` says "locked" to anyone who lacks the key, so it alone cannot tell.
   */
  hasUnlockedState(): boolean;
  close(): Promise<void>;
}

export async function startBwWorld(
  items: readonly TestLoginItem[] = TEST_ITEMS,
  password = TEST_MASTER_PASSWORD,
): Promise<BwWorld> {
  if (!existsSync(PROJECT_BW)) {
    throw new Error(
      `the real Bitwarden CLI is missing at ${PROJECT_BW}: run \`npm ci\` (@bitwarden/cli is a pinned devDependency)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'bw-world-'));
  const appDataDir = join(dir, 'bw-data');
  const caFile = join(dir, 'ca.pem');
  const tls = makeTestTls();
  writeFileSync(caFile, tls.caPem);
  const account = buildAccount(TEST_EMAIL, password);
  const server = await buildBwTestServer(tls, account, items).start();

  const bw = (args: readonly string[], opts: BwRunOptions = {}) =>
    new Promise<BwRun>((resolve, reject) => {
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        BITWARDENCLI_APPDATA_DIR: appDataDir,
        NODE_EXTRA_CA_CERTS: caFile,
        BW_NOINTERACTION: 'true',
        NO_COLOR: '1',
      };
      if (opts.password !== undefined) env.BW_TEST_PASSWORD = opts.password;
      if (opts.session !== undefined) env.BW_SESSION = opts.session;
      const child = spawn(PROJECT_BW, [...args, '--nointeraction'], {
        env,
        stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
      child.stdin?.end(opts.input);
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });

  const must = async (args: readonly string[], opts?: BwRunOptions) => {
    const run = await bw(args, opts);
    if (run.code !== 0) {
      throw new Error(
        `harness: bw ${args[0] ?? ''} failed (exit ${run.code}): ${run.stderr.trim() || run.stdout.trim()}\n` +
          `server saw: ${server.requests.join(', ')}`,
      );
    }
    return run;
  };

  return {
    server,
    account,
    dir,
    appDataDir,
    caFile,
    bwPath: PROJECT_BW,
    bw,
    async loginAsUser() {
      await must(['config', 'server', server.url]);
      await must(['login', TEST_EMAIL, '--passwordenv', 'BW_TEST_PASSWORD', '--raw'], {
        password,
      });
      await must(['lock']);
    },
    async unlockAsUser() {
      const run = await must(['unlock', '--passwordenv', 'BW_TEST_PASSWORD', '--raw'], {
        password,
      });
      return run.stdout.trim();
    },
    async status() {
      const run = await must(['status']);
      return (JSON.parse(run.stdout) as { status: string }).status;
    },
    hasUnlockedState() {
      const file = join(appDataDir, 'data.json');
      return existsSync(file) && /__PROTECTED__[^"]*_user_auto"/.test(readFileSync(file, 'utf8'));
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
