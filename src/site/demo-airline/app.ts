/**
 * The demo airline as a Fastify plugin plus `buildAirlineApp`, which wraps it in an app that is
 * not listening: tests drive it with `app.inject()`, and only src/site/serve.ts (or the demo CLI,
 * through ./server.ts) opens a socket.
 */
import Fastify from 'fastify';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DEMO_AIRLINE_SITE_ID } from '../../agent/sites.js';
import { findAccount } from './accounts.js';
import type { AirlineAccount } from './accounts.js';
import { flightResultsPage, loginPage, welcomePage } from './pages.js';
import type { FlightOffer } from './pages.js';
import { HOME_PATH, LOGIN_PATH, LOGIN_SUBMIT_PATH } from './paths.js';
import { routeSchemas } from './schemas.js';
import type { FlightQuery, LoginBody } from './schemas.js';
import {
  SESSION_COOKIE,
  SessionStore,
  clearedSessionCookie,
  readCookie,
  sessionCookie,
} from './sessions.js';

export { DEMO_AIRLINE_SITE_ID, HOME_PATH, LOGIN_PATH, LOGIN_SUBMIT_PATH };

export const WRONG_CREDENTIALS_MESSAGE =
  'Your AAdvantage number or username, last name or password is incorrect.';
export const MISSING_FIELDS_MESSAGE =
  'Enter your AAdvantage number or username, last name and password.';

export interface AirlineAppOptions {
  /** The only accounts that can log in. */
  readonly accounts: readonly AirlineAccount[];
  /** Session lifetime; the cookie's Max-Age follows it. Default 30 minutes. */
  readonly sessionTtlMs?: number;
  /** Fastify's request logger; off by default (it never sees bodies, but the demo is quieter). */
  readonly logger?: boolean;
}

const DEFAULT_SESSION_TTL_MS = 30 * 60 * 1000;

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).send();
}

/** A few made-up flights, stable for a given route so tests and screenshots do not flicker. */
function offersFor(from: string, to: string): FlightOffer[] {
  const seed = [...`${from}${to}`].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  return [0, 1, 2].map((i) => ({
    flightNumber: `DA ${100 + ((seed + i * 37) % 900)}`,
    departs: `${String(7 + i * 4).padStart(2, '0')}:15 ${from}`,
    arrives: `${String(9 + i * 4).padStart(2, '0')}:40 ${to}`,
    fareUsd: 129 + ((seed * (i + 3)) % 300),
  }));
}

/** Browsers post forms as application/x-www-form-urlencoded; Fastify only parses JSON itself. */
function parseFormBody(
  _req: FastifyRequest,
  body: string,
  done: (e: Error | null, v?: unknown) => void,
) {
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) fields[key] = value;
  done(null, fields);
}

export const demoAirlinePlugin: FastifyPluginAsync<AirlineAppOptions> = async (app, opts) => {
  const ttlMs = opts.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const sessions = new SessionStore(ttlMs);
  const accounts = [...opts.accounts];
  const sessionOf = (req: FastifyRequest) =>
    sessions.get(readCookie(req.headers.cookie, SESSION_COOKIE));

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    parseFormBody,
  );

  // A malformed login post is still a page a human (or the agent) can read, not a JSON blob.
  app.setErrorHandler((error: { validation?: unknown; statusCode?: number }, req, reply) => {
    if (error.validation !== undefined && req.url.startsWith(LOGIN_SUBMIT_PATH)) {
      return sendHtml(reply, 400, loginPage({ error: MISSING_FIELDS_MESSAGE }));
    }
    const status = error.statusCode ?? 500;
    return reply.code(status).type('text/plain; charset=utf-8').send(`error ${status}`);
  });

  app.get('/healthz', { schema: routeSchemas.health }, async () => ({
    ok: true,
    site: DEMO_AIRLINE_SITE_ID,
  }));

  app.get('/', { schema: routeSchemas.root }, async (req, reply) =>
    redirect(reply, sessionOf(req) ? HOME_PATH : LOGIN_PATH),
  );

  app.get(LOGIN_PATH, { schema: routeSchemas.loginPage }, async (_req, reply) =>
    sendHtml(reply, 200, loginPage()),
  );

  app.post<{ Body: LoginBody }>(
    LOGIN_SUBMIT_PATH,
    { schema: routeSchemas.loginSubmit },
    async (req, reply) => {
      const { loginId, lastName, password } = req.body;
      if (loginId.trim() === '' || lastName.trim() === '' || password === '') {
        return sendHtml(
          reply,
          400,
          loginPage({ error: MISSING_FIELDS_MESSAGE, loginId, lastName }),
        );
      }
      const account = findAccount(accounts, { loginId, lastName, password });
      if (account === undefined) {
        return sendHtml(
          reply,
          401,
          loginPage({ error: WRONG_CREDENTIALS_MESSAGE, loginId, lastName }),
        );
      }
      const id = sessions.create(account.username, account.firstName ?? account.username);
      reply.header('set-cookie', sessionCookie(id, Math.floor(ttlMs / 1000)));
      return redirect(reply, HOME_PATH);
    },
  );

  app.post('/login/logoutAccess.do', { schema: routeSchemas.logout }, async (req, reply) => {
    sessions.delete(readCookie(req.headers.cookie, SESSION_COOKIE));
    reply.header('set-cookie', clearedSessionCookie());
    return redirect(reply, LOGIN_PATH);
  });

  app.get(HOME_PATH, { schema: routeSchemas.home }, async (req, reply) => {
    const session = sessionOf(req);
    if (session === undefined) return redirect(reply, LOGIN_PATH);
    return sendHtml(reply, 200, welcomePage(session.displayName));
  });

  app.get<{ Querystring: FlightQuery }>(
    '/booking/find-flights',
    { schema: routeSchemas.findFlights },
    async (req, reply) => {
      if (sessionOf(req) === undefined) return redirect(reply, LOGIN_PATH);
      const from = (req.query.originAirport ?? 'DFW').toUpperCase() || 'DFW';
      const to = (req.query.destinationAirport ?? 'LAX').toUpperCase() || 'LAX';
      const date = req.query.departDate ?? '';
      return sendHtml(reply, 200, flightResultsPage(from, to, date, offersFor(from, to)));
    },
  );
};

/** A ready, not-listening app with the airline registered at the root. */
export async function buildAirlineApp(opts: AirlineAppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false });
  await app.register(demoAirlinePlugin, opts);
  await app.ready();
  return app;
}
