/** Shared by the test/vault-bw tests (not a test file itself). */
import type { VaultErrorCode } from '../../src/vault/errors.js';
import { expectVaultError } from '../vault/helpers.js';

/** Runs `action` and returns the VaultError it must throw with `code` (a bw code included). */
export const expectCode = (action: () => unknown, code: VaultErrorCode) =>
  expectVaultError(action, code);

/**
 * Tees everything written to this process's stdout and stderr while started, so a test can check
 * that nothing our code printed holds a secret. The output still reaches the terminal.
 */
export function captureOutput() {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };
  const tee = (original: typeof process.stdout.write, stream: NodeJS.WriteStream) =>
    function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
      return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    } as typeof process.stdout.write;
  return {
    start() {
      process.stdout.write = tee(originals.out, process.stdout);
      process.stderr.write = tee(originals.err, process.stderr);
    },
    stop() {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
    text: () => chunks.join(''),
  };
}
