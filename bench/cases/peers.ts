/**
 * For comparison only: full login exchanges of PAKE libraries a user could pick instead of our
 * SPAKE2 (perf-anchors.md §2, §6). Each op is the whole exchange, client and server in one
 * process, messages serialized as they would cross a wire; the client's and server's shares are
 * reported as parts. One-time setup (SRP verifier, OPAQUE registration) is done before timing.
 * Each peer's exchange is checked to succeed (both sides derive the same key) before it is timed,
 * and every timed run checks it again.
 *
 *   fast-srp-hap           SRP-6a, RFC 5054 3072-bit group, SHA-512 (HAP). It has no MHF at
 *                          all (x = H(s | H(I:P))), so its default is also its minimum.
 *   @cloudflare/opaque-ts  OPAQUE draft-07 on P-256 (sjcl). Default MHF: scrypt N=2^15, r=8,
 *                          p=1 (client only); minimum: IdentityMemHardFn (no MHF).
 *   @serenity-kit/opaque   OPAQUE (opaque-ke, ristretto255) in WASM. Default key stretching
 *                          "memory-constrained" = argon2id m=64 MiB, t=3, p=4 (client only);
 *                          minimum: argon2id m=8 KiB, t=1, p=1.
 */
import { randomBytes } from 'node:crypto';
import {
  getOpaqueConfig,
  IdentityMemHardFn,
  KE1,
  KE2,
  KE3,
  OpaqueClient,
  OpaqueServer,
  RegistrationRecord,
  type Config,
  type MemoryHardFn,
} from '@cloudflare/opaque-ts';
import * as serenity from '@serenity-kit/opaque';
import { SRP, SrpClient, SrpServer } from 'fast-srp-hap';
import { timed, timedAsync, type Case, type Parts } from '../harness.js';

const PASSWORD = 'correct horse battery staple';
const USER = 'alice@example.com';

function same(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (
    a.length === 0 ||
    Buffer.compare(Buffer.from(a as Uint8Array), Buffer.from(b as Uint8Array)) !== 0
  ) {
    throw new Error(`${what}: client and server keys differ`);
  }
}

function fail(r: unknown, what: string): never {
  throw new Error(`${what} failed: ${r instanceof Error ? r.message : String(r)}`);
}

// ---------------------------------------------------------------- fast-srp-hap

function srpPeer(): Case {
  const params = SRP.params.hap;
  const salt = randomBytes(16);
  const I = Buffer.from(USER);
  const verifier = SRP.computeVerifier(params, salt, I, Buffer.from(PASSWORD));
  const exchange = (parts?: Parts): void => {
    const t = <T>(label: string, fn: () => T): T => (parts ? timed(parts, label, fn) : fn());
    const server = t('server', () => {
      const s = new SrpServer(params, { username: I, salt, verifier }, randomBytes(32));
      return s;
    });
    const B = t('server', () => server.computeB());
    const client = t(
      'client',
      () => new SrpClient(params, salt, I, Buffer.from(PASSWORD), randomBytes(32), true),
    );
    const A = t('client', () => client.computeA());
    const M1 = t('client', () => {
      client.setB(B);
      return client.computeM1();
    });
    const M2 = t('server', () => {
      server.setA(A);
      server.checkM1(M1); // throws on a wrong password
      return server.computeM2();
    });
    const kc = t('client', () => {
      client.checkM2(M2);
      return client.computeK();
    });
    same(kc, server.computeK(), 'fast-srp-hap');
  };
  exchange(); // must succeed before it is timed
  // …and a wrong password must fail, so a "success" means something.
  const server = new SrpServer(params, { username: I, salt, verifier }, randomBytes(32));
  const client = new SrpClient(params, salt, I, Buffer.from('wrong'), randomBytes(32), true);
  client.setB(server.computeB());
  server.setA(client.computeA());
  let rejected = false;
  try {
    server.checkM1(client.computeM1());
  } catch {
    rejected = true;
  }
  if (!rejected) throw new Error('fast-srp-hap accepted a wrong password');
  return {
    section: 'peers',
    name: 'fast-srp-hap: SRP-6a 3072-bit (hap), verifier stored; no MHF (default = minimum)',
    op: (parts: Parts) => exchange(parts),
  };
}

// ---------------------------------------------------------------- @cloudflare/opaque-ts

const P256_OPAQUE = 3; // OpaqueID.OPAQUE_P256 (a TS enum in the library; the value is stable)

async function cloudflareSetup(cfg: Config, memHard: MemoryHardFn | undefined) {
  const seed = cfg.prng.random(cfg.hash.Nh);
  const akeKeys = await cfg.ake.generateAuthKeyPair();
  const server = new OpaqueServer(cfg, seed, akeKeys);
  const regClient = memHard ? new OpaqueClient(cfg, memHard) : new OpaqueClient(cfg);
  const request = await regClient.registerInit(PASSWORD);
  if (request instanceof Error) fail(request, 'opaque-ts registerInit');
  const response = await server.registerInit(request, USER);
  if (response instanceof Error) fail(response, 'opaque-ts server registerInit');
  const finished = await regClient.registerFinish(response);
  if (finished instanceof Error) fail(finished, 'opaque-ts registerFinish');
  // The server keeps the record serialized, as it would in a database.
  const stored = finished.record.serialize();
  return { server, stored };
}

