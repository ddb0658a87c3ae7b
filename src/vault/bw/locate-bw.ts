/**
 * Which `bw` to run, and which data folder it will use.
 *
 * The executable: an explicit path (`--bw-path`) if given — and then only that one, since the user
 * asked for it — else the first `bw` on PATH (the user's own install), else this project's pinned
 * devDependency in node_modules/.bin.
 *
 * The data folder: by default we set nothing, so `bw` uses the user's normal folder and their
 * existing `bw login` works. We still work out which folder that is (bw's own precedence) because
 * it is the key of the one-call-at-a-time queue and part of the vault's label.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VaultError } from '../errors.js';

export const PROJECT_BW_PATH = fileURLToPath(
  new URL('../../../node_modules/.bin/bw', import.meta.url),
);

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function resolveBwPath(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (explicit !== undefined) {
    const path = resolve(explicit);
    if (isExecutableFile(path)) return path;
    throw new VaultError('VAULT_ERR_BW_MISSING', `no executable bw at ${path} (from --bw-path)`);
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue; // a relative PATH entry depends on the cwd
    const candidate = join(dir, 'bw');
    if (isExecutableFile(candidate)) return candidate;
  }
  if (isExecutableFile(PROJECT_BW_PATH)) return PROJECT_BW_PATH;
  throw new VaultError(
    'VAULT_ERR_BW_MISSING',
    'no bw on PATH and none in node_modules/.bin: install the Bitwarden CLI (npm i -g @bitwarden/cli) or pass --bw-path',
  );
}

/** The folder bw will use: explicit, else BITWARDENCLI_APPDATA_DIR, XDG_CONFIG_HOME, ~/.config. */
export function resolveDataDir(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  if (explicit !== undefined) return resolve(explicit);
  if (env.BITWARDENCLI_APPDATA_DIR) return resolve(env.BITWARDENCLI_APPDATA_DIR);
  const config = env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(config, 'Bitwarden CLI');
}
