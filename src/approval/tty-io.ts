/**
 * ApprovalIO over the process's terminal. Every read puts stdin in raw mode and does its own line
 * editing, so the no-echo password prompt and the echoed prompts work the same way, Ctrl-C is
 * seen as a keystroke (not a signal that could skip cleanup), and the terminal is always restored.
 */
import type { ReadStream } from 'node:tty';
import { ApprovalError } from './errors.js';
import type { ApprovalIO } from './io.js';

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\x7f', '\b']);
const CTRL_C = '\x03';
const CTRL_D = '\x04';
const CTRL_U = '\x15';
const ESC = '\x1b';

export class TtyApprovalIO implements ApprovalIO {
  readonly #input: ReadStream;
  readonly #output: NodeJS.WriteStream;
  /** Keys typed ahead of a prompt (e.g. a pasted "y<Enter>"), kept for the next read. */
  #pending = '';
  readonly #restore = () => {
    if (this.#input.isRaw) this.#input.setRawMode(false);
  };

  private constructor(input: ReadStream, output: NodeJS.WriteStream) {
    this.#input = input;
    this.#output = output;
    process.once('exit', this.#restore);
  }

  /** Refuses to run without a terminal: approval must come from a human at a keyboard. */
  static open(
    input: NodeJS.ReadStream = process.stdin,
    output: NodeJS.WriteStream = process.stdout,
  ): TtyApprovalIO {
    if (!input.isTTY || !output.isTTY) {
      throw new ApprovalError(
        'APPROVAL_ERR_NOT_A_TTY',
        'the approval prompt needs an interactive terminal (stdin and stdout must be a TTY); ' +
          'run it in a terminal, there is no non-interactive approval',
      );
    }
    return new TtyApprovalIO(input as ReadStream, output);
  }

  write(text: string): void {
    this.#output.write(text);
  }

  ask(question: string): Promise<string> {
    return this.#readLine(question, true);
  }

  askSecret(question: string): Promise<string> {
    return this.#readLine(question, false);
  }

  close(): void {
    this.#restore();
    this.#input.pause();
    process.removeListener('exit', this.#restore);
  }

  #readLine(question: string, echo: boolean): Promise<string> {
    this.#output.write(question);
    return new Promise((resolve, reject) => {
      let line = '';
      const finish = (result: () => void) => {
        this.#input.removeListener('data', onData);
        this.#restore();
        this.#input.pause();
        result();
      };
      const consume = (keys: string): boolean => {
        const chars = [...keys];
        for (let i = 0; i < chars.length; i += 1) {
          const ch = chars[i] ?? '';
          if (ENTER.has(ch)) {
            // A CRLF pair counts as one Enter.
            const rest = chars.slice(ch === '\r' && chars[i + 1] === '\n' ? i + 2 : i + 1);
            this.#pending = rest.join('');
            this.#output.write('\n');
            finish(() => resolve(line));
            return true;
          }
          if (ch === CTRL_C || (ch === CTRL_D && line === '')) {
            this.#pending = '';
            this.#output.write(ch === CTRL_C ? '^C\n' : '\n');
            finish(() =>
              reject(new ApprovalError('APPROVAL_ERR_INTERRUPTED', 'the prompt was interrupted')),
            );
            return true;
          }
          if (BACKSPACE.has(ch)) {
            if (line !== '') {
              line = [...line].slice(0, -1).join('');
              if (echo) this.#output.write('\b \b');
            }
          } else if (ch === CTRL_U) {
            if (echo) this.#output.write('\b \b'.repeat([...line].length));
            line = '';
          } else if (ch === ESC) {
            // Arrow keys and friends arrive as one escape sequence per chunk: drop the rest.
            return false;
          } else if (ch >= ' ') {
            line += ch;
            if (echo) this.#output.write(ch);
          }
        }
        return false;
      };
      const onData = (chunk: Buffer | string) => {
        consume(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      };
      const typedAhead = this.#pending;
      this.#pending = '';
      if (consume(typedAhead)) return;
      this.#input.setRawMode(true);
      this.#input.on('data', onData);
      this.#input.resume();
    });
  }
}
