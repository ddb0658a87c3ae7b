/**
 * The one domain matcher every vault backend uses, so "which logins fit this host" has a single
 * answer. Rules (docs/vault.md has examples):
 *
 * - an item's URI matches when its host equals the requested host, or the requested host is a
 *   subdomain of it (www.aa.com asks → an item for aa.com fits; aa.com asks → an item for
 *   www.aa.com does NOT, because a parent domain must not receive a subdomain's login);
 * - hosts are compared after WHATWG URL parsing (lowercase, punycode), trailing dot stripped;
 *   the port is ignored;
 * - the URI must be https, except that http is accepted for loopback hosts (127.0.0.0/8, ::1,
 *   localhost) and *.localhost, which never leave the machine;
 * - no subdomain matching for single-label or IP-address item hosts (an item for "com" or
 *   "localhost" must not match every host below it);
 * - a URI that does not parse (including Bitwarden's scheme-less "aa.com") never matches;
 * - Bitwarden's per-URI match setting can only narrow this: Never (5) and RegEx (4, unsupported)
 *   never match; Host (1), StartsWith (2) and Exact (3) need host equality (no subdomains).
 */
import { isIP } from 'node:net';
import type { VaultMatch } from './types.js';

/** Bitwarden's UriMatchType numbers; null/undefined means the account default (Domain). */
export const URI_MATCH = {
  domain: 0,
  host: 1,
  startsWith: 2,
  exact: 3,
  regex: 4,
  never: 5,
} as const;

export interface LoginUri {
  readonly uri: string;
  readonly match?: number | null;
}

export type UriMatch =
  | {
      readonly matched: true;
      readonly kind: 'equal' | 'subdomain';
      readonly uri: string;
      readonly reason: string;
    }
  | { readonly matched: false; readonly uri: string; readonly reason: string };

const stripDot = (host: string) => (host.endsWith('.') ? host.slice(0, -1) : host);

/**
 * The requested host in the form the matcher compares, or undefined when it is not a bare host
 * (an optional :port is tolerated and ignored; a path, user or scheme is not).
 */
export function normaliseHost(host: string): string | undefined {
  if (host.trim() !== host || host === '' || /[/?#@\\\s]/.test(host)) return undefined;
  try {
    const parsed = new URL(`http://${host}`);
    const name = stripDot(parsed.hostname);
    return name === '' ? undefined : name;
  } catch {
    return undefined;
  }
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

const isIpHost = (host: string) => host.startsWith('[') || isIP(host) === 4;

/** Does this one login URI fit the requested host? Always says why, for the approval prompt. */
export function matchUri(login: LoginUri, requestedHost: string): UriMatch {
  const { uri } = login;
  const no = (reason: string): UriMatch => ({ matched: false, uri, reason });
  const host = normaliseHost(requestedHost);
  if (host === undefined) return no(`requested host "${requestedHost}" is not a host name`);
  if (login.match === URI_MATCH.never) return no('the URI is set to never match');
  if (login.match === URI_MATCH.regex) return no('regular-expression URIs are not supported');

  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return no('the URI does not parse (it needs a scheme, e.g. https://)');
  }
  const itemHost = stripDot(parsed.hostname);
  if (itemHost === '') return no('the URI has no host');
  const loopback = isLoopbackHost(itemHost);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    return no(`scheme ${parsed.protocol.slice(0, -1)} is not allowed (https only off loopback)`);
  }
  if (itemHost === host) {
    return { matched: true, kind: 'equal', uri, reason: `host equals ${host}` };
  }

  const exactOnly =
    login.match === URI_MATCH.host ||
    login.match === URI_MATCH.startsWith ||
    login.match === URI_MATCH.exact;
  const subdomainAllowed = !exactOnly && itemHost.includes('.') && !isIpHost(itemHost);
  if (subdomainAllowed && host.endsWith(`.${itemHost}`)) {
    return {
      matched: true,
      kind: 'subdomain',
      uri,
      reason: `${host} is a subdomain of ${itemHost}`,
    };
  }
  return no(`host ${itemHost} is not ${host} or a parent domain of it`);
}

/** The best matching URI of an item (host equality beats a subdomain match), or undefined. */
export function matchItemUris(
  uris: readonly LoginUri[],
  requestedHost: string,
): UriMatch | undefined {
  let subdomain: UriMatch | undefined;
  for (const login of uris) {
    const result = matchUri(login, requestedHost);
    if (!result.matched) continue;
    if (result.kind === 'equal') return result;
    subdomain ??= result;
  }
  return subdomain;
}

/** An item as the approval prompt shows it if one of its URIs fits the host, else undefined. */
export function matchItem(
  item: {
    readonly id: string;
    readonly name: string;
    readonly username: string;
    readonly uris: readonly LoginUri[];
  },
  requestedHost: string,
): VaultMatch | undefined {
  const match = matchItemUris(item.uris, requestedHost);
  if (match === undefined) return undefined;
  const { id, name, username } = item;
  return { item: { id, name, username, uri: match.uri }, reason: match.reason };
}
