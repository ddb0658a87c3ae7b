/**
 * Child process for the signal and exit tests. It unlocks a BwVault and says what it is doing on
 * stdout; the test ends it at that point. lifetime.ts must leave the data folder locked whatever
 * the moment. Configuration comes from the environment (the master password too, never argv).
 *
 * SIGNAL_CHILD_MODE:
 *   unlocked   unlock, say "unlocked", idle until a signal
 *   unlocking  say "unlocking", then unlock (the signal lands while `bw unlock` runs)
 *   locking    unlock, look up www.aa.com, start lock() and say "locking" (the signal lands while
 *              the lock waits for the list's bw to exit, or runs)
 *   exit       unlock, start a lookup, and call process.exit(0) while its `bw list` runs
 */
import { BwVault } from '../../src/vault/bw/bw-vault.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`signal-child: ${name} is not set`);
  return value;
};

const vault = new BwVault({
  bwPath: env('SIGNAL_CHILD_BW_PATH'),
  appDataDir: env('SIGNAL_CHILD_APPDATA'),
  extraCaCerts: env('SIGNAL_CHILD_CA'),
});
const password = env('SIGNAL_CHILD_PASSWORD');
delete process.env.SIGNAL_CHILD_PASSWORD;
const mode = process.env.SIGNAL_CHILD_MODE ?? 'unlocked';
const say = (what: string) => process.stdout.write(`${what}\n`);

setInterval(() => undefined, 60_000); // stay alive until the test ends us
if (mode === 'unlocking') say('unlocking');
const session = await vault.unlock(password).catch((error: { code?: string }) => {
  say(`unlock refused: ${error.code}`); // e.g. the signal came first: idle until the lock is done
  return undefined;
});
if (session === undefined) await new Promise(() => undefined);
else if (mode === 'unlocked' || mode === 'unlocking') say('unlocked');
if (mode === 'locking') {
  await session?.lookup('www.aa.com');
  void vault.lock().catch(() => undefined);
  say('locking');
}
if (mode === 'exit') {
  void session?.lookup('www.aa.com').catch(() => undefined);
  setTimeout(() => process.exit(0), 300);
}
