/**
 * The smallest Bitwarden server the real `bw` 2026.6 accepts (research: bitwarden.md §3), over
 * HTTPS on 127.0.0.1 and a free port. Routes:
 *
 *   GET  /api/config                              static config (stops noise and a retry per run)
 *   POST /identity/accounts/prelogin[/password]    KDF parameters, old and new field spellings
 *   POST /identity/connect/token                  password and refresh_token grants
 *   GET  /api/sync                                profile + the account's ciphers
 *   GET  /api/accounts/revision-date              a fixed number, so a plain `bw sync` is a no-op
 *   POST /api/accounts/key-management/user-key-id 2026.9+ only; 200
 *   POST /api/ciphers/import                      `bw import`: decrypted and added to the vault
 *
 * Unknown routes answer 404 JSON and are recorded, so a CLI upgrade that needs more shows up in
 * `requests` instead of as a hang. Built by a function; nothing listens until start().
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decryptText, encryptCipher, passwordHashMatches } from './account.js';
import type { TestAccount, TestLoginItem } from './account.js';
import type { TestTls } from './certs.js';

export interface ImportedItem {
  readonly name: string | undefined;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly uris: readonly (string | undefined)[];
}

export interface BwTestServer {
  /** https://127.0.0.1:PORT (the certificate also names localhost). */
  readonly url: string;
  /** "METHOD path" of every request, in order, for diagnosing a failing run. */
  readonly requests: readonly string[];
  /** What `bw import` sent, decrypted with the account's user key. */
  readonly imported: readonly ImportedItem[];
  close(): Promise<void>;
}

