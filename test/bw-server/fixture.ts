/**
 * The test account's login items. Chosen so that `bw list items --url https://www.aa.com` (the
 * CLI's own base-domain rule) returns MORE than our matcher accepts: the http item and the sibling
 * login.aa.com come back from bw and must be dropped by src/vault/matcher.ts.
 */
import type { TestLoginItem } from './account.js';

export const TEST_EMAIL = 'Agent.Tester@example.test';
export const TEST_MASTER_PASSWORD = 'bw-master-Quokka-7719-lantern';

export const ID = {
  aa: '0b5a7c1e-0000-4000-8000-00000000aa01',
  wwwAa: '0b5a7c1e-0000-4000-8000-00000000aa02',
  httpAa: '0b5a7c1e-0000-4000-8000-00000000aa03',
  loginAa: '0b5a7c1e-0000-4000-8000-00000000aa04',
  evil: '0b5a7c1e-0000-4000-8000-00000000ee01',
  baa: '0b5a7c1e-0000-4000-8000-00000000ee02',
  shopPersonal: '0b5a7c1e-0000-4000-8000-00000000c001',
  shopWork: '0b5a7c1e-0000-4000-8000-00000000c002',
} as const;

export const TEST_ITEMS: readonly TestLoginItem[] = [
  {
    id: ID.aa,
    name: 'American Airlines',
    username: 'aa-member-4410',
    password: 'pw-aa-Heron-5521',
    uris: ['https://aa.com'],
    fields: [{ name: 'lastName', value: 'Tester' }],
  },
  {
    id: ID.wwwAa,
    name: 'AA (www)',
    username: 'www-member-1187',
    password: 'pw-wwwaa-Otter-3302',
    uris: ['https://www.aa.com/login'],
  },
  {
    id: ID.httpAa,
    name: 'AA over plain http',
    username: 'http-member',
    password: 'pw-httpaa-Bison-0093',
    uris: ['http://www.aa.com'],
  },
  {
    id: ID.loginAa,
    name: 'AA sibling subdomain',
    username: 'login-member',
    password: 'pw-loginaa-Finch-7740',
    uris: ['https://login.aa.com'],
  },
  {
    id: ID.evil,
    name: 'Look-alike aa.com.evil.example',
    username: 'phish-1',
    password: 'pw-evil-Moray-6618',
    uris: ['https://aa.com.evil.example'],
  },
  {
    id: ID.baa,
    name: 'Look-alike baa.com',
    username: 'phish-2',
    password: 'pw-baa-Gecko-2254',
    uris: ['https://baa.com'],
  },
  {
    id: ID.shopPersonal,
    name: 'Shop (personal)',
    username: 'me@home.example',
    password: 'pw-shop1-Walrus-8812',
    uris: ['https://shop.example.com'],
  },
  {
    id: ID.shopWork,
    name: 'Shop (work)',
    username: 'me@work.example',
    password: 'pw-shop2-Ibis-4471',
    uris: ['https://shop.example.com/account'],
  },
];

/** Every secret of the fixture: none may appear in an error, a log line or our output. */
export const FIXTURE_SECRETS: readonly string[] = [
  TEST_MASTER_PASSWORD,
  ...TEST_ITEMS.map((i) => i.password),
];
