/**
 * `--demo`: the local airline with the demo vault's demo-airline logins as its accounts. The site
 * plays the airline, which knows its customers' passwords anyway, so it reads them from the demo
 * vault once, through its own EmbeddedVault instance that is locked again before the approval
 * prompt starts; the prompt's vault is a different instance and still asks for the password.
 */
import { extraField } from '../agent/fill-credential.js';
import { findSiteProfile } from '../agent/sites.js';
import type { AirlineAccount } from '../site/demo-airline/accounts.js';
import { startAirlineServer } from '../site/demo-airline/server.js';
import type { RunningAirline } from '../site/demo-airline/server.js';
import { DEMO_VAULT_PASSWORD, DEMO_VAULT_PATH } from '../vault/demo.js';
import { EmbeddedVault } from '../vault/embedded-vault.js';

/** Every demo-airline login in the demo vault, as the airline's account list. */
export async function demoAirlineAccounts(): Promise<AirlineAccount[]> {
  const vault = new EmbeddedVault(DEMO_VAULT_PATH);
  const session = await vault.unlock(DEMO_VAULT_PASSWORD);
  try {
    const host = findSiteProfile('demo-airline').vaultHost;
    const accounts: AirlineAccount[] = [];
    for (const match of await session.lookup(host)) {
      const credential = await session.credential(match.item.id);
      const account = credential.use(({ username, password, extra }) => {
        const firstName = extraField(extra, 'firstName');
        const aadvantageNumber = extraField(extra, 'aadvantageNumber');
        return {
          username,
          password,
          lastName: extraField(extra, 'lastName') ?? '',
          ...(firstName === undefined ? {} : { firstName }),
          ...(aadvantageNumber === undefined ? {} : { aadvantageNumber }),
        };
      });
      credential.wipe();
      accounts.push(account);
    }
    return accounts;
  } finally {
    await session.lock();
  }
}

export async function openDemoAirline(port = 0): Promise<RunningAirline> {
  return startAirlineServer({ accounts: await demoAirlineAccounts(), port });
}
