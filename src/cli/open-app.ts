import type { SourcesConfig } from '../config/schema.ts';
import { readSourcesText } from '../config/read-sources-text.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createLogger } from '../shared/logger.ts';
import { hashSourcesText, readSyncedSources, syncSources } from '../store/sources/sync-sources.ts';
import type { CliContext, Deps } from './context.ts';

export interface App extends Deps {
  close(): Promise<void>;
}

/** An app opened without its configuration (`config: false`): the database, synced, and the rest of the deps. */
export type StoreApp = Omit<App, 'config'>;

export interface OpenAppOptions {
  /** Sync the sources table with sources.yaml (default true). */
  sync?: boolean;
  /** Parse and validate sources.yaml for the command (default true); false when the command never reads the config. */
  config?: boolean;
}

/**
 * Builds the deps of a command: sources.yaml read, the database opened, migrated and synced with
 * sources.yaml. Every command that needs the schema goes through here.
 *
 * When sources.yaml is the text the last sync recorded (its content hash, which covers the code
 * that reads it too), the sync is skipped and the configuration comes from what that sync stored:
 * the YAML parser, the schema and a full sync were a third to a half of the start-up of a command
 * (bench/, case process). A file that was valid when it was synced is valid now, so a skipped
 * parse hides no error; an edited file is parsed, reported and synced as before.
 */
export async function openApp(ctx: CliContext, options?: OpenAppOptions & { config?: true }): Promise<App>;
export async function openApp(ctx: CliContext, options: OpenAppOptions & { config: false }): Promise<StoreApp>;
export async function openApp(ctx: CliContext, options: OpenAppOptions = {}): Promise<App | StoreApp> {
  const log = createLogger({ level: ctx.env.LOG_LEVEL });
  const file = ctx.env.SIFT_SOURCES;
  const text = await readSourcesText(file);
  const contentHash = hashSourcesText(text);
  const needsConfig = options.config !== false;
  let config: SourcesConfig | undefined;
  const handle = await openDatabase({ databaseUrl: ctx.env.DATABASE_URL, dataDir: ctx.env.SIFT_DATA_DIR });
  try {
    const applied = await migrateToLatest(handle.db);
    if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
    const synced = await readSyncedSources(handle.db, { withConfig: needsConfig });
    if (synced?.contentHash === contentHash) {
      // the same text read by the same code: what the last sync validated, at this path
      if (synced.config) config = Object.freeze({ ...synced.config, file });
    } else if (needsConfig || options.sync !== false) {
      // Loaded only here: yaml and the schema are most of what reading the file costs.
      config = (await import('../config/load-sources.ts')).parseSources(text, file);
      if (options.sync !== false) {
        const result = await syncSources(handle.db, config.sources, { from: { contentHash, config } });
        if (result.added + result.updated + result.disabled > 0) log.info(result, 'sources synced with sources.yaml');
      }
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  // globalThis.fetch is a getter that loads undici (and its WebAssembly HTTP parser) on first read: only a command that fetches pays for it
  const fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);
  const app: StoreApp = { db: handle.db, log, clock: ctx.clock, fetch, env: ctx.env, close: () => handle.close() };
  return options.config === false ? app : { ...app, config: config as SourcesConfig };
}
