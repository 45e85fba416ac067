import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export interface SourceHealth {
  id: string;
  name: string;
  url: string;
  kind: string;
  enabled: boolean;
  lastStatus: string | null;
  lastError: string | null;
  errorCount: number;
  lastFetchedAt: Date | null;
  lastSuccessAt: Date | null;
  nextCheckAt: Date;
  itemsLast7Days: number;
}

/**
 * Every source's health, broken first (most consecutive failures first), then never fetched,
 * then the healthy ones by id. Items counted are sightings first seen in the last 7 days.
 */
export async function listSourceHealth(db: Db, now: Date): Promise<SourceHealth[]> {
  const since = new Date(now.getTime() - 7 * 86_400_000);
  const rows = await db
    .selectFrom('sources')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('sightings')
          .select(['source_id', (inner) => inner.fn.countAll<string>().as('recent')])
          .where('first_seen_at', '>=', since)
          .groupBy('source_id')
          .as('recent'),
      (join) => join.onRef('recent.source_id', '=', 'sources.id'),
    )
    .select([
      'sources.id',
      'sources.name',
      'sources.url',
      'sources.kind',
      'sources.enabled',
      'sources.last_status',
      'sources.last_error',
      'sources.error_count',
      'sources.last_fetched_at',
      'sources.last_success_at',
      'sources.next_check_at',
      sql<string | null>`recent.recent`.as('recent'),
    ])
    .orderBy(sql`sources.error_count > 0`, 'desc')
    .orderBy('sources.error_count', 'desc')
    .orderBy(sql`sources.last_fetched_at is null`, 'desc')
    .orderBy('sources.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    url: row.url,
    kind: row.kind,
    enabled: row.enabled,
    lastStatus: row.last_status,
    lastError: row.last_error,
    errorCount: row.error_count,
    lastFetchedAt: row.last_fetched_at,
    lastSuccessAt: row.last_success_at,
    nextCheckAt: row.next_check_at,
    itemsLast7Days: Number(row.recent ?? 0),
  }));
}
