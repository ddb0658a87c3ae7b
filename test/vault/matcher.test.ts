/** The shared domain matcher, table-driven: who may receive a login for which host. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { URI_MATCH, matchItemUris, matchUri, normaliseHost } from '../../src/vault/matcher.js';

interface Row {
  readonly uri: string;
  readonly host: string;
  readonly match?: number | null;
  readonly expect: boolean;
  /** A fragment the reason must contain. */
  readonly because?: string;
}

const TABLE: readonly Row[] = [
  // equality and subdomains
  { uri: 'https://aa.com', host: 'aa.com', expect: true, because: 'host equals aa.com' },
  { uri: 'https://aa.com', host: 'www.aa.com', expect: true, because: 'subdomain of aa.com' },
  { uri: 'https://aa.com/login?x=1', host: 'deep.www.aa.com', expect: true },
  { uri: 'https://www.aa.com', host: 'aa.com', expect: false },
  { uri: 'https://www.aa.com', host: 'www.aa.com', expect: true },
  { uri: 'https://www.aa.com', host: 'shop.aa.com', expect: false },
  // look-alikes
  { uri: 'https://aa.com.evil.example', host: 'aa.com', expect: false },
  { uri: 'https://aa.com.evil.example', host: 'www.aa.com', expect: false },
  { uri: 'https://aa.com', host: 'aa.com.evil.example', expect: false },
  { uri: 'https://baa.com', host: 'aa.com', expect: false },
  { uri: 'https://aa.com', host: 'baa.com', expect: false },
  { uri: 'https://aa.com-login.example', host: 'aa.com', expect: false },
  { uri: 'https://aa.com', host: 'aa.com-login.example', expect: false },
  { uri: 'https://aa.com@evil.example', host: 'aa.com', expect: false },
  { uri: 'https://evil.example/aa.com', host: 'aa.com', expect: false },
  { uri: 'https://evil.example?aa.com', host: 'aa.com', expect: false },
  { uri: 'https://xn--a-ecp.com', host: 'aa.com', expect: false }, // Unicode look-alike
  { uri: 'https://аа.com', host: 'aa.com', expect: false }, // Cyrillic а
  // case, trailing dot, port
  { uri: 'https://AA.COM', host: 'aa.com', expect: true },
  { uri: 'https://aa.com', host: 'WWW.AA.COM', expect: true },
  { uri: 'https://aa.com.', host: 'aa.com', expect: true },
  { uri: 'https://aa.com', host: 'aa.com.', expect: true },
  { uri: 'https://aa.com:8443/x', host: 'aa.com', expect: true },
  { uri: 'https://aa.com', host: 'aa.com:443', expect: true },
  // scheme rules
  { uri: 'http://aa.com', host: 'aa.com', expect: false, because: 'scheme http' },
  { uri: 'ftp://aa.com', host: 'aa.com', expect: false },
  { uri: 'http://demo-airline.localhost', host: 'demo-airline.localhost', expect: true },
  { uri: 'http://demo-airline.localhost:8080/login', host: 'demo-airline.localhost', expect: true },
  { uri: 'http://localhost:3000', host: 'localhost', expect: true },
  { uri: 'http://127.0.0.1:8080', host: '127.0.0.1', expect: true },
  { uri: 'http://127.8.9.10', host: '127.8.9.10', expect: true },
  { uri: 'http://[::1]:8080', host: '[::1]', expect: true },
  { uri: 'http://128.0.0.1', host: '128.0.0.1', expect: false },
  { uri: 'http://localhost.evil.example', host: 'localhost.evil.example', expect: false },
  // no subdomain matching below single labels or IP addresses
  { uri: 'http://localhost', host: 'demo-airline.localhost', expect: false },
  { uri: 'https://com', host: 'aa.com', expect: false },
  { uri: 'http://0.0.1', host: '127.0.0.1', expect: false },
  // invalid URIs never match
  { uri: 'aa.com', host: 'aa.com', expect: false, because: 'does not parse' },
  { uri: '', host: 'aa.com', expect: false },
  { uri: 'https://', host: 'aa.com', expect: false },
  { uri: 'https://aa com', host: 'aa.com', expect: false },
  { uri: 'https://aa.com', host: '', expect: false },
  { uri: 'https://aa.com', host: 'https://aa.com', expect: false },
  { uri: 'https://aa.com', host: 'aa.com/path', expect: false },
  { uri: 'https://aa.com', host: 'user@aa.com', expect: false },
  // Bitwarden's per-URI match setting can only narrow
  { uri: 'https://aa.com', host: 'aa.com', match: URI_MATCH.never, expect: false },
  { uri: 'https://aa.com', host: 'aa.com', match: URI_MATCH.regex, expect: false },
  { uri: 'https://aa.com', host: 'www.aa.com', match: URI_MATCH.host, expect: false },
  { uri: 'https://aa.com', host: 'www.aa.com', match: URI_MATCH.exact, expect: false },
  { uri: 'https://aa.com', host: 'www.aa.com', match: URI_MATCH.startsWith, expect: false },
  { uri: 'https://aa.com', host: 'aa.com', match: URI_MATCH.exact, expect: true },
  { uri: 'https://aa.com', host: 'www.aa.com', match: URI_MATCH.domain, expect: true },
  { uri: 'https://aa.com', host: 'www.aa.com', match: null, expect: true },
];

for (const row of TABLE) {
  const name = `${row.expect ? 'matches' : 'rejects'} ${JSON.stringify(row.uri)} for ${JSON.stringify(row.host)}${row.match === undefined ? '' : ` (match ${String(row.match)})`}`;
  test(name, () => {
    const result = matchUri({ uri: row.uri, match: row.match }, row.host);
    assert.is(result.matched, row.expect, result.reason);
    assert.ok(result.reason.length > 0, 'always a reason');
    if (row.because !== undefined) assert.match(result.reason, row.because);
  });
}

test('an item prefers a URI with the equal host over a parent-domain URI', () => {
  const result = matchItemUris(
    [{ uri: 'https://aa.com' }, { uri: 'https://www.aa.com' }],
    'www.aa.com',
  );
  assert.is(result?.uri, 'https://www.aa.com');
  assert.is(result?.reason, 'host equals www.aa.com');
});

test('an item with no matching URI gives undefined', () => {
  assert.is(matchItemUris([{ uri: 'https://baa.com' }, { uri: 'nonsense' }], 'aa.com'), undefined);
  assert.is(matchItemUris([], 'aa.com'), undefined);
});

test('normaliseHost lowercases, strips one trailing dot and refuses non-hosts', () => {
  assert.is(normaliseHost('WWW.AA.COM.'), 'www.aa.com');
  assert.is(normaliseHost('aa.com:8080'), 'aa.com');
  assert.is(normaliseHost(' aa.com'), undefined);
  assert.is(normaliseHost('aa.com/x'), undefined);
  assert.is(normaliseHost('a@b.com'), undefined);
});

test.run();
