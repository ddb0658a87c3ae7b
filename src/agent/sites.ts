/**
 * Site profiles are data, not code: where the login form lives, which host to ask the vault for,
 * which selector gets which credential field, and how to tell success from failure. Adding a site
 * means adding an entry here (and documenting it in docs/sites.md), not writing a new agent.
 */
import { AgentError } from './errors.js';

/**
 * Which credential field fills a form field: 'username', 'password', or the name of an extra
 * (custom) field of the vault item such as 'lastName'. Extra names are compared without case,
 * spaces or punctuation, so a Bitwarden custom field called "Last name" also fills 'lastName'.
 */
export type CredentialFieldName = 'username' | 'password' | (string & {});

export interface FormFieldProfile {
  readonly selector: string;
  readonly fill: CredentialFieldName;
  /** Shown in progress lines; never the value. */
  readonly label: string;
}

export interface PageCheck {
  readonly selector: string;
  /** When set, the element's text must also contain this. */
  readonly textIncludes?: string;
}

export interface SiteProfile {
  readonly id: string;
  readonly displayName: string;
  /** Absolute URL of the login form. */
  readonly loginUrl: string;
  /** The host the vault is asked for (its domain matcher decides which items match). */
  readonly vaultHost: string;
  readonly fields: readonly FormFieldProfile[];
  readonly submitSelector: string;
  /** Present only after a successful login. */
  readonly success: PageCheck;
  /** The site's own "wrong credentials" message. */
  readonly failure: PageCheck;
  /** false when the selectors were written from public knowledge and never run against the site. */
  readonly verified: boolean;
  readonly notes?: string;
}

/** The demo airline's profile id, also what its /healthz reports. */
export const DEMO_AIRLINE_SITE_ID = 'demo-airline';
/** The host the demo airline is served under (any *.localhost name is loopback in Chromium). */
export const DEMO_AIRLINE_HOST = 'demo-airline.localhost';

/** The local demo airline (src/site/demo-airline): same form shape as aa.com's classic login. */
const demoAirline: SiteProfile = {
  id: DEMO_AIRLINE_SITE_ID,
  displayName: 'Demo Airline (local)',
  // The port is a placeholder: the real origin is known only once the site listens (withOrigin).
  loginUrl: `http://${DEMO_AIRLINE_HOST}:8080/login/loginAccess.do`,
  vaultHost: DEMO_AIRLINE_HOST,
  fields: [
    { selector: '#loginId', fill: 'username', label: 'AAdvantage number or username' },
    { selector: '#lastName', fill: 'lastName', label: 'Last name' },
    { selector: '#password', fill: 'password', label: 'Password' },
  ],
  submitSelector: '#button_login',
  success: { selector: '#welcomeMessage', textIncludes: 'Welcome' },
  failure: { selector: '#loginErrorMessage' },
  verified: true,
  notes: 'tested by test/agent and test/e2e against the local site',
};

/**
 * aa.com as best known offline: form#loginFormId with inputs named loginId / lastName / password
 * and a button named _button_login, error text in fieldset.aa-form-fieldset-label-error. Never run
 * against the live site (no network here); the live site may differ or block automation.
 */
const aaCom: SiteProfile = {
  id: 'aa.com',
  displayName: 'American Airlines (aa.com), unverified',
  loginUrl: 'https://www.aa.com/login/loginAccess.do',
  vaultHost: 'www.aa.com',
  fields: [
    {
      selector: 'form#loginFormId input[name="loginId"]',
      fill: 'username',
      label: 'AAdvantage number or username',
    },
    { selector: 'form#loginFormId input[name="lastName"]', fill: 'lastName', label: 'Last name' },
    { selector: 'form#loginFormId input[name="password"]', fill: 'password', label: 'Password' },
  ],
  submitSelector: 'form#loginFormId button[name="_button_login"]',
  success: { selector: '#homePageLoginWidgetLogoutLink' },
  failure: { selector: 'fieldset.aa-form-fieldset-label-error .aa-msg-content' },
  verified: false,
  notes: 'selectors from public knowledge of the classic aa.com form; not verified offline',
};

export const SITE_PROFILES: readonly SiteProfile[] = [demoAirline, aaCom];

export function siteIds(): string[] {
  return SITE_PROFILES.map((p) => p.id);
}

export function findSiteProfile(id: string): SiteProfile {
  const profile = SITE_PROFILES.find((p) => p.id === id);
  if (profile === undefined) {
    throw new AgentError(
      'AGENT_ERR_UNKNOWN_SITE',
      `unknown site "${id}"; known sites: ${siteIds().join(', ')}`,
    );
  }
  return profile;
}

/** The same profile served from another origin (the demo airline's port is chosen at run time). */
export function withOrigin(profile: SiteProfile, origin: string): SiteProfile {
  const base = new URL(origin);
  const login = new URL(profile.loginUrl);
  const moved = new URL(login.pathname + login.search, base);
  return { ...profile, loginUrl: moved.toString() };
}
