import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { TEST_DATABASE_URL } from './helpers/db.ts';

/** Between sift and the test server: counts the connections opened through it. */
let proxy: net.Server;
let connections = 0;
let proxiedUrl: string;

beforeAll(async () => {
  const server = new URL(TEST_DATABASE_URL);
  proxy = net.createServer((socket) => {
    connections += 1;
    const upstream = net.connect(Number(server.port || 5432), server.hostname);
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(TEST_DATABASE_URL);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((proxy.address() as net.AddressInfo).port);
  proxiedUrl = proxied.toString();
});

afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
});

it('a command that opens Postgres and runs its statements connects once: the check of DATABASE_URL is the first pooled connection', async () => {
  const handle = await openDatabase({ databaseUrl: proxiedUrl, dataDir: 'unused' });
  try {
    await sql`SELECT 1`.execute(handle.db);
    await sql`SELECT 2`.execute(handle.db);
  } finally {
    await handle.close();
  }
  expect(connections).toBe(1);
});
