/**
 * Progress lines for the one-terminal demo. Plain text (no colour codes) so captures and logs stay
 * readable; nothing passed here may be a secret, and the callers only pass names, URLs and times.
 */
export interface Progress {
  step(text: string): void;
  ok(text: string): void;
  fail(text: string): void;
}

export function terminalProgress(
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Progress {
  return {
    step: (text) => out.write(`• ${text}\n`),
    ok: (text) => out.write(`✓ ${text}\n`),
    fail: (text) => err.write(`✗ ${text}\n`),
  };
}

export const ms = (value: number) => `${Math.round(value)} ms`;
