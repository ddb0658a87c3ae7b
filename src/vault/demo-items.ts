/**
 * What `npm run demo-vault` puts in vault/demo-vault.json. Throwaway demo logins (docs/vault.md
 * lists them); each item exercises one path of the approval flow.
 */
import type { PlainLoginItem } from './export-writer.js';

export const DEMO_ITEMS: readonly PlainLoginItem[] = [
  {
    // The default demo login: first of the two demo-airline matches.
    id: '0b7d6c1e-4f2a-4a51-9c3e-1d2f3a4b5c01',
    name: 'Demo Airline',
    uris: [{ uri: 'http://demo-airline.localhost' }],
    username: 'AA1234567',
    password: 'Demo-Air-pw-7Kq2mX',
    fields: [
      { name: 'lastName', value: 'Traveler' },
      { name: 'firstName', value: 'Ada' },
      { name: 'aadvantageNumber', value: '7HX4210' },
    ],
  },
  {
    // A second login for the same site: the prompt must ask which one (numbered choice).
    id: '0b7d6c1e-4f2a-4a51-9c3e-1d2f3a4b5c02',
    name: 'Demo Airline (second traveller)',
    uris: [{ uri: 'http://demo-airline.localhost:8080/login/loginAccess.do' }],
    username: 'AA7654321',
    password: 'Demo-Air-pw-R9vL3t',
    fields: [
      { name: 'lastName', value: 'Voyager' },
      { name: 'firstName', value: 'Grace' },
    ],
  },
  {
    // Matches www.aa.com (equal host) and aa.com; not verified against the live site.
    id: '0b7d6c1e-4f2a-4a51-9c3e-1d2f3a4b5c03',
    name: 'American Airlines',
    uris: [{ uri: 'https://www.aa.com' }, { uri: 'https://aa.com' }],
    username: 'AA0000001',
    password: 'AA-demo-pw-not-real-4Tz',
    fields: [{ name: 'lastName', value: 'Traveler' }],
  },
  {
    // A phishing look-alike: the matcher must never offer it for aa.com or www.aa.com.
    id: '0b7d6c1e-4f2a-4a51-9c3e-1d2f3a4b5c04',
    name: 'aa.com (look-alike, must never match)',
    uris: [{ uri: 'https://aa.com.evil.example/login' }],
    username: 'AA1234567',
    password: 'Evil-lookalike-pw-0Qp',
    fields: [{ name: 'lastName', value: 'Traveler' }],
  },
  {
    // Unrelated to any site profile.
    id: '0b7d6c1e-4f2a-4a51-9c3e-1d2f3a4b5c05',
    name: 'Example Mail',
    uris: [{ uri: 'https://mail.example.com' }],
    username: 'ada@example.com',
    password: 'Mail-demo-pw-5Hn8',
    fields: [{ name: 'recoveryCode', value: 'RC-demo-2231-9904', hidden: true }],
  },
];
