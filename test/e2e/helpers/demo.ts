/**
 * What the end-to-end tests know about the demo vault: the password a human would type, and the
 * demo-airline logins (read through the real EmbeddedVault, the same way `--demo` reads them).
 */
import { demoAirlineAccounts } from '../../../src/cli/demo-airline.js';
import { DEMO_VAULT_PASSWORD } from '../../../src/vault/demo.js';

export const DEMO_VAULT_PASSWORD_FOR_TEST: string = DEMO_VAULT_PASSWORD;

export interface DemoLogin {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
}

export async function demoAirlineLogins(): Promise<DemoLogin[]> {
  return (await demoAirlineAccounts()).map((a) => ({
    username: a.username,
    displayName: a.firstName ?? a.username,
    password: a.password,
  }));
}
