/**
 * Locks every unlocked vault session when the process ends. `finally` blocks do not run when a
 * signal kills the process, so this installs handlers for 'exit', SIGINT and SIGTERM while at least
 * one session is unlocked, and removes them when the last one locks (a locked vault leaves the
 * process's signal behaviour exactly as it found it).
 *
 * On a signal: lock everything, remove our handlers, then, if nobody else listens for that
 * signal, send it again so the default action ends the process with the conventional status
 * (128 + signal number, e.g. 143 for SIGTERM). If the application has its own handler, it runs
 * next (ours is prepended, so the vault is already locked) and decides what happens.
 *
 * The idle window every backend defaults to lives here too.
 */

/** How long an unlocked session may sit unused before it locks itself (every backend). */
export const DEFAULT_IDLE_LOCK_MS = 5 * 60 * 1000;

export type LockReason = 'manual' | 'idle' | 'exit' | 'SIGINT' | 'SIGTERM' | 'replaced';

export interface Lockable {
  /** Must be synchronous: it runs inside 'exit' and signal handlers. */
  lockNow(reason: LockReason): void;
}

const unlocked = new Set<Lockable>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

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

function onSignal(signal: NodeJS.Signals): void {
  lockAll(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
  uninstall();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
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
  if (unlocked.size === 0) uninstall();
}

/** For tests: are our process handlers installed right now? */
export function lockHandlersInstalled(): boolean {
  return installed;
}
