/**
 * The agent against the local airline with a real headless Chromium. The credential here is a
 * plain in-test CredentialSource; test/e2e covers the real vault end to end.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AgentError } from '../../src/agent/errors.js';
import { FlightBookingAgent } from '../../src/agent/flight-booking-agent.js';
import type { CredentialFields, CredentialSource } from '../../src/agent/fill-credential.js';
import { findSiteProfile, withOrigin } from '../../src/agent/sites.js';
import { demoAirlineAccounts } from '../../src/cli/demo-airline.js';
import { startAirlineServer } from '../../src/site/demo-airline/server.js';
import { DEMO_VAULT_PASSWORD, DEMO_VAULT_PATH } from '../../src/vault/demo.js';
import { EmbeddedVault } from '../../src/vault/embedded-vault.js';
import type { RunningAirline } from '../../src/site/demo-airline/server.js';

const ACCOUNT = {
  username: 'grace.flyer',
  lastName: 'Hopper',
  password: 'agent-test-pass-1906',
  firstName: 'Grace',
};

/** Counts use() calls so the test can tell the agent read the credential exactly once. */
function credentialOf(fields: CredentialFields): CredentialSource & { uses: number } {
  return {
    uses: 0,
    use(fn) {
      this.uses += 1;
      return fn(fields);
    },
  };
}

const goodFields = {
  username: ACCOUNT.username,
  password: ACCOUNT.password,
  extra: { 'Last name': ACCOUNT.lastName },
};

let server: RunningAirline;
let agent: FlightBookingAgent;
const scratch = mkdtempSync(join(tmpdir(), 'agent-test-'));

test.before(async () => {
  server = await startAirlineServer({ accounts: [ACCOUNT] });
  agent = await FlightBookingAgent.launch({ timeoutMs: 10_000 });
  console.log(`  Chromium ${agent.chromiumVersion}, launch ${agent.launchMs.toFixed(0)} ms`);
});

test.after(async () => {
  await agent?.close();
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

test('logs into demo-airline with real Chromium and lands on the welcome page', async () => {
  const site = withOrigin(findSiteProfile('demo-airline'), server.origin);
  const credential = credentialOf(goodFields);
  const shot = join(scratch, 'welcome.png');
  const result = await agent.logIn(site, credential, { screenshotPath: shot });
  console.log(`  login ${result.loginMs.toFixed(0)} ms -> ${result.welcomeText}`);
  assert.is(result.welcomeText, 'Welcome, Grace');
  assert.match(result.url, /\/homePage\.do$/);
  assert.is(credential.uses, 1);
  assert.ok(statSync(shot).size > 1000, 'a real PNG was written');
  assert.not.ok(JSON.stringify(result).includes(ACCOUNT.password), 'the result holds no secret');
});

test('a wrong password is AGENT_ERR_LOGIN_FAILED with the site message, not the password', async () => {
  const site = withOrigin(findSiteProfile('demo-airline'), server.origin);
  const wrong = credentialOf({ ...goodFields, password: 'agent-test-wrong-77' });
  try {
    await agent.logIn(site, wrong);
    assert.unreachable('should have failed');
  } catch (error) {
    assert.instance(error, AgentError);
    assert.is((error as AgentError).code, 'AGENT_ERR_LOGIN_FAILED');
    assert.match((error as Error).message, /incorrect/);
    assert.not.ok((error as Error).message.includes('agent-test-wrong-77'));
  }
});

test('an item without the last-name field fails before anything is typed', async () => {
  const site = withOrigin(findSiteProfile('demo-airline'), server.origin);
  const noLastName = credentialOf({ ...goodFields, extra: {} });
  try {
    await agent.logIn(site, noLastName);
    assert.unreachable('should have failed');
  } catch (error) {
    assert.is((error as AgentError).code, 'AGENT_ERR_CREDENTIAL_FIELD_MISSING');
    assert.match((error as Error).message, /lastName/);
  }
});

test('a closed port is AGENT_ERR_SITE_UNREACHABLE', async () => {
  const closed = await startAirlineServer({ accounts: [] });
  const origin = closed.origin;
  await closed.close();
  const site = withOrigin(findSiteProfile('demo-airline'), origin);
  try {
    await agent.logIn(site, credentialOf(goodFields));
    assert.unreachable('should have failed');
  } catch (error) {
    assert.is((error as AgentError).code, 'AGENT_ERR_SITE_UNREACHABLE');
  }
});

test('a missing Chromium is AGENT_ERR_BROWSER_MISSING naming make setup', async () => {
  try {
    await FlightBookingAgent.launch({ executablePath: join(scratch, 'no-such-chromium') });
    assert.unreachable('should have failed');
  } catch (error) {
    assert.is((error as AgentError).code, 'AGENT_ERR_BROWSER_MISSING');
    assert.match((error as Error).message, /make setup/);
    assert.match((error as Error).message, /apt-get install chromium/);
  }
});

test('unknown site ids are AGENT_ERR_UNKNOWN_SITE and list the known ones', () => {
  assert.throws(
    () => findSiteProfile('example.org'),
    (e: unknown) =>
      e instanceof AgentError && e.code === 'AGENT_ERR_UNKNOWN_SITE' && /aa\.com/.test(e.message),
  );
});

test("logs in with the demo vault's real SecureCredential on a site given the demo accounts", async () => {
  const demoSite = await startAirlineServer({ accounts: await demoAirlineAccounts() });
  const session = await new EmbeddedVault(DEMO_VAULT_PATH).unlock(DEMO_VAULT_PASSWORD);
  try {
    const site = withOrigin(findSiteProfile('demo-airline'), demoSite.origin);
    const [first] = await session.lookup(site.vaultHost);
    assert.ok(first, 'the demo vault has a demo-airline login');
    const credential = await session.credential(first.item.id);
    const result = await agent.logIn(site, credential);
    credential.wipe();
    assert.is(result.welcomeText, 'Welcome, Ada');
    assert.ok(credential.wiped);
  } finally {
    await session.lock();
    await demoSite.close();
  }
});

test.run();
