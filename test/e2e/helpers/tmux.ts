/**
 * Drives a command in a real pseudo-terminal through tmux, the way a human would: type, press
 * Enter, read the screen. Each session runs on its own tmux server socket (tmux -L), so tests never
 * touch anyone else's tmux, and kill() ends exactly the server it started.
 *
 * Everything the program writes to the terminal is also copied to `raw.log` with pipe-pane; the
 * program waits on a gate file until that copy is running, so not a byte is missed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

let counter = 0;

export interface TmuxRunOptions {
  /** The shell command to run (already quoted for sh). */
  readonly command: string;
  readonly cwd: string;
  /** Scratch directory for the run script, gate file, raw log and exit code. */
  readonly dir: string;
  readonly env?: Readonly<Record<string, string>>;
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

export class TmuxSession {
  readonly name: string;
  readonly socket: string;
  readonly rawLogPath: string;
  readonly #exitPath: string;
  #socketPath = '';

  private constructor(name: string, dir: string) {
    this.name = name;
    this.socket = name;
    this.rawLogPath = join(dir, 'raw.log');
    this.#exitPath = join(dir, 'exit-code');
  }

  static start(opts: TmuxRunOptions): TmuxSession {
    counter += 1;
    const name = `acr-e2e-${process.pid}-${counter}`;
    const session = new TmuxSession(name, opts.dir);
    const gate = join(opts.dir, 'gate');
    const exports = Object.entries(opts.env ?? {})
      .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
      .join('\n');
    const script = join(opts.dir, 'run.sh');
    writeFileSync(
      script,
      `cd ${shellQuote(opts.cwd)}
${exports}
while [ ! -e ${shellQuote(gate)} ]; do sleep 0.02; done
${opts.command}
code=$?
echo "$code" > ${shellQuote(session.#exitPath)}
echo "[exit $code]"
sleep 600
`,
    );
    session.#tmux([
      'new-session',
      '-d',
      '-s',
      name,
      '-x',
      '160',
      '-y',
      '48',
      `sh ${shellQuote(script)}`,
    ]);
    session.#tmux(['set-option', '-t', name, 'history-limit', '5000']);
    session.#socketPath = session.#tmux(['display-message', '-p', '#{socket_path}']).trim();
    session.#tmux(['pipe-pane', '-t', name, '-o', `cat >> ${shellQuote(session.rawLogPath)}`]);
    writeFileSync(gate, '');
    return session;
  }

  #tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** The whole pane, scrollback included, with wrapped lines joined. */
  screen(): string {
    return this.#tmux(['capture-pane', '-p', '-J', '-S', '-', '-t', this.name]);
  }

  /** Types text literally (tmux send-keys -l), then Enter as its own key. */
  type(text: string): void {
    if (text !== '') this.#tmux(['send-keys', '-t', this.name, '-l', text]);
    this.#tmux(['send-keys', '-t', this.name, 'Enter']);
  }

  key(name: string): void {
    this.#tmux(['send-keys', '-t', this.name, name]);
  }

  /** Polls the screen until `pattern` appears; the error shows the screen it gave up on. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (pattern.test(last)) return last;
      await sleep(50);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${pattern}; screen:\n${last}`);
  }

  /** Waits for the program to end and returns its exit code. */
  async exitCode(timeoutMs = 20_000): Promise<number> {
    await this.waitFor(/\[exit \d+\]/, timeoutMs);
    const deadline = Date.now() + 2000;
    while (!existsSync(this.#exitPath) && Date.now() < deadline) await sleep(20);
    return Number(readFileSync(this.#exitPath, 'utf8').trim());
  }

  rawLog(): string {
    return existsSync(this.rawLogPath) ? readFileSync(this.rawLogPath, 'utf8') : '';
  }

  /** Ends this session's own tmux server (and so the program in it). Safe to call twice. */
  kill(): void {
    try {
      this.#tmux(['kill-server']);
    } catch {
      // already gone
    }
    // kill-server leaves the socket file behind; it is ours, so tidy it up.
    if (this.#socketPath !== '') rmSync(this.#socketPath, { force: true });
  }
}
