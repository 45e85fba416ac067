import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { fetchThrough } from './fetch-through.ts';
import { createPublicDispatcher } from './public-dispatcher.ts';

// Tests never reach the internet, so for this file 127.0.0.2 stands for a public address: the
// connection path that a public answer takes (lookup → socket, or a literal IP) runs for real.
vi.mock('./describe-private-address.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./describe-private-address.ts')>();
  return { describePrivateAddress: (address: string) => (address === '127.0.0.2' ? undefined : original.describePrivateAddress(address)) };
});

const hosts: string[] = [];
let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((request, response) => {
    hosts.push(request.headers.host ?? '');
    response.end('feed');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const resolved: string[] = [];
const publicFetch = fetchThrough(
  globalThis.fetch,
  createPublicDispatcher({
    resolve: async (hostname) => {
      resolved.push(hostname);
      return hostname === 'feeds.test' ? [{ address: '127.0.0.2', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    },
  }),
);

it('connects a name whose answer is public to that very address, resolving it once', async () => {
  const response = await publicFetch(`http://feeds.test:${port}/feed.xml`);

  expect(response.status).toBe(200);
  expect(await response.text()).toBe('feed');
  expect(hosts.at(-1)).toBe(`feeds.test:${port}`);
  expect(resolved).toEqual(['feeds.test']);
});

it('connects a public literal IP without a lookup, and refuses a private one', async () => {
  resolved.length = 0;

  expect((await publicFetch(`http://127.0.0.2:${port}/feed.xml`)).status).toBe(200);
  const refused = await publicFetch(`http://127.0.0.1:${port}/feed.xml`).catch((error: unknown) => error);

  expect(refused).toMatchObject({ cause: { code: 'PRIVATE_ADDRESS', message: '127.0.0.1 is a loopback address' } });
  expect(resolved).toEqual([]);
});

it('refuses a name with a private answer', async () => {
  const refused = await publicFetch(`http://intranet.test:${port}/feed.xml`).catch((error: unknown) => error);

  expect(refused).toMatchObject({ cause: { code: 'PRIVATE_ADDRESS', message: 'intranet.test resolves to 127.0.0.1, a loopback address' } });
});
