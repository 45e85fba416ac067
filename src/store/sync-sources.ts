import { sql } from 'kysely';
import type { SourceConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import type { NewSourceRow } from '../db/tables.ts';

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
 */
export async function syncSources(db: Db, sources: readonly SourceConfig[]): Promise<SyncResult> {
  return db.transaction().execute(async (trx) => {
    const existing = new Map((await trx.selectFrom('sources').select(['id', 'url', 'name', 'kind', 'lang', 'category', 'weight', 'interval_seconds', 'timeout_ms', 'tags', 'enabled']).execute()).map((row) => [row.id, row]));
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
      await trx.insertInto('sources').values(inserts.slice(start, start + INSERT_CHUNK)).execute();
    }
    result.added = inserts.length;
    const removed = [...existing.values()].filter((row) => row.enabled).map((row) => row.id);
    if (removed.length > 0) {
      await trx.updateTable('sources').set({ enabled: false, updated_at: sql<Date>`now()` }).where('id', 'in', removed).execute();
      result.disabled = removed.length;
    }
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