async function cloudflarePeer(memHard: MemoryHardFn | undefined, label: string): Promise<Case> {
  const cfg = getOpaqueConfig(P256_OPAQUE);
  const { server, stored } = await cloudflareSetup(cfg, memHard);
  const exchange = async (parts?: Parts): Promise<void> => {
    const t = <T>(l: string, fn: () => Promise<T>): Promise<T> =>
      parts ? timedAsync(parts, l, fn) : fn();
    const client = memHard ? new OpaqueClient(cfg, memHard) : new OpaqueClient(cfg);
    const ke1 = await t('client', async () => {
      const r = await client.authInit(PASSWORD);
      if (r instanceof Error) fail(r, 'opaque-ts authInit');
      return r.serialize();
    });
    const { ke2, expected } = await t('server', async () => {
      const record = RegistrationRecord.deserialize(cfg, stored);
      const r = await server.authInit(KE1.deserialize(cfg, ke1), record, USER);
      if (r instanceof Error) fail(r, 'opaque-ts server authInit');
      return { ke2: r.ke2.serialize(), expected: r.expected };
    });
    const fin = await t('client', async () => {
      const r = await client.authFinish(KE2.deserialize(cfg, ke2));
      if (r instanceof Error) fail(r, 'opaque-ts authFinish (wrong password?)');
      return { ke3: r.ke3.serialize(), key: r.session_key };
    });
    const serverKey = await t('server', async () => {
      const r = server.authFinish(KE3.deserialize(cfg, fin.ke3), expected);
      if (r instanceof Error) fail(r, 'opaque-ts server authFinish');
      return r.session_key;
    });
    same(fin.key, serverKey, '@cloudflare/opaque-ts');
  };
  await exchange(); // must succeed before it is timed
  // …and a wrong password must fail, so a "success" means something.
  const wrongClient = memHard ? new OpaqueClient(cfg, memHard) : new OpaqueClient(cfg);
  const ke1 = await wrongClient.authInit('wrong');
  if (ke1 instanceof Error) fail(ke1, 'opaque-ts authInit');
  const r2 = await server.authInit(ke1, RegistrationRecord.deserialize(cfg, stored), USER);
  if (r2 instanceof Error) fail(r2, 'opaque-ts server authInit');
  if (!((await wrongClient.authFinish(r2.ke2)) instanceof Error)) {
    throw new Error('@cloudflare/opaque-ts accepted a wrong password');
  }
  return {
    section: 'peers',
    name: `@cloudflare/opaque-ts: OPAQUE-07 P-256, ${label}`,
    op: (parts: Parts) => exchange(parts),
  };
}

// ---------------------------------------------------------------- @serenity-kit/opaque

type KeyStretching = NonNullable<serenity.client.FinishLoginParams['keyStretching']>;

function serenityPeer(serverSetup: string, keyStretching: KeyStretching, label: string): Case {
  const reg = serenity.client.startRegistration({ password: PASSWORD });
  const { registrationResponse } = serenity.server.createRegistrationResponse({
    serverSetup,
    userIdentifier: USER,
    registrationRequest: reg.registrationRequest,
  });
  const { registrationRecord } = serenity.client.finishRegistration({
    password: PASSWORD,
    registrationResponse,
    clientRegistrationState: reg.clientRegistrationState,
    keyStretching,
  });
  const exchange = (parts?: Parts): void => {
    const t = <T>(l: string, fn: () => T): T => (parts ? timed(parts, l, fn) : fn());
    const start = t('client', () => serenity.client.startLogin({ password: PASSWORD }));
    const srv = t('server', () =>
      serenity.server.startLogin({
        serverSetup,
        userIdentifier: USER,
        registrationRecord,
        startLoginRequest: start.startLoginRequest,
      }),
    );
    const fin = t('client', () =>
      serenity.client.finishLogin({
        clientLoginState: start.clientLoginState,
        loginResponse: srv.loginResponse,
        password: PASSWORD,
        keyStretching,
      }),
    );
    if (fin === undefined) throw new Error('@serenity-kit/opaque: login failed');
    const done = t('server', () =>
      serenity.server.finishLogin({
        serverLoginState: srv.serverLoginState,
        finishLoginRequest: fin.finishLoginRequest,
      }),
    );
    if (fin.sessionKey.length === 0 || fin.sessionKey !== done.sessionKey) {
      throw new Error('@serenity-kit/opaque: client and server keys differ');
    }
  };
  exchange(); // must succeed before it is timed
  // …and a wrong password must fail, so a "success" means something.
  const start = serenity.client.startLogin({ password: 'wrong' });
  const srv = serenity.server.startLogin({
    serverSetup,
    userIdentifier: USER,
    registrationRecord,
    startLoginRequest: start.startLoginRequest,
  });
  const wrong = serenity.client.finishLogin({
    clientLoginState: start.clientLoginState,
    loginResponse: srv.loginResponse,
    password: 'wrong',
    keyStretching,
  });
  if (wrong !== undefined) throw new Error('@serenity-kit/opaque accepted a wrong password');
  return {
    section: 'peers',
    name: `@serenity-kit/opaque (WASM): OPAQUE ristretto255, ${label}`,
    op: (parts: Parts) => exchange(parts),
  };
}

/** Builds (and checks) every peer case; slow: registrations run the MHFs once. */
export async function peerCases(): Promise<Case[]> {
  await serenity.ready;
  const serverSetup = serenity.server.createSetup();
  return [
    srpPeer(),
    await cloudflarePeer(undefined, 'default MHF (scrypt N=2^15, r=8, p=1)'),
    await cloudflarePeer(IdentityMemHardFn, 'minimal MHF (IdentityMemHardFn: none)'),
    serenityPeer(serverSetup, 'memory-constrained', 'default MHF (argon2id m=64 MiB, t=3, p=4)'),
    serenityPeer(
      serverSetup,
      { 'argon2id-custom': { iterations: 1, memory: 8, parallelism: 1 } },
      'minimal MHF (argon2id m=8 KiB, t=1, p=1)',
    ),
  ];
}
