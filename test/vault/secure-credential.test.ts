/** SecureCredential never prints its values, and wipe() really overwrites them. */
import { inspect } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VaultError } from '../../src/vault/errors.js';
import { SecureCredential } from '../../src/vault/secure-credential.js';

const PASSWORD = 'pw-should-never-print-9Zq';
const make = () =>
  new SecureCredential({
    username: 'user-should-never-print',
    password: PASSWORD,
    extra: { lastName: 'LastNameNeverPrinted', memberId: Buffer.from('member-never-printed') },
  });
const SECRETS = [
  PASSWORD,
  'user-should-never-print',
  'LastNameNeverPrinted',
  'member-never-printed',
];

function assertClean(text: string, how: string): void {
  for (const secret of SECRETS) assert.not.ok(text.includes(secret), `${how} leaked a value`);
  assert.ok(text.includes('[redacted]'), `${how} says [redacted]: ${text}`);
}

test('String(), template strings, concatenation, util.inspect and JSON show [redacted]', () => {
  const credential = make();
  assertClean(String(credential), 'String()');
  assertClean(`${credential}`, 'template string');
  assertClean('x' + credential, 'concatenation');
  assertClean(inspect(credential, { showHidden: true, depth: Infinity }), 'util.inspect');
  assertClean(inspect({ nested: [credential] }), 'nested inspect');
  assertClean(JSON.stringify(credential), 'JSON.stringify');
  assertClean(JSON.stringify({ credential }), 'JSON.stringify nested');
  assert.equal(Object.keys(credential), [], 'no enumerable properties');
});

test('use() hands over the values; field names are public', () => {
  const credential = make();
  assert.equal(credential.fieldNames, ['username', 'password', 'lastName', 'memberId']);
  assert.equal(credential.extraFieldNames, ['lastName', 'memberId']);
  const seen = credential.use((f) => [f.username, f.password, f.extra.lastName, f.extra.memberId]);
  assert.equal(seen, [
    'user-should-never-print',
    PASSWORD,
    'LastNameNeverPrinted',
    'member-never-printed',
  ]);
  assert.is(
    credential.use((f) => Object.isFrozen(f) && Object.isFrozen(f.extra)),
    true,
  );
});

test('the constructor copies Buffers: wiping the caller’s Buffer does not change the credential', () => {
  const source = Buffer.from('bytes-from-caller');
  const credential = new SecureCredential({ username: 'u', password: source });
  source.fill(0);
  assert.is(
    credential.use((f) => f.password),
    'bytes-from-caller',
  );
});

test('wipe() zeroes the Buffers and later use() throws VAULT_ERR_WIPED', () => {
  const credential = make();
  // Capture the Buffers the credential allocates, to look at them after wipe().
  const allocated: Buffer[] = [];
  const original = Buffer.alloc;
  Buffer.alloc = ((size: number, ...rest: []) => {
    const b = original(size, ...rest);
    allocated.push(b);
    return b;
  }) as typeof Buffer.alloc;
  let spied: SecureCredential;
  try {
    spied = make();
  } finally {
    Buffer.alloc = original;
  }
  assert.is(allocated.length, 4, 'one Buffer per value');
  assert.ok(
    allocated.some((b) => b.some((x) => x !== 0)),
    'values present before wipe',
  );
  spied.wipe();
  assert.ok(spied.wiped);
  for (const b of allocated)
    assert.ok(
      b.every((x) => x === 0),
      'zeroed',
    );
  try {
    spied.use(() => 1);
    assert.unreachable('use after wipe must throw');
  } catch (error) {
    assert.instance(error, VaultError);
    assert.is((error as VaultError).code, 'VAULT_ERR_WIPED');
  }
  credential.wipe();
  credential.wipe(); // idempotent
  assert.ok(credential.wiped);
});

test.run();
