import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../migrations/index.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { AppError } from '../src/shared/errors.ts';
import { countStatements } from './helpers/count-statements.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/db.ts';

describe.each(ENGINES)('migrateToLatest [%s]', (engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('applies every migration to a new database, then finds it up to date with one statement', async () => {
    database = await createTestDatabase(engine, { migrate: false });
    expect(await migrateToLatest(database.db)).toEqual(Object.keys(MIGRATIONS));
    const { db, count } = countStatements(database.db);
    expect(await migrateToLatest(db)).toEqual([]);
    expect(count()).toBe(1);
  });

  it('still applies what is pending and reports a migration this code does not know', async () => {
    database = await createTestDatabase(engine, { migrate: false });
    await migrateToLatest(database.db);
    const last = Object.keys(MIGRATIONS).at(-1) as string;
    // as if the last migration had not run yet: undone by hand, its row removed
    await MIGRATIONS[last]?.down?.(database.db as never);
    await sql`delete from kysely_migration where name = ${last}`.execute(database.db);
    expect(await migrateToLatest(database.db)).toEqual([last]);

    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_a_newer_sift', now()::text)`.execute(database.db);
    await expect(migrateToLatest(database.db)).rejects.toThrow(AppError);
    await expect(migrateToLatest(database.db)).rejects.toThrow(/9999_from_a_newer_sift/);
  });
});
