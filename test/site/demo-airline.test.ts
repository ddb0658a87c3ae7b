import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  HOME_PATH,
  LOGIN_PATH,
  LOGIN_SUBMIT_PATH,
  MISSING_FIELDS_MESSAGE,
  WRONG_CREDENTIALS_MESSAGE,
  buildAirlineApp,
} from '../../src/site/demo-airline/app.js';
import { escapeHtml } from '../../src/site/demo-airline/pages.js';
import { SESSION_COOKIE } from '../../src/site/demo-airline/sessions.js';
import { startAirlineServer } from '../../src/site/demo-airline/server.js';

// Made up for this test only; the site gets its accounts as options.
const ACCOUNT = {
  username: 'ada.traveller',
  aadvantageNumber: '7HX4210',
  lastName: 'Lovelace',
  password: 'site-test-pass-1843',
  firstName: 'Ada',
};

const form = (fields: Record<string, string>) => ({
  method: 'POST' as const,
  url: LOGIN_SUBMIT_PATH,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

const app = await buildAirlineApp({ accounts: [ACCOUNT] });

function sessionIdFrom(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  assert.ok(header, 'a Set-Cookie header');
  const match = new RegExp(`^${SESSION_COOKIE}=([^;]+);`).exec(header);
  assert.ok(match, `cookie named ${SESSION_COOKIE}`);
  return match[1] ?? '';
}

test('the login page has aa.com-shaped fields and a Log in button', async () => {
  const res = await app.inject({ method: 'GET', url: LOGIN_PATH });
  assert.is(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /text\/html/);
  assert.match(
    res.body,
    /<form id="loginFormId"[^>]*action="\/login\/loginSubmit.do"[^>]*method="post"/,
  );
  assert.match(res.body, /<label for="loginId">AAdvantage number or username<\/label>/);
  assert.match(res.body, /<label for="lastName">Last name<\/label>/);
  assert.match(res.body, /<input type="password" id="password" name="password"/);
  assert.match(
    res.body,
    /<button type="submit" id="button_login" name="_button_login" value="Log in">Log in<\/button>/,
  );
});

test('/ redirects to the login page without a session', async () => {
  const res = await app.inject({ method: 'GET', url: '/' });
  assert.is(res.statusCode, 303);
  assert.is(res.headers.location, LOGIN_PATH);
});

test('right credentials set an HttpOnly random session cookie and redirect to the welcome page', async () => {
  const res = await app.inject(
    form({
      loginId: ACCOUNT.username,
      lastName: 'lovelace',
      password: ACCOUNT.password,
      _button_login: 'Log in',
    }),
  );
  assert.is(res.statusCode, 303);
  assert.is(res.headers.location, HOME_PATH);
  const cookie = String(res.headers['set-cookie']);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.match(cookie, /Path=\//);
  const id = sessionIdFrom(res.headers['set-cookie']);
  assert.ok(id.length >= 40, 'at least 32 random bytes, base64url');
  assert.not.ok(cookie.includes(ACCOUNT.username), 'the cookie carries no account data');

  const home = await app.inject({
    method: 'GET',
    url: HOME_PATH,
    cookies: { [SESSION_COOKIE]: id },
  });
  assert.is(home.statusCode, 200);
  assert.match(home.body, /<h1 id="welcomeMessage">Welcome, Ada<\/h1>/);
  assert.match(home.body, /<form id="flightSearchForm"/);
});

test('two logins get different session ids', async () => {
  const login = () =>
    app.inject(
      form({
        loginId: ACCOUNT.aadvantageNumber,
        lastName: ACCOUNT.lastName,
        password: ACCOUNT.password,
      }),
    );
  const a = sessionIdFrom((await login()).headers['set-cookie']);
  const b = sessionIdFrom((await login()).headers['set-cookie']);
  assert.is.not(a, b);
});

test('the welcome page falls back to the username when there is no first name', async () => {
  const noFirst = await buildAirlineApp({
    accounts: [{ username: 'bob', lastName: 'Builder', password: 'pw-bob-2' }],
  });
  const res = await noFirst.inject(
    form({ loginId: 'bob', lastName: 'Builder', password: 'pw-bob-2' }),
  );
  const id = sessionIdFrom(res.headers['set-cookie']);
  const home = await noFirst.inject({
    method: 'GET',
    url: HOME_PATH,
    cookies: { [SESSION_COOKIE]: id },
  });
  assert.match(home.body, /Welcome, bob</);
  await noFirst.close();
});

test('a wrong password shows the error on the page, keeps the login id, and sets no cookie', async () => {
  const res = await app.inject(
    form({ loginId: ACCOUNT.username, lastName: ACCOUNT.lastName, password: 'nope' }),
  );
  assert.is(res.statusCode, 401);
  assert.is(res.headers['set-cookie'], undefined);
  assert.ok(res.body.includes(escapeHtml(WRONG_CREDENTIALS_MESSAGE)));
  assert.match(res.body, /id="loginErrorMessage"/);
  assert.match(res.body, /value="ada.traveller"/);
  assert.not.ok(res.body.includes('nope'), 'the password is never echoed');
});

test('a wrong last name is rejected like a wrong password', async () => {
  const res = await app.inject(
    form({ loginId: ACCOUNT.username, lastName: 'Byron', password: ACCOUNT.password }),
  );
  assert.is(res.statusCode, 401);
});

test('blank or missing fields give a readable page, not a JSON error', async () => {
  const blank = await app.inject(form({ loginId: '', lastName: '', password: '' }));
  assert.is(blank.statusCode, 400);
  assert.ok(blank.body.includes(escapeHtml(MISSING_FIELDS_MESSAGE)));
  const missing = await app.inject(form({ loginId: 'x' }));
  assert.is(missing.statusCode, 400);
  assert.match(String(missing.headers['content-type']), /text\/html/);
  assert.ok(missing.body.includes(escapeHtml(MISSING_FIELDS_MESSAGE)));
});

test('the welcome page and flight search need a session; a made-up cookie does not count', async () => {
  for (const url of [HOME_PATH, '/booking/find-flights?originAirport=DFW&destinationAirport=JFK']) {
    const anon = await app.inject({ method: 'GET', url });
    assert.is(anon.statusCode, 303, url);
    const forged = await app.inject({
      method: 'GET',
      url,
      cookies: { [SESSION_COOKIE]: 'forged' },
    });
    assert.is(forged.statusCode, 303, url);
  }
});

test('flight search lists flights; logout ends the session', async () => {
  const res = await app.inject(
    form({ loginId: ACCOUNT.username, lastName: ACCOUNT.lastName, password: ACCOUNT.password }),
  );
  const id = sessionIdFrom(res.headers['set-cookie']);
  const cookies = { [SESSION_COOKIE]: id };
  const flights = await app.inject({
    method: 'GET',
    url: '/booking/find-flights?originAirport=dfw&destinationAirport=JFK&departDate=2026-12-24',
    cookies,
  });
  assert.is(flights.statusCode, 200);
  assert.match(flights.body, /Flights DFW &rarr; JFK on 2026-12-24/);
  assert.is((flights.body.match(/class="flight"/g) ?? []).length, 3);
  const bad = await app.inject({
    method: 'GET',
    url: '/booking/find-flights?originAirport=<script>',
    cookies,
  });
  assert.is(bad.statusCode, 400, 'the querystring schema rejects it');

  const out = await app.inject({ method: 'POST', url: '/login/logoutAccess.do', cookies });
  assert.is(out.statusCode, 303);
  assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
  const after = await app.inject({ method: 'GET', url: HOME_PATH, cookies });
  assert.is(after.statusCode, 303);
});

test('healthz answers JSON that matches its schema', async () => {
  const res = await app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(res.json(), { ok: true, site: 'demo-airline' });
});

test('escapeHtml neutralises markup in names shown on pages', () => {
  assert.is(escapeHtml(`<b a="1">'&`), '&lt;b a=&quot;1&quot;&gt;&#39;&amp;');
});

test('startAirlineServer listens on loopback and names the origin demo-airline.localhost', async () => {
  const server = await startAirlineServer({ accounts: [ACCOUNT] });
  try {
    assert.match(server.origin, /^http:\/\/demo-airline\.localhost:\d+$/);
    // Node's fetch does not resolve *.localhost the way Chromium does, so ask 127.0.0.1 directly.
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    assert.equal(await res.json(), { ok: true, site: 'demo-airline' });
  } finally {
    await server.close();
  }
});

test.after(async () => {
  await app.close();
});

test.run();
