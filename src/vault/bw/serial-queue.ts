/**
 * One `bw` process at a time per data folder, across every BwVault in this process. Two reasons
 * (research: bitwarden.md §2.4): every bw write takes a file lock on data.json (concurrent runs
 * spin on it), and a second `bw unlock` replaces the session key the first one handed out.
 *
 * "At a time" means until the process has EXITED, not until its answer arrived: a task hands back
 * its result as soon as it has one (bw answers ~2 s before it exits) and, separately, `done`,
 * which the queue waits for before it starts the next task.
 */
const tails = new Map<string, Promise<unknown>>();

export interface Held<T> {
  /** What the caller waits for. */
  readonly result: Promise<T>;
  /** When the next task of the same key may start (e.g. the bw process exited). */
  readonly done: Promise<unknown>;
}

const ignore = () => undefined;

/** Starts `task` after every task queued earlier under the same key is done. */
export function serialise<T>(key: string, task: () => Held<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const started = previous.then(task);
  const tail = started.then((held) => held.done.then(ignore, ignore), ignore);
  tails.set(key, tail);
  // Forget the key once idle, so the map does not grow with every folder ever used.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return started.then((held) => held.result);
}

/** For tests: is anything queued or running under `key`? */
export function queueBusy(key: string): boolean {
  return tails.has(key);
}
