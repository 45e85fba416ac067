import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { SourceConfig, SourcesConfig } from '../../config/schema.ts';
import type { Db } from '../../db/database.ts';
import type { NewSourceRow } from '../../db/tables.ts';

/** What the sources table was synced from: the content hash of sources.yaml and the configuration it validated to. */
export interface SyncedSources {
  contentHash: string;
  config: SourcesConfig;
}

/** The row of sync_state that says what the sources table was synced from. */
const SOURCES_SYNC = 'sources';

/**
 * The code that decides what configuration and rows a sources.yaml becomes (src/config/: the
 * schema and its defaults, the parser; toRow below), relative to the repository: part of the
 * hash, so a sift whose code reads the same file differently parses and syncs it again once
 * instead of trusting what an older one stored.
 */
export function listSyncCodeFiles(root: string): string[] {
  const config = readdirSync(path.join(root, 'src/config'))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .sort();
  // the schema's http(s) URL check is the one every room uses (src/shared)
  return [...config.map((name) => `src/config/${name}`), 'src/shared/parse-http-url.ts', 'src/store/sources/sync-sources.ts'];
}

/** The build (scripts/build.ts) sets this to hashSyncCode() of the files it bundled: dist/ may ship without the sources. */
declare const SIFT_SYNC_CODE_HASH: string | undefined;

/** sha256 of the listSyncCodeFiles under `root`. */
export function hashSyncCode(root: string): string {
  const hash = createHash('sha256');
  for (const file of listSyncCodeFiles(root)) hash.update(`${file}\n`).update(readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

let sourceCodeHash: string | undefined;

/**
 * The content hash a sync of this sources.yaml text stores: the text and the code that reads it.
 * openApp (src/cli/open-app.ts) compares it with readSyncedHash and skips parsing and syncing
 * when they match: about a third of the start-up of every command on 250 sources (bench/, case
 * process).
 */
export function hashSourcesText(text: string): string {
  const code =
    typeof SIFT_SYNC_CODE_HASH === 'string'
      ? SIFT_SYNC_CODE_HASH
      : (sourceCodeHash ??= hashSyncCode(fileURLToPath(new URL('../../..', import.meta.url))));
  return createHash('sha256').update(`${code}\n`).update(text).digest('hex');
}

/**
 * What the sources table was last synced from (with the configuration only when `withConfig`: a
 * large sources.yaml is megabytes of JSON); undefined when never, or by a sync that was given none.
 */
export async function readSyncedSources(
  db: Db,
  options: { withConfig: boolean },
): Promise<{ contentHash: string; config?: SourcesConfig } | undefined> {
  const row = await db
    .selectFrom('sync_state')
    .select(options.withConfig ? ['content_hash', 'config'] : ['content_hash'])
    .where('name', '=', SOURCES_SYNC)
    .executeTakeFirst();
  if (!row?.content_hash || (options.withConfig && !row.config)) return undefined;
  return options.withConfig ? { contentHash: row.content_hash, config: row.config as SourcesConfig } : { contentHash: row.content_hash };
}

/** Rows per INSERT: far below Postgres's bind-parameter limit. */
const INSERT_CHUNK = 1_000;

export interface SyncResult {
  added: number;
  updated: number;
  disabled: number;
}

/**
 * Makes the `sources` table match sources.yaml: new sources added, changed ones updated, removed
 * ones disabled (never deleted: their items and history stay). Fetch state (validators, health)
 * is kept across edits unless the URL changed, which starts the source afresh.
 *
 * Records `from` (the content hash of the file the sources came from, and its configuration) as
 * what the table was synced from, in the same transaction; without it, it clears the record, so
 * the next command parses and syncs sources.yaml again whatever it holds.
 */
export async function syncSources(db: Db, sources: readonly SourceConfig[], options: { from?: SyncedSources } = {}): Promise<SyncResult> {
  return db.transaction().execute(async (trx) => {
    const existing = new Map(
      (
        await trx
          .selectFrom('sources')
          .select(['id', 'url', 'name', 'kind', 'lang', 'category', 'weight', 'interval_seconds', 'timeout_ms', 'tags', 'enabled'])
          .execute()
      ).map((row) => [row.id, row]),
    );
    const result: SyncResult = { added: 0, updated: 0, disabled: 0 };
    const inserts: NewSourceRow[] = [];
    for (const source of sources) {
      const row = toRow(source);
      const current = existing.get(source.id);
      existing.delete(source.id);
      if (!current) {
        // Due at once, whatever the clock says.
        inserts.push({ ...row, next_check_at: new Date(0) });
        continue;
      }
      const isChanged =
        current.url !== row.url ||
        current.name !== row.name ||
        current.kind !== row.kind ||
        current.lang !== row.lang ||
        current.category !== row.category ||
        current.weight !== row.weight ||
        current.interval_seconds !== row.interval_seconds ||
        current.timeout_ms !== row.timeout_ms ||
        current.enabled !== row.enabled ||
        JSON.stringify(current.tags) !== row.tags;
      if (!isChanged) continue;
      const urlChanged = current.url !== row.url;
      await trx
        .updateTable('sources')
        .set({
          ...row,
          updated_at: sql<Date>`now()`,
          ...(urlChanged ? { etag: null, last_modified: null, error_count: 0, next_check_at: new Date(0) } : {}),
        })
        .where('id', '=', source.id)
        .execute();
      result.updated += 1;
    }
    // Chunked: one statement may bind at most 65,535 parameters (12 per source).
    for (let start = 0; start < inserts.length; start += INSERT_CHUNK) {
      await trx
        .insertInto('sources')
        .values(inserts.slice(start, start + INSERT_CHUNK))
        .execute();
    }
    result.added = inserts.length;
    const removed = [...existing.values()].filter((row) => row.enabled).map((row) => row.id);
    if (removed.length > 0) {
      await trx.updateTable('sources').set({ enabled: false, updated_at: sql<Date>`now()` }).where('id', 'in', removed).execute();
      result.disabled = removed.length;
    }
    const state = { content_hash: options.from?.contentHash ?? null, config: options.from ? JSON.stringify(options.from.config) : null };
    await trx
      .insertInto('sync_state')
      .values({ name: SOURCES_SYNC, ...state })
      .onConflict((conflict) => conflict.column('name').doUpdateSet({ ...state, synced_at: sql<Date>`now()` }))
      .execute();
    return result;
  });
}

function toRow(source: SourceConfig) {
  return {
    id: source.id,
    name: source.name,
    url: source.url,
    kind: source.kind,
    lang: source.lang,
    category: source.category,
    weight: source.weight,
    interval_seconds: Math.round(source.interval / 1000),
    timeout_ms: source.timeout,
    tags: JSON.stringify(source.tags),
    enabled: source.enabled,
  } satisfies NewSourceRow;
}
