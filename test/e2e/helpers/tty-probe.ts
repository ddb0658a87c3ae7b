/**
 * A tiny program for test/e2e/tty-io.test.ts: asks one echoed and one secret question through
 * TtyApprovalIO and prints what it got back, except the secret, of which it prints only a hash
 * prefix (so the test can check the right text arrived without the text reaching the screen).
 */
import { createHash } from 'node:crypto';
import { isApprovalError } from '../../../src/approval/errors.js';
import { TtyApprovalIO } from '../../../src/approval/tty-io.js';

try {
  const io = TtyApprovalIO.open();
  const name = await io.ask('Name > ');
  const secret = await io.askSecret('Secret (not shown) > ');
  const digest = createHash('sha256').update(secret).digest('hex').slice(0, 12);
  io.write(`got name=[${name}] secret-sha256=${digest} secret-length-ok=${secret.length > 0}\n`);
  io.close();
} catch (error) {
  const code = isApprovalError(error) ? error.code : 'unexpected';
  process.stdout.write(`error ${code}\n`);
  process.exitCode = 9;
}
