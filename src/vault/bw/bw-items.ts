/**
 * The shapes `bw list items` and `bw get item` print, reduced to what we keep.
 *
 * `bw list items` prints every matching item DECRYPTED, passwords included: the CLI has no way to
 * list without secrets. We keep only id, name, username and URIs, drop the rest at once (the
 * stdout Buffer is zeroed by the caller), and fetch the one chosen item's secret later with
 * `bw get item <id>`.
 */
import { bwError } from './bw-errors.js';
import type { LoginUri } from '../matcher.js';
import { SecureCredential } from '../secure-credential.js';

/** Bitwarden's cipher type for a login. */
const LOGIN_TYPE = 1;
/** Custom field types with a value: 0 text, 1 hidden, 2 boolean (3, linked, has none). */
const VALUE_FIELD_TYPES = new Set([0, 1, 2]);

export interface BwListedLogin {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly uris: readonly LoginUri[];
}

interface RawItem {
  id?: unknown;
  type?: unknown;
  name?: unknown;
  login?: {
    username?: unknown;
    password?: unknown;
    uris?: { uri?: unknown; match?: unknown }[] | null;
  } | null;
  fields?: { name?: unknown; value?: unknown; type?: unknown }[] | null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function uris(item: RawItem): LoginUri[] {
  const out: LoginUri[] = [];
  for (const u of item.login?.uris ?? []) {
    if (typeof u.uri !== 'string') continue;
    out.push({ uri: u.uri, match: typeof u.match === 'number' ? u.match : null });
  }
  return out;
}

/** `bw list items` data → login summaries (no secret survives this function). */
export function loginsFromList(data: unknown): BwListedLogin[] {
  const list = (data as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(list)) {
    throw bwError('VAULT_ERR_BW_FAILED', 'bw list items answered without an item list');
  }
  const logins: BwListedLogin[] = [];
  for (const raw of list as RawItem[]) {
    if (raw.type !== LOGIN_TYPE || typeof raw.id !== 'string' || raw.login == null) continue;
    logins.push({
      id: raw.id,
      name: text(raw.name),
      username: text(raw.login.username),
      uris: uris(raw),
    });
  }
  return logins;
}

/** `bw get item <id>` data → the credential, after checking it is the login that was asked for. */
export function credentialFromItem(data: unknown, expectedId: string): SecureCredential {
  const item = data as RawItem | undefined;
  if (item?.id !== expectedId) {
    throw bwError(
      'VAULT_ERR_BW_FAILED',
      `bw get item answered with another item than ${expectedId}`,
    );
  }
  if (item.type !== LOGIN_TYPE || item.login == null) {
    throw bwError('VAULT_ERR_BW_FAILED', `item ${expectedId} is not a login`);
  }
  const extra: Record<string, string> = {};
  for (const field of item.fields ?? []) {
    if (typeof field.name !== 'string' || !VALUE_FIELD_TYPES.has(field.type as number)) continue;
    if (typeof field.value === 'string') extra[field.name] = field.value;
    else if (typeof field.value === 'boolean') extra[field.name] = String(field.value);
  }
  return new SecureCredential({
    username: text(item.login.username),
    password: text(item.login.password),
    extra,
  });
}
