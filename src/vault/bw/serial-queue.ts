/**
 * One `bw` call at a time per data folder, across every BwVault in this process. Two reasons
 * (research: bitwarden.md §2.4): every bw write takes a file lock on data.json (concurrent runs
 * spin on it), and a second `bw unlock` replaces the session key the first one handed out.
 */
const tails = new Map<string, Promise<unknown>>();

/** Runs `task` after every task queued earlier under the same key has settled. */
export function serialise<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  // Forget the key once idle, so the map does not grow with every folder ever used.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}

/** For tests: is anything queued or running under `key`? */
export function queueBusy(key: string): boolean {
  return tails.has(key);
}
