/**
 * Everything an end-to-end run produced — screens, the raw terminal stream, every file the run
 * wrote (audit log, its key, screenshots) — kept for the final search for secrets.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import type { TmuxSession } from './tmux.js';

export class Evidence {
  readonly pieces: { what: string; text: string }[] = [];

  /** Keeps the session's screen and stream and every file in `dir`; returns the screen. */
  collect(session: TmuxSession, dir: string): string {
    const screen = session.screen();
    this.add(`${session.name} screen`, screen);
    this.add(`${session.name} raw terminal stream`, session.rawLog());
    for (const file of readdirSync(dir)) {
      const path = join(dir, file);
      if (statSync(path).isFile())
        this.add(`${session.name} ${file}`, readFileSync(path, 'latin1'));
    }
    return screen;
  }

  add(what: string, text: string): void {
    this.pieces.push({ what, text });
  }

  /**
   * The search is only worth something over real output: at least `minPieces`, and each marker
   * (a prompt, an audit event) present somewhere. Then: no secret anywhere.
   */
  assertNoSecrets(secrets: readonly string[], minPieces: number, markers: readonly string[]): void {
    assert.ok(this.pieces.length >= minPieces, 'the runs above left their evidence');
    for (const marker of markers) {
      assert.ok(
        this.pieces.some((p) => p.text.includes(marker)),
        `no evidence holds ${marker}`,
      );
    }
    assert.ok(
      secrets.length > 0 && secrets.every((s) => s.length >= 6),
      'real secrets to search for',
    );
    const hits = this.pieces.flatMap(({ what, text }) =>
      secrets
        .filter((secret) => text.includes(secret))
        .map((secret) => `${what} contains ${secret.slice(0, 3)}…`),
    );
    assert.equal(hits, []);
  }
}
