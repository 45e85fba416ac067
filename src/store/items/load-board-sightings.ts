import type { Db } from '../../db/database.ts';

/** One source that carried a board card's link, and when sift first saw it there. */
export type BoardSightingRecord = { sourceId: string; name: string; kind: string; category: string; firstSeenAt: Date };

/** The sightings of the board cards' links (with their sources), by item id, oldest first; one query. */
export async function loadBoardSightings(db: Db, ids: number[]): Promise<Map<number, BoardSightingRecord[]>> {
  const byItem = new Map<number, BoardSightingRecord[]>();
  if (ids.length === 0) return byItem;
  const rows = await db
    .selectFrom('sightings')
    .innerJoin('sources', 'sources.id', 'sightings.source_id')
    .select(['sightings.item_id', 'sources.id', 'sources.name', 'sources.kind', 'sources.category', 'sightings.first_seen_at'])
    .where('sightings.item_id', 'in', ids)
    .orderBy('sightings.first_seen_at')
    .orderBy('sources.id')
    .execute();
  for (const row of rows) {
    const list = byItem.get(Number(row.item_id)) ?? [];
    list.push({ sourceId: row.id, name: row.name, kind: row.kind, category: row.category, firstSeenAt: row.first_seen_at });
    byItem.set(Number(row.item_id), list);
  }
  return byItem;
}
