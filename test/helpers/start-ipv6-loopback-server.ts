import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Ipv6LoopbackServer {
  /** `http://[::1]:PORT` */
  readonly origin: string;
  /** Paths requested, in arrival order. */
  readonly paths: string[];
  close(): Promise<void>;
}

/**
 * A server on [::1] (ephemeral port), standing for an internal service reached over IPv6, for the
 * tests that check such a service is never reached by what a feed chooses.
 */
export async function startIpv6LoopbackServer(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<Ipv6LoopbackServer> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '::1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://[::1]:${port}`,
    paths,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