const REVISION_DATE = Date.parse('2026-01-01T00:00:00Z');
const TOKEN_LIFETIME_S = 3600;

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** JWT-shaped access token: the CLI reads the claims but never checks the signature. */
function accessToken(account: TestAccount): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: account.userId,
    email: account.email,
    email_verified: true,
    name: 'Test User',
    premium: false,
    nbf: now - 60,
    exp: now + TOKEN_LIFETIME_S,
    iss: 'bw-test-server',
  };
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.test`;
}

function tokenResponse(account: TestAccount): Record<string, unknown> {
  const kdf = { KdfType: 0, Iterations: account.kdfIterations };
  return {
    access_token: accessToken(account),
    token_type: 'Bearer',
    expires_in: TOKEN_LIFETIME_S,
    refresh_token: randomBytes(32).toString('hex'),
    scope: 'api offline_access',
    Key: account.wrappedUserKey,
    PrivateKey: account.wrappedPrivateKey,
    Kdf: 0,
    KdfIterations: account.kdfIterations,
    ForcePasswordReset: false,
    ResetMasterPassword: false,
    AccountKeys: {
      publicKeyEncryptionKeyPair: {
        wrappedPrivateKey: account.wrappedPrivateKey,
        publicKey: account.publicKey,
      },
    },
    UserDecryptionOptions: {
      HasMasterPassword: true,
      MasterPasswordUnlock: {
        Kdf: kdf,
        MasterKeyEncryptedUserKey: account.wrappedUserKey,
        MasterKeyWrappedUserKey: account.wrappedUserKey,
        Salt: account.email.toLowerCase(),
      },
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}

const loginError = (message: string) => ({
  error: 'invalid_grant',
  error_description: 'invalid_username_or_password',
  ErrorModel: { Message: message, Object: 'error' },
});

interface ImportBody {
  ciphers?: {
    name?: unknown;
    notes?: unknown;
    fields?: unknown;
    login?: {
      username?: unknown;
      password?: unknown;
      uris?: { uri?: unknown; match?: unknown }[];
    };
  }[];
}

export function buildBwTestServer(
  tls: TestTls,
  account: TestAccount,
  items: readonly TestLoginItem[],
) {
  const ciphers = items.map((item) => encryptCipher(account, item));
  const requests: string[] = [];
  const imported: ImportedItem[] = [];
  const refreshTokens = new Set<string>();
  const authorised = (req: IncomingMessage) =>
    /^Bearer [\w-]+\.[\w-]+\./.test(req.headers.authorization ?? '');

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push(`${req.method ?? '?'} ${path}`);
    const body = req.method === 'POST' ? await readBody(req) : '';
    const route = `${req.method ?? ''} ${path}`;

    if (route === 'GET /api/config') {
      return send(res, 200, { version: '2026.6.0', featureStates: {}, object: 'config' });
    }
    if (
      route === 'POST /identity/accounts/prelogin/password' ||
      route === 'POST /identity/accounts/prelogin'
    ) {
      const iterations = account.kdfIterations;
      return send(res, 200, {
        kdf: 0,
        kdfIterations: iterations,
        kdfSettings: { kdfType: 0, iterations },
        salt: account.email.toLowerCase(),
      });
    }
    if (route === 'POST /identity/connect/token') {
      const form = new URLSearchParams(body);
      const grant = form.get('grant_type');
      if (grant === 'password') {
        const sameUser = (form.get('username') ?? '').toLowerCase() === account.email.toLowerCase();
        if (!sameUser || !passwordHashMatches(account, form.get('password') ?? '')) {
          return send(res, 400, loginError('Username or password is incorrect. Try again'));
        }
      } else if (grant === 'refresh_token') {
        if (!refreshTokens.has(form.get('refresh_token') ?? '')) {
          return send(res, 400, loginError('Invalid refresh token.'));
        }
      } else {
        return send(res, 400, loginError(`unsupported grant ${String(grant)}`));
      }
      const reply = tokenResponse(account);
      refreshTokens.add(reply.refresh_token as string);
      return send(res, 200, reply);
    }
    if (!authorised(req)) return send(res, 401, { message: 'Unauthorized' });
    if (route === 'GET /api/sync') {
      return send(res, 200, {
        object: 'sync',
        profile: {
          id: account.userId,
          email: account.email,
          name: 'Test User',
          privateKey: account.wrappedPrivateKey,
          key: account.wrappedUserKey,
          object: 'profile',
        },
        folders: [],
        collections: [],
        ciphers,
        policies: [],
        sends: [],
      });
    }
    if (route === 'GET /api/accounts/revision-date') return send(res, 200, REVISION_DATE);
    if (route === 'POST /api/accounts/key-management/user-key-id') return send(res, 200, {});
    if (route === 'POST /api/ciphers/import') {
      const parsed = JSON.parse(body) as ImportBody;
      for (const cipher of parsed.ciphers ?? []) {
        imported.push({
          name: decryptText(account, cipher.name),
          username: decryptText(account, cipher.login?.username),
          password: decryptText(account, cipher.login?.password),
          uris: (cipher.login?.uris ?? []).map((u) => decryptText(account, u.uri)),
        });
        // Store the client's EncStrings as they are (same user key); everything else is ours.
        const login = cipher.login ?? {};
        ciphers.push({
          ...encryptCipher(account, { name: '', username: '', password: '', uris: [] }),
          id: randomUUID(),
          name: cipher.name,
          notes: cipher.notes ?? null,
          login: {
            username: login.username ?? null,
            password: login.password ?? null,
            totp: null,
            uris: (login.uris ?? []).map((u) => ({ uri: u.uri, match: u.match ?? null })),
          },
          fields: Array.isArray(cipher.fields) ? cipher.fields : [],
        });
      }
      return send(res, 200, undefined);
    }
    return send(res, 404, { message: `no route ${route} in the bw test server` });
  }

  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      requests.push(`!! ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, { message: 'bw test server error' });
    });
  });

  /** Listens on 127.0.0.1 and a port the OS picks. */
  async function start(): Promise<BwTestServer> {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `https://127.0.0.1:${port}`,
      requests,
      imported,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  return { start };
}
