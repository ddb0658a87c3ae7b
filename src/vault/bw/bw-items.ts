/**
 * The shape `bw list items` prints, reduced to what we keep.
 *
 * `bw list items` prints every matching item DECRYPTED, passwords and custom fields included: the
 * CLI has no way to list without secrets, and JSON.parse of its answer has already made those
 * values JavaScript strings in this process (unwipeable, see secure-credential.ts) before any code
 * here runs. So this one answer is also where the chosen item's secret comes from: each entry can
 * copy its secrets into a SecureCredential (Buffers we own and can zero), and bw-vault.ts does that
 * only for the entries our matcher accepts. Nothing else keeps a reference to the parsed items, so
 * the rest is garbage as soon as lookup() returns (the stdout Buffer is zeroed by the caller).
 */
import { VaultError } from '../errors.js';
import type { LoginUri } from '../matcher.js';
import { SecureCredential } from '../secure-credential.js';

/** Bitwarden's cipher type for a login. */
const LOGIN_TYPE = 1;
/** Custom field types with a value: 0 text, 1 hidden, 2 boolean (3, linked, has none). */
const VALUE_FIELD_TYPES = new Set([0, 1, 2]);

/** What a listed login shows: never a secret. */
export interface BwListedLogin {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly uris: readonly LoginUri[];
}

/** One login of the list: its public part, and its secrets copied out only on request. */
export interface BwListEntry {
  readonly login: BwListedLogin;
  /** A new SecureCredential (username, password, custom fields); the caller owns and wipes it. */
  credential(): SecureCredential;
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

type RawLogin = RawItem & { id: string; login: NonNullable<RawItem['login']> };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function uris(item: RawLogin): LoginUri[] {
  const out: LoginUri[] = [];
  for (const u of item.login.uris ?? []) {
    if (typeof u.uri !== 'string') continue;
    out.push({ uri: u.uri, match: typeof u.match === 'number' ? u.match : null });
  }
  return out;
}

function credentialOf(item: RawLogin): SecureCredential {
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

/** `bw list items` data → its login items (cards, notes and identities are skipped). */
export function loginsFromList(data: unknown): BwListEntry[] {
  const list = (data as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(list)) {
    throw new VaultError('VAULT_ERR_BW_FAILED', 'bw list items answered without an item list');
  }
  const entries: BwListEntry[] = [];
  for (const raw of list as RawItem[]) {
    if (raw.type !== LOGIN_TYPE || typeof raw.id !== 'string' || raw.login == null) continue;
    const item = raw as RawLogin;
    entries.push({
      login: {
        id: item.id,
        name: text(item.name),
        username: text(item.login.username),
        uris: uris(item),
      },
      credential: () => credentialOf(item),
    });
  }
  return entries;
}
