import { DEFAULT_MIGRATION_TABLE, Migrator, sql, type MigrationResultSet } from 'kysely';
import { MIGRATIONS } from '../../migrations/index.ts';
import { AppError } from '../shared/errors.ts';
import type { Db } from './database.ts';

/**
 * Applies every pending migration. Safe to run again and from several processes at once (Kysely
 * takes a lock). Returns the names applied in this call (empty when already up to date).
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  if (await isUpToDate(db)) return [];
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    // No failed migration: the error came before any ran (the lock, the migrations table, the connection).
    const what = failed ? `migration ${failed.migrationName} failed` : 'could not run the migrations';
    throw new AppError('MIGRATION', `${what}: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/**
 * Whether the database has applied exactly the migrations this code knows, read in one query.
 * Every command starts with migrateToLatest, and Kysely's Migrator spends four statements, a
 * transaction and a lock on finding nothing to do (30–60 ms of every `sift` command; bench/, case
 * process).
 * Anything else (a new database without the table, a pending migration, one this code does not
 * know) goes through the Migrator, which applies or reports it.
 */
async function isUpToDate(db: Db): Promise<boolean> {
  let applied: string[];
  try {
    applied = (await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db)).rows.map((row) => row.name);
  } catch {
    return false; // no migrations table yet (or no answer): the Migrator creates it, or says what is wrong
  }
  const known = Object.keys(MIGRATIONS);
  return applied.length === known.length && known.every((name) => applied.includes(name));
}
