/**
 * Server-side sessions: the cookie carries only a random id, everything else stays in this map,
 * so a browser (or an agent reading the page) never holds more than an opaque token.
 */
import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'DEMOAIR_SESSION';

export interface AirlineSession {
  readonly username: string;
  readonly displayName: string;
  readonly expiresAt: number;
}

export class SessionStore {
  readonly #sessions = new Map<string, AirlineSession>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(ttlMs: number, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** 32 random bytes: unguessable, and nothing in it is derived from the account. */
  create(username: string, displayName: string): string {
    const id = randomBytes(32).toString('base64url');
    this.#sessions.set(id, { username, displayName, expiresAt: this.#now() + this.#ttlMs });
    return id;
  }

  get(id: string | undefined): AirlineSession | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (session === undefined) return undefined;
    if (session.expiresAt <= this.#now()) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.#sessions.delete(id);
  }

  get size(): number {
    return this.#sessions.size;
  }
}

/** Reads one cookie from a Cookie header without a cookie plugin (the project has none). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function sessionCookie(id: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
