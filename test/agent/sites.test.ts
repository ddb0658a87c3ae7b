import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SITE_PROFILES, findSiteProfile, withOrigin } from '../../src/agent/sites.js';
import { LOGIN_PATH } from '../../src/site/demo-airline/app.js';
import { DEMO_AIRLINE_HOST } from '../../src/site/demo-airline/server.js';

test('every profile is complete data: https or loopback login URL, a password field, checks', () => {
  for (const p of SITE_PROFILES) {
    const url = new URL(p.loginUrl);
    assert.ok(url.protocol === 'https:' || url.hostname.endsWith('.localhost'), p.id);
    assert.ok(
      p.fields.some((f) => f.fill === 'password'),
      `${p.id} fills a password`,
    );
    assert.ok(
      p.fields.some((f) => f.fill === 'username'),
      `${p.id} fills a username`,
    );
    assert.ok(p.submitSelector && p.success.selector && p.failure.selector, p.id);
    assert.ok(p.vaultHost === url.hostname || url.hostname.endsWith(`.${p.vaultHost}`), p.id);
  }
});

test('demo-airline matches the local site; aa.com is marked unverified', () => {
  const demo = findSiteProfile('demo-airline');
  assert.is(demo.vaultHost, DEMO_AIRLINE_HOST);
  assert.is(new URL(demo.loginUrl).pathname, LOGIN_PATH);
  assert.ok(demo.verified);
  const aa = findSiteProfile('aa.com');
  assert.is(aa.verified, false);
  assert.is(aa.vaultHost, 'www.aa.com');
  assert.equal(
    aa.fields.map((f) => f.fill),
    ['username', 'lastName', 'password'],
  );
});

test('withOrigin moves the login URL and keeps the path and vault host', () => {
  const moved = withOrigin(findSiteProfile('demo-airline'), 'http://demo-airline.localhost:41234');
  assert.is(moved.loginUrl, `http://demo-airline.localhost:41234${LOGIN_PATH}`);
  assert.is(moved.vaultHost, DEMO_AIRLINE_HOST);
});

test.run();
