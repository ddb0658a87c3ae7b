/**
 * Locks every unlocked vault session when the process ends. `finally` blocks do not run when a
 * signal kills the process, so this installs handlers for 'exit', SIGINT, SIGTERM and SIGHUP (the
 * terminal closed) while at least one session is unlocked, and removes them when the last one
 * locks (a locked vault leaves the process's signal behaviour exactly as it found it).
 *
 * On a signal: lock everything, remove our handlers, then, if nobody else listens for that
 * signal, send it again so the default action ends the process with the conventional status
 * (128 + signal number, e.g. 143 for SIGTERM). If the application has its own handler, it runs
 * next and decides what happens; ours is prepended, so every synchronous lock (the embedded
 * vault) has already happened by then.
 *
 * A session whose lock needs the event loop (the bw backend must wait for a running `bw` to exit
 * before `bw lock` may start) gives `lockOnSignal`; the signal is sent again only once every such
 * lock has settled. The same signal again meanwhile is the way out for an impatient human: every
 * waiting session then locks the blocking way (`lockNow`) and the process ends at once. 'exit'
 * cannot wait at all: there every session's synchronous `lockNow` runs.
 *
 * The idle window every backend defaults to lives here too.
 */

/** How long an unlocked session may sit unused before it locks itself (every backend). */
export const DEFAULT_IDLE_LOCK_MS = 5 * 60 * 1000;

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type LockSignal = (typeof SIGNALS)[number];

export type LockReason = 'manual' | 'idle' | 'exit' | LockSignal | 'replaced';

export interface Lockable {
  /** Must be synchronous: it runs inside 'exit' (and signal handlers without lockOnSignal). */
  lockNow(reason: LockReason): void;
  /** On a signal, instead of lockNow: a lock the process waits for before it ends. */
  lockOnSignal?(reason: LockSignal): Promise<void>;
}

const unlocked = new Set<Lockable>();

function lockAll(reason: LockReason): void {
  for (const session of [...unlocked]) {
    try {
      session.lockNow(reason);
    } catch {
      // Keep locking the others; a failing onLock callback must not leave a vault open.
    }
  }
  unlocked.clear();
}

function onExit(): void {
  lockAll('exit');
}

/** The signal whose waiting locks are under way, if any. */
let pending: LockSignal | undefined;

const asLockSignal = (signal: NodeJS.Signals): LockSignal =>
  (SIGNALS as readonly string[]).includes(signal) ? (signal as LockSignal) : 'SIGTERM';

/** Sends `signal` again if nobody else handles it: the default action ends the process. */
function finish(signal: LockSignal): void {
  pending = undefined;
  if (unlocked.size === 0) uninstall();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function onSignal(received: NodeJS.Signals): void {
  const signal = asLockSignal(received);
  if (pending !== undefined) {
    // Asked again while locks wait: lock the blocking way now, and go.
    lockAll(signal);
    return finish(pending);
  }
  const waits: Promise<void>[] = [];
  for (const session of [...unlocked]) {
    try {
      if (session.lockOnSignal === undefined) {
        unlocked.delete(session);
        session.lockNow(signal);
      } else {
        // Stays tracked until its lock settles: an 'exit' or a repeated signal meanwhile still
        // reaches its lockNow.
        const done = session.lockOnSignal(signal).catch(() => undefined);
        waits.push(done.then(() => void unlocked.delete(session)));
      }
    } catch {
      // Keep locking the others (as lockAll).
    }
  }
  if (waits.length === 0) return finish(signal);
  pending = signal; // our handler stays installed, so a repeat reaches us, not the default action
  void Promise.all(waits).then(() => {
    if (pending === signal) finish(signal);
  });
}

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  // Prepended: the vault locks before any handler of the application runs (which might hang).
  process.prependListener('exit', onExit);
  for (const signal of SIGNALS) process.prependListener(signal, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.removeListener('exit', onExit);
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}

export function trackUnlocked(session: Lockable): void {
  unlocked.add(session);
  install();
}

export function untrack(session: Lockable): void {
  unlocked.delete(session);
  if (unlocked.size === 0 && pending === undefined) uninstall();
}

/** For tests: are our process handlers installed right now? */
export function lockHandlersInstalled(): boolean {
  return installed;
}
