import { mkdir } from 'node:fs/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../shared/errors.ts';
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

/** How long opening waits for the first Postgres connection before reporting the server unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Opens the database: node-postgres when `databaseUrl` is set, otherwise embedded PGlite in
 * `dataDir` (created if missing; `memory://` keeps it in memory, for tests).
 *
 * A Postgres database is connected to once here, so that what is wrong with DATABASE_URL is
 * reported as such, not later as a failed migration or query.
 *
 * @throws AppError DATABASE_URL — not a `postgres://` / `postgresql://` URL (mysql://, a file path…)
 * @throws AppError DATABASE_UNREACHABLE — e.g. `cannot connect to PostgreSQL at postgres://sift:***@db:5432/sift: connect ECONNREFUSED …`
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string; poolSize?: number }): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const where = checkPostgresUrl(options.databaseUrl);
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client's error (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    try {
      await checkConnection(pool, CONNECT_TIMEOUT_MS);
    } catch (error) {
      await pool.end().catch(() => {});
      throw new AppError('DATABASE_UNREACHABLE', `cannot connect to PostgreSQL at ${where}: ${(error as Error).message}`, { cause: error });
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const isMemory = options.dataDir.startsWith('memory://');
  if (!isMemory) await mkdir(options.dataDir, { recursive: true });
  // Loaded only here: a process on Postgres never pays for the embedded engine's modules.
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('kysely-pglite-dialect')]);
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

/** The URL without its password, for messages; throws when it is not a PostgreSQL URL. */
function checkPostgresUrl(databaseUrl: string): string {
  let url: URL | undefined;
  try {
    url = new URL(databaseUrl);
  } catch {
    // not a URL at all (a file path, a typo): reported below without echoing it, as it may hold a password
  }
  if (!url || !['postgres:', 'postgresql:'].includes(url.protocol)) {
    const got = url ? `a ${url.protocol}// URL` : 'something that is not a URL (a file path?)';
    throw new AppError(
      'DATABASE_URL',
      `DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database, got ${got}; ` +
        'unset it to keep the data in the embedded database in SIFT_DATA_DIR',
    );
  }
  if (url.password) url.password = '***';
  return url.toString();
}

/**
 * Connects the pool's first client, which gives up after `timeoutMs` (a host that drops packets
 * would hold the connection for minutes), and leaves it idle in the pool, so the command's first
 * statement uses it instead of opening a second connection (one handshake less per command).
 * Later connections keep pg's defaults (no timeout), as they did when the check had its own client.
 */
async function checkConnection(pool: pg.Pool, timeoutMs: number): Promise<void> {
  pool.options.connectionTimeoutMillis = timeoutMs;
  const startedAt = Date.now();
  try {
    (await pool.connect()).release();
  } catch (error) {
    // pg reports its own timeout as "Connection terminated due to connection timeout"
    if (Date.now() - startedAt >= timeoutMs) throw new Error(`no answer within ${timeoutMs / 1000} s`, { cause: error });
    throw error;
  } finally {
    pool.options.connectionTimeoutMillis = undefined;
  }
}
