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
 * A session whose lock needs the event loop (the bw backend must wait for a running `bw` to exit
 * before `bw lock` may start) gives `lockOnSignal`; the signal is then re-sent only once every such
 * lock has settled, and a repeat of the signal meanwhile is absorbed. 'exit' cannot wait: there
 * every session's synchronous `lockNow` runs.
 *
 * The idle window every backend defaults to lives here too.
 */

/** How long an unlocked session may sit unused before it locks itself (every backend). */
export const DEFAULT_IDLE_LOCK_MS = 5 * 60 * 1000;

export type LockReason = 'manual' | 'idle' | 'exit' | 'SIGINT' | 'SIGTERM' | 'replaced';

export interface Lockable {
  /** Must be synchronous: it runs inside 'exit' (and signal handlers without lockOnSignal). */
  lockNow(reason: LockReason): void;
  /** On SIGINT/SIGTERM, instead of lockNow: a lock the process waits for before it ends. */
  lockOnSignal?(reason: 'SIGINT' | 'SIGTERM'): Promise<void>;
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

let signalled = false;

function onSignal(signal: NodeJS.Signals): void {
  if (signalled) return; // already locking for a signal; the process ends when that is done
  const reason = signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM';
  const waits: Promise<void>[] = [];
  for (const session of [...unlocked]) {
    try {
      if (session.lockOnSignal === undefined) {
        unlocked.delete(session);
        session.lockNow(reason);
      } else {
        // Stays tracked until its lock settles: an 'exit' meanwhile still runs its lockNow.
        const done = session.lockOnSignal(reason).catch(() => undefined);
        waits.push(done.then(() => void unlocked.delete(session)));
      }
    } catch {
      // Keep locking the others (as lockAll).
    }
  }
  const finish = () => {
    signalled = false;
    uninstall();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  if (waits.length === 0) return finish();
  signalled = true; // our handler stays installed, so a repeated signal cannot cut the lock short
  void Promise.all(waits).then(finish);
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
  if (unlocked.size === 0 && !signalled) uninstall();
}

/** For tests: are our process handlers installed right now? */
export function lockHandlersInstalled(): boolean {
  return installed;
}
