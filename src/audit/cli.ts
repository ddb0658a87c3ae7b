/**
 * `npm run audit-log -- verify FILE [--key KEYFILE] [--anchor TAG]`: checks the hash chain and
 * prints `ok N lines` (exit 0) or names the first bad line (exit 1). Other problems (missing key,
 * unreadable file, bad usage) exit 2.
 * `npm run audit-log -- anchor FILE [--key KEYFILE]`: prints the last line's seq and tag, to keep
 * somewhere else and pass to `verify --anchor` later (the only way to notice truncation).
 */
import { Command, CommanderError } from 'commander';
import { AuditError } from './errors.js';
import { verifyAuditFile } from './verify.js';

const keyFor = (file: string, key: string | undefined) => key ?? `${file}.key`;

function run(argv: readonly string[]): number {
  let status = 0;
  const program = new Command('audit-log')
    .description('Check an audit log written by AgentCredentialRequest.')
    .exitOverride();
  program
    .command('verify')
    .argument('<file>', 'the audit log (JSON lines)')
    .option('--key <keyfile>', 'its HMAC key file (default: FILE.key)')
    .option('--anchor <tag>', 'a tag recorded earlier that must still be in the log')
    .action((file: string, opts: { key?: string; anchor?: string }) => {
      const result = verifyAuditFile(file, keyFor(file, opts.key), opts.anchor);
      if (result.ok) {
        console.log(`ok ${result.lines} lines`);
      } else {
        console.log(`${file}: line ${result.line}: ${result.problem}`);
        status = 1;
      }
    });
  program
    .command('anchor')
    .argument('<file>', 'the audit log (JSON lines)')
    .option('--key <keyfile>', 'its HMAC key file (default: FILE.key)')
    .action((file: string, opts: { key?: string }) => {
      const result = verifyAuditFile(file, keyFor(file, opts.key));
      if (!result.ok) {
        console.log(`${file}: line ${result.line}: ${result.problem}`);
        status = 1;
        return;
      }
      console.log(`seq ${result.lines} tag ${result.lastTag}`);
    });
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof AuditError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  return status;
}

process.exitCode = run(process.argv.slice(2));
