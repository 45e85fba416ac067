import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, afterAll, beforeAll } from 'vitest';
import { openDatabase, type DatabaseHandle, type Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export type Engine = 'pglite' | 'postgres';
export const ENGINES: Engine[] = ['pglite', 'postgres'];

/** The server the Postgres half of the suite runs on. Missing server = failing tests, never skipped ones. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends DatabaseHandle {
  /** Connection URL of the fresh Postgres database (undefined for PGlite). */
  url?: string;
  /** Closes and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a new database on the Postgres server (dropped
 * afterwards) or an in-memory PGlite. Runs never see each other's rows.
 */
export async function createTestDatabase(engine: Engine, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let handle: DatabaseHandle;
  let url: string | undefined;
  let dropServerDatabase = async () => {};
  if (engine === 'postgres') {
    const name = `sift_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
    const target = new URL(TEST_DATABASE_URL);
    target.pathname = `/${name}`;
    url = target.toString();
    handle = await openDatabase({ databaseUrl: url, dataDir: 'unused' });
    dropServerDatabase = () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {});
  } else {
    handle = await openDatabase({ dataDir: 'memory://' });
  }
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      await dropServerDatabase();
    },
  };
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot reach the test Postgres server at ${TEST_DATABASE_URL} (set TEST_DATABASE_URL): ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs the same suite on both engines (yarr's one storage suite on two engines). `getDb()` returns
 * the migrated database of the current engine.
 */
export function describeEachEngine(
  title: string,
  suite: (context: { getDb: () => Db; getHandle: () => TestDatabase; engine: Engine }) => void,
): void {
  for (const engine of ENGINES) {
    describe(`${title} [${engine}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await database?.drop();
      });
      const getHandle = () => {
        if (!database) throw new Error('test database not ready');
        return database;
      };
      suite({ getDb: () => getHandle().db, getHandle, engine });
    });
  }
}

/**
 * A blog source (`blog`) and one item per link, each with a sighting from it at `seenAt`; returns
 * the items' ids in the order given. For store tests that need a few stored links and nothing else.
 */
export async function seedBlogItems(
  db: Db,
  links: ReadonlyArray<{ url: string; title: string; summary: string }>,
  seenAt: Date,
): Promise<number[]> {
  await db
    .insertInto('sources')
    .values({ id: 'blog', name: 'Blog', url: 'https://blog.example/feed', kind: 'blog', lang: 'en', category: 'articles', tags: '[]' })
    .execute();
  const items = await db
    .insertInto('items')
    .values(links.map((link) => ({ ...link, canonical_url: link.url, first_seen_at: seenAt })))
    .returning('id')
    .execute();
  await db
    .insertInto('sightings')
    .values(items.map((item) => ({ item_id: item.id, source_id: 'blog', first_seen_at: seenAt })))
    .execute();
  return items.map((item) => Number(item.id));
}
