/**
 * Play one SPAKE2 party over stdin/stdout, one hex line per message, in the order of FLOW
 * (src/spake2/flow.ts), each party sending its own share first:
 *   A: prints pA, reads pB, prints cA, reads cB      B: prints pB, reads pA, reads cA, prints cB
 * then prints `confirmed` and the public transcript digest, or `error <CODE>` (exit 1).
 * Prompts go to stderr, so stdout carries only protocol lines. Run A and B in two terminals and
 * paste the lines across, or hold any other RFC 9382 implementation against this one.
 *
 *   npm run spake2 -- --role A --code 123456
 */
import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import {
  bytesToHex,
  bytesToNumberBE,
  FLOW,
  fromHex,
  P256_SHA256,
  renderFlow,
  Spake2Error,
  Spake2Session,
  SUITES,
  type MessageName,
  type SecretSource,
} from '../spake2/index.js';

interface Options {
  role: 'A' | 'B';
  suite: string;
  code?: string;
  w?: string;
  idA: string;
  idB: string;
  allowEmptyIdentities?: boolean;
  aad: string;
  salt: string;
}

const program = new Command('spake2')
  .description(`Play one SPAKE2 (RFC 9382) party over stdin/stdout.\n\n${renderFlow()}`)
  .addOption(
    new Option('--role <role>', 'which party to play').choices(['A', 'B']).makeOptionMandatory(),
  )
  .addOption(
    new Option('--suite <name>', 'ciphersuite')
      .choices([...SUITES.keys()])
      .default(P256_SHA256.name),
  )
  .option('--code <digits>', 'the shared code; w is derived from it (scrypt, docs/protocol.md)')
  .option('--w <hex>', 'use this w directly (e.g. an RFC 9382 test vector)')
  .option('--id-a <text>', "A's identity", 'agent')
  .option('--id-b <text>', "B's identity", 'approver')
  .option(
    '--allow-empty-identities',
    'permit --id-a "" / --id-b "" (RFC 9382 §3.3: implicit identities only)',
  )
  .option('--aad <text>', 'associated data bound into the confirmation keys', '')
  .option('--salt <text>', 'public salt for deriving w from --code', '')
  .showHelpAfterError();

const opts = program.parse().opts<Options>();

const lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();

function secretFrom(o: Options): SecretSource {
  if ((o.code === undefined) === (o.w === undefined)) {
    throw new Spake2Error('SPAKE2_ERR_INPUT', 'give exactly one of --code or --w');
  }
  if (o.w !== undefined) return { w: bytesToNumberBE(fromHex(o.w, '--w')) };
  return { password: { code: o.code as string, salt: new TextEncoder().encode(o.salt) } };
}

function send(name: MessageName, bytes: Uint8Array): void {
  process.stderr.write(`${name} (send this to the other party):\n`);
  process.stdout.write(bytesToHex(bytes) + '\n');
}

async function receive(name: MessageName): Promise<Uint8Array> {
  process.stderr.write(`${name} (paste the other party's line):\n`);
  const next = await lines.next();
  if (next.done) throw new Spake2Error('SPAKE2_ERR_INPUT', `stdin closed before ${name}`);
  return fromHex(next.value, name);
}

async function main(o: Options): Promise<void> {
  const session = await Spake2Session.create({
    role: o.role,
    suite: SUITES.get(o.suite) ?? P256_SHA256,
    secret: secretFrom(o),
    idA: o.idA,
    idB: o.idB,
    allowEmptyIdentities: o.allowEmptyIdentities ?? false,
    aad: o.aad,
  });
  // pA and pB are independent (RFC 9382 §3.3), so each party sends its own share first, without
  // waiting for the peer's; every other read and write follows FLOW's order.
  const ownShare = o.role === 'A' ? 'pA' : 'pB';
  send(ownShare, session.start());
  for (const { msg, from } of FLOW) {
    if (msg === ownShare) continue;
    // Besides its share, the only message a party sends is its MAC.
    if (from === o.role) send(msg, session.confirm());
    else if (msg === 'pA' || msg === 'pB') session.receiveShare(await receive(msg));
    else session.verify(await receive(msg));
  }
  process.stdout.write(`confirmed\ndigest ${session.transcriptDigest}\n`);
  session.destroy();
}

try {
  await main(opts);
  process.exit(0);
} catch (e) {
  if (!(e instanceof Spake2Error)) throw e;
  process.stdout.write(`error ${e.code}\n`);
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
