import { loadSources } from '../config/load-sources.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createLogger } from '../shared/logger.ts';
import type { Deps } from '../shared/deps.ts';
import { syncSources } from '../store/sync-sources.ts';
import type { CliContext } from './context.ts';

export interface App extends Deps {
  close(): Promise<void>;
}

/**
 * Builds the deps of a command: sources.yaml loaded and validated, the database opened, migrated
 * and synced with sources.yaml. Every command that needs the schema goes through here.
 */
export async function openApp(ctx: CliContext, options: { sync?: boolean } = {}): Promise<App> {
  const log = createLogger({ level: ctx.env.LOG_LEVEL });
  const config = await loadSources(ctx.env.SIFT_SOURCES);
  const handle = await openDatabase({ databaseUrl: ctx.env.DATABASE_URL, dataDir: ctx.env.SIFT_DATA_DIR });
  try {
    const applied = await migrateToLatest(handle.db);
    if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
    if (options.sync !== false) {
      const synced = await syncSources(handle.db, config.sources);
      if (synced.added + synced.updated + synced.disabled > 0) log.info(synced, 'sources synced with sources.yaml');
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  return { db: handle.db, log, clock: ctx.clock, fetch: globalThis.fetch, config, env: ctx.env, close: () => handle.close() };
}
