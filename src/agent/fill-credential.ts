/**
 * Moves a credential from SecureCredential.use() into the page's form fields and nowhere else.
 * The values are picked inside the use() callback and handed straight to page.fill(); they are
 * never returned, logged, or put into an error message (Playwright errors are replaced, not
 * wrapped, in case a future version echoes the filled text in its call log).
 */
import type { Page } from 'playwright-core';
import type { CredentialFields } from '../vault/secure-credential.js';
import { AgentError } from './errors.js';
import type { FormFieldProfile } from './sites.js';

export type { CredentialFields };

/** The part of SecureCredential the agent needs; anything with use() works (tests, bw backend). */
export interface CredentialSource {
  use<T>(fn: (fields: CredentialFields) => T): T;
}

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The custom field called `name`, compared without case, spaces or punctuation (so "Last name"
 * is 'lastName'); the first such field wins. undefined when the item has none.
 */
export function extraField(
  extra: Readonly<Record<string, string>>,
  name: string,
): string | undefined {
  const wanted = normalise(name);
  for (const [key, value] of Object.entries(extra)) {
    if (normalise(key) === wanted) return value;
  }
  return undefined;
}

function valueFor(fields: CredentialFields, field: FormFieldProfile): string {
  if (field.fill === 'username') return fields.username;
  if (field.fill === 'password') return fields.password;
  const value = extraField(fields.extra, field.fill);
  if (value !== undefined) return value;
  throw new AgentError(
    'AGENT_ERR_CREDENTIAL_FIELD_MISSING',
    `the chosen vault item has no field "${field.fill}" for "${field.label}" ` +
      `(add a custom field named "${field.fill}" to the item)`,
  );
}

/** Fills every profile field in order; resolves when the last fill is done. */
export function fillCredential(
  page: Page,
  credential: CredentialSource,
  fields: readonly FormFieldProfile[],
  timeoutMs: number,
): Promise<void> {
  return credential.use((secret) => {
    // Picked synchronously, while use() still holds the credential open.
    const plan = fields.map((field) => ({ field, value: valueFor(secret, field) }));
    return (async () => {
      for (const step of plan) {
        try {
          await page.fill(step.field.selector, step.value, { timeout: timeoutMs });
        } catch {
          throw new AgentError(
            'AGENT_ERR_LOGIN_FORM_NOT_FOUND',
            `could not fill "${step.field.label}" (${step.field.selector}) on ${page.url()}`,
          );
        } finally {
          step.value = '';
        }
      }
    })();
  });
}
