/**
 * HTML for the demo airline. The login form copies the shape of aa.com's classic login form
 * (form#loginFormId, inputs loginId / lastName / password, button _button_login "Log in"), as
 * best known offline; see docs/sites.md. Every value put into the page goes through `escapeHtml`.
 */
import { HOME_PATH, LOGIN_SUBMIT_PATH } from './paths.js';

export const SITE_TITLE = 'Demo Airline';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} | ${SITE_TITLE}</title>
<style>
  body { font-family: sans-serif; margin: 2rem auto; max-width: 36rem; color: #36495a; }
  header { border-bottom: 3px solid #0078d2; margin-bottom: 1.5rem; }
  label { display: block; margin-top: 0.8rem; font-weight: bold; }
  input { width: 100%; padding: 0.4rem; box-sizing: border-box; }
  button { margin-top: 1rem; padding: 0.5rem 1.5rem; background: #0078d2; color: #fff; border: 0; }
  .aa-form-fieldset-label-error { border: 1px solid #c30019; color: #c30019; padding: 0.5rem; }
  .flight { border-bottom: 1px solid #ccc; padding: 0.4rem 0; }
</style>
</head>
<body>
<header><p><strong>${SITE_TITLE}</strong> &middot; a local stand-in for an airline site</p></header>
${body}
</body>
</html>
`;
}

export interface LoginPageState {
  readonly error?: string;
  /** Echoed back after a failed attempt so the human does not retype it; never the password. */
  readonly loginId?: string;
  readonly lastName?: string;
}

export function loginPage(state: LoginPageState = {}): string {
  const error =
    state.error === undefined
      ? ''
      : `<fieldset class="aa-form-fieldset-label-error" id="loginErrors" role="alert">
  <span class="aa-msg-content" id="loginErrorMessage">${escapeHtml(state.error)}</span>
</fieldset>`;
  return layout(
    'Log in',
    `<h1>Log in to your account</h1>
${error}
<form id="loginFormId" name="loginForm" action="${LOGIN_SUBMIT_PATH}" method="post">
  <label for="loginId">AAdvantage number or username</label>
  <input type="text" id="loginId" name="loginId" autocomplete="username" value="${escapeHtml(state.loginId ?? '')}">
  <label for="lastName">Last name</label>
  <input type="text" id="lastName" name="lastName" autocomplete="family-name" value="${escapeHtml(state.lastName ?? '')}">
  <label for="password">Password</label>
  <input type="password" id="password" name="password" autocomplete="current-password">
  <button type="submit" id="button_login" name="_button_login" value="Log in">Log in</button>
</form>`,
  );
}

export function welcomePage(displayName: string): string {
  return layout(
    'Welcome',
    `<h1 id="welcomeMessage">Welcome, ${escapeHtml(displayName)}</h1>
<form id="logoutForm" action="/login/logoutAccess.do" method="post">
  <button type="submit" id="homePageLoginWidgetLogoutLink">Log out</button>
</form>
<h2>Find flights</h2>
<form id="flightSearchForm" action="/booking/find-flights" method="get">
  <label for="originAirport">From</label>
  <input type="text" id="originAirport" name="originAirport" value="DFW">
  <label for="destinationAirport">To</label>
  <input type="text" id="destinationAirport" name="destinationAirport">
  <label for="departDate">Depart</label>
  <input type="date" id="departDate" name="departDate">
  <button type="submit" id="flightSearchSubmit">Find flights</button>
</form>`,
  );
}

export interface FlightOffer {
  readonly flightNumber: string;
  readonly departs: string;
  readonly arrives: string;
  readonly fareUsd: number;
}

export function flightResultsPage(
  from: string,
  to: string,
  date: string,
  offers: readonly FlightOffer[],
): string {
  const rows = offers
    .map(
      (o) =>
        `<div class="flight" data-flight="${escapeHtml(o.flightNumber)}">${escapeHtml(o.flightNumber)} &middot; ${escapeHtml(o.departs)} &rarr; ${escapeHtml(o.arrives)} &middot; $${o.fareUsd}</div>`,
    )
    .join('\n');
  return layout(
    'Flights',
    `<h1 id="flightResultsTitle">Flights ${escapeHtml(from)} &rarr; ${escapeHtml(to)} on ${escapeHtml(date)}</h1>
<div id="flightResults">
${rows}
</div>
<p><a href="${HOME_PATH}">Back</a></p>`,
  );
}
