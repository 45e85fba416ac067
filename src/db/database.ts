import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './tables.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: 'postgres' | 'pglite';
  /** Closes the pool or the embedded database. */
  close(): Promise<void>;
}

// Parse bigint (int8) as a JS number: our ids stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/**
 * Opens the database: node-postgres when `databaseUrl` is set, otherwise embedded PGlite in
 * `dataDir` (created if missing; `memory://` keeps it in memory, for tests).
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string; poolSize?: number }): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client's error (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const isMemory = options.dataDir.startsWith('memory://');
  if (!isMemory) await mkdir(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(isMemory ? undefined : options.dataDir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
