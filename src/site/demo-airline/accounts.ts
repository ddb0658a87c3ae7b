/**
 * The accounts the demo airline accepts. They are passed in as options (the demo passes the
 * demo vault's demo-airline logins) so the site never hard-codes a credential of its own.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface AirlineAccount {
  /** What aa.com calls "AAdvantage number or username"; either one logs in. */
  readonly username: string;
  readonly aadvantageNumber?: string;
  readonly lastName: string;
  readonly password: string;
  /** Shown on the welcome page; the username is shown when it is missing. */
  readonly firstName?: string;
}

export interface LoginAttempt {
  readonly loginId: string;
  readonly lastName: string;
  readonly password: string;
}

/** Compares fixed-length digests so the time taken does not depend on where the strings differ. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The account the attempt logs into, or undefined. Every account is checked (no early exit). */
export function findAccount(
  accounts: readonly AirlineAccount[],
  attempt: LoginAttempt,
): AirlineAccount | undefined {
  let found: AirlineAccount | undefined;
  for (const account of accounts) {
    const idMatches =
      sameName(attempt.loginId, account.username) ||
      (account.aadvantageNumber !== undefined &&
        sameName(attempt.loginId, account.aadvantageNumber));
    const passwordMatches = sameSecret(attempt.password, account.password);
    if (idMatches && sameName(attempt.lastName, account.lastName) && passwordMatches) {
      found ??= account;
    }
  }
  return found;
}
