/**
 * Approve → credential in hand through BwVault and the REAL `bw`, against the local HTTPS test
 * server (test/bw-server). Not part of the harness's batched micro-benchmarks: one op is several
 * `bw` processes of 1.5–4 s each, so it runs a few plain rounds:
 *
 *   first request   unlock + lookup (bw list items --url) + credential (the pick: no bw process)
 *   back to back    a second request at once: its bw list waits for the previous bw to exit
 *   later request   lookup + credential, inside the unlocked window (no unlock), no bw running
 *   lock            bw lock (off the request path: idle window, exit, or after the login)
 *
 * Each answer is taken when bw has printed it; bw then lingers ~2 s before it exits, and the next
 * bw of the folder waits for that exit (serial-queue.ts). A real later request comes after a
 * human's Y, seconds later, so "later request" waits for the queue to be idle first; "back to
 * back" shows the worst case.
 *
 * Every round checks the credential is the right one, so a broken path cannot report a time.
 * Run: `npm run bench -- --vault-bw 5` (5 rounds).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { BwVault } from '../../src/vault/bw/bw-vault.js';
import { queueBusy } from '../../src/vault/bw/serial-queue.js';
import { ID, TEST_MASTER_PASSWORD } from '../../test/bw-server/fixture.js';
import { startBwWorld } from '../../test/bw-server/harness.js';
import { fmt, stats } from '../harness.js';

const HOST = 'www.aa.com';

interface Round {
  unlock: number;
  list1: number;
  pick1: number;
  back: number;
  list2: number;
  pick2: number;
  lock: number;
}

const load = (avg: readonly number[]) => avg.map((v) => v.toFixed(2)).join(' ');

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

/** Until the last bw of the folder has exited (it answered ~2 s before). */
async function bwIdle(folder: string): Promise<void> {
  while (queueBusy(folder)) await new Promise((r) => setTimeout(r, 10));
}

async function request(vault: BwVault): Promise<{ list: number; pick: number }> {
  const session = vault.current();
  if (session === undefined) throw new Error('bench: the session should still be unlocked');
  const [matches, list] = await timed(() => session.lookup(HOST));
  if (!matches.some((m) => m.item.id === ID.wwwAa)) throw new Error('bench: no match for www');
  const [credential, pick] = await timed(() => session.credential(ID.wwwAa));
  const ok = credential.use((c) => c.username === 'www-member-1187');
  credential.wipe();
  if (!ok) throw new Error('bench: the wrong credential came back');
  return { list, pick };
}

export async function vaultBwReport(rounds: number, log: (msg: string) => void): Promise<string> {
  const world = await startBwWorld();
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const runs: Round[] = [];
  try {
    const [, login] = await timed(() => world.loginAsUser());
    log(`vault-bw: logged in (config server + login + lock: ${fmt(login)} ms)`);
    for (let i = 1; i <= rounds; i++) {
      const vault = new BwVault({
        bwPath: world.bwPath,
        appDataDir: world.appDataDir,
        extraCaCerts: world.caFile,
      });
      const [, unlock] = await timed(() => vault.unlock(TEST_MASTER_PASSWORD));
      const first = await request(vault);
      const back = await request(vault);
      await bwIdle(world.appDataDir);
      const later = await request(vault);
      await bwIdle(world.appDataDir);
      const [, lock] = await timed(() => vault.lock());
      runs.push({
        unlock,
        list1: first.list,
        pick1: first.pick,
        back: back.list + back.pick,
        list2: later.list,
        pick2: later.pick,
        lock,
      });
      log(`vault-bw: round ${i}/${rounds}`);
    }
  } finally {
    await world.close();
  }
  const m = (pick: (r: Round) => number) => {
    const s = stats(runs.map(pick));
    return [`**${fmt(s.median)}**`, `${fmt(s.min)}–${fmt(s.max)}`];
  };
  const row = (name: string, pick: (r: Round) => number) => `| ${name} | ${m(pick).join(' | ')} |`;
  return [
    `## bw vault backend: approve → credential in hand (${rounds} rounds)`,
    '',
    `${startedAt.toISOString()} · node ${process.version} · ${os.cpus().length} cores · load ` +
      `${load(loadBefore)} before, ${load(os.loadavg())} after · bw ${world.bwPath}`,
    '',
    '| step | median ms | min–max ms |',
    '| --- | ---: | ---: |',
    row('bw unlock (unlock())', (r) => r.unlock),
    row('bw list items --url (lookup(), first request)', (r) => r.list1),
    row('pick (credential(), first request; no bw process)', (r) => r.pick1),
    row('**first request: unlock + list + pick**', (r) => r.unlock + r.list1 + r.pick1),
    row('bw list items --url (lookup(), later request)', (r) => r.list2),
    row('pick (credential(), later request; no bw process)', (r) => r.pick2),
    row('**later request in the unlocked window: list + pick**', (r) => r.list2 + r.pick2),
    row('back to back: a request while the previous bw still exits', (r) => r.back),
    row('bw lock, no bw running (off the request path)', (r) => r.lock),
    '',
  ].join('\n');
}
