import { Migrator, type MigrationResultSet } from 'kysely';
import { MIGRATIONS } from '../../migrations/index.ts';
import { AppError } from '../shared/errors.ts';
import type { Db } from './database.ts';

/**
 * Applies every pending migration. Safe to run again and from several processes at once (Kysely
 * takes a lock). Returns the names applied in this call (empty when already up to date).
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new AppError('MIGRATION', `migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
