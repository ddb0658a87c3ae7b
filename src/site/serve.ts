/**
 * `npm run airline [-- --port N]`: the demo airline on its own, with the demo vault's demo-airline
 * logins as accounts. The only entry point that listens besides the demo CLI. Point the agent at
 * it with `npm run agent -- --site demo-airline --site-url <printed URL> --vault …`.
 */
import { Command } from 'commander';
import { openDemoAirline } from '../cli/demo-airline.js';
import { LOGIN_PATH } from './demo-airline/paths.js';

const { port } = new Command('airline')
  .description('Serve the local demo airline on 127.0.0.1')
  .option('--port <n>', 'TCP port (default: a free one)', (v) => Number.parseInt(v, 10), 0)
  .parse()
  .opts<{ port: number }>();

const airline = await openDemoAirline(port);
process.stdout.write(`Demo airline at ${airline.origin}${LOGIN_PATH}  (Ctrl-C stops it)\n`);
const stop = () => void airline.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
