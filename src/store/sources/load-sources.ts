import type { Db } from '../../db/database.ts';
import type { SourceRow } from '../../db/tables.ts';

/** Ids per statement: well under Postgres's 65,535 bind parameters. */
const IDS_PER_STATEMENT = 5_000;

/**
 * The stored rows of many sources at once, by id (a source sources.yaml no longer has is absent):
 * what a pass reads once instead of one `loadSource` round trip per source.
 */
export async function loadSources(db: Db, sourceIds: readonly string[]): Promise<Map<string, SourceRow>> {
  const rows = new Map<string, SourceRow>();
  for (let start = 0; start < sourceIds.length; start += IDS_PER_STATEMENT) {
    const part = sourceIds.slice(start, start + IDS_PER_STATEMENT);
    for (const row of await db.selectFrom('sources').selectAll().where('id', 'in', part).execute()) rows.set(row.id, row);
  }
  return rows;
}
