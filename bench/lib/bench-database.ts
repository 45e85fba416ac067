import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export type Engine = 'postgres' | 'pglite';

export interface BenchDatabase extends DatabaseHandle {
  /** The database's URL (Postgres), for processes run against it; undefined for in-memory PGlite. */
  url?: string;
  /** Closes the connection and drops the database (Postgres) or the in-memory instance (PGlite). */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one measured pass, so no pass sees another's rows or warm
 * indexes: `CREATE DATABASE sift_bench_…` on the server at `adminUrl` (dropped after), or an
 * in-memory PGlite.
 */
export async function createBenchDatabase(engine: Engine, adminUrl: string, options: { poolSize?: number } = {}): Promise<BenchDatabase> {
  if (engine === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db);
    return { ...handle, drop: () => handle.close() };
  }
  const name = `sift_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused', poolSize: options.poolSize });
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    throw error;
  }
  return {
    ...handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** The server's version, for the results file. */
export async function readServerVersion(adminUrl: string): Promise<string> {
  return withAdmin(
    adminUrl,
    async (admin) => (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?',
  );
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot reach Postgres at ${adminUrl} (set TEST_DATABASE_URL): ${(error as Error).message}`, { cause: error });
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
