/**
 * Opens a socket for the demo airline: loopback only, a free port, and the origin the browser
 * should use. Chromium resolves every *.localhost name to loopback, so the site gets a real host
 * name (`demo-airline.localhost`) that the vault's domain matcher can match without DNS.
 */
import { DEMO_AIRLINE_HOST } from '../../agent/sites.js';
import { buildAirlineApp } from './app.js';
import type { AirlineAppOptions } from './app.js';

export { DEMO_AIRLINE_HOST };

export interface RunningAirline {
  /** e.g. http://demo-airline.localhost:41234 */
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startAirlineServer(
  opts: AirlineAppOptions & { readonly port?: number },
): Promise<RunningAirline> {
  const app = await buildAirlineApp(opts);
  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    await app.close();
    throw new Error('demo airline: the server has no TCP address');
  }
  return {
    origin: `http://${DEMO_AIRLINE_HOST}:${address.port}`,
    port: address.port,
    close: () => app.close(),
  };
}
