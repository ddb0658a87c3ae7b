/**
 * Knows when a stream of bytes holds one whole JSON object, without decoding it.
 *
 * Why: `bw` prints its `--response` answer and then stays alive about 2 s before it exits
 * (bitwarden.md §2.5; bw-process.ts). To take the answer when it is complete we must know where it
 * ends — and the answer of `bw list items` holds decrypted passwords, so this scanner never turns
 * the bytes into strings (which could not be wiped) and never keeps them: it tracks only the
 * nesting depth and whether it is inside a string. Feed it the chunks as they arrive.
 *
 * It accepts exactly one top-level object, optionally surrounded by whitespace. Anything else
 * (text before the `{`, a second value after it) makes it give up for good, and the caller falls
 * back to waiting for the process to exit. It checks structure only as far as it must to find the
 * end; JSON.parse still has the last word on validity.
 */
const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

const isWhitespace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

export class JsonObjectEnd {
  #depth = 0;
  #inString = false;
  #escaped = false;
  #state: 'before' | 'inside' | 'complete' | 'gave-up' = 'before';

  /** True once one whole top-level object has been seen (and nothing but whitespace after it). */
  get complete(): boolean {
    return this.#state === 'complete';
  }

  /** Scans `chunk`; returns `complete`. */
  feed(chunk: Uint8Array): boolean {
    for (const byte of chunk) {
      if (this.#state === 'gave-up') return false;
      this.#step(byte);
    }
    return this.complete;
  }

  #step(byte: number): void {
    if (this.#state !== 'inside') {
      if (isWhitespace(byte)) return;
      if (this.#state === 'before' && byte === OPEN) {
        this.#state = 'inside';
        this.#depth = 1;
      } else {
        this.#state = 'gave-up';
      }
      return;
    }
    if (this.#inString) {
      if (this.#escaped) this.#escaped = false;
      else if (byte === BACKSLASH) this.#escaped = true;
      else if (byte === QUOTE) this.#inString = false;
      return;
    }
    if (byte === QUOTE) this.#inString = true;
    else if (byte === OPEN || byte === OPEN_ARRAY) this.#depth += 1;
    else if (byte === CLOSE || byte === CLOSE_ARRAY) {
      this.#depth -= 1;
      if (this.#depth === 0) this.#state = byte === CLOSE ? 'complete' : 'gave-up';
    }
  }
}
