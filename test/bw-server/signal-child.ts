/**
 * Child process for the signal test: unlocks a BwVault, says "unlocked", then idles until a signal.
 * lifetime.ts must then run `bw lock` before the process dies. Configuration comes from the
 * environment (the master password too, never argv).
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
await vault.unlock(password);
process.stdout.write('unlocked\n');
setInterval(() => undefined, 60_000); // stay alive until the signal
