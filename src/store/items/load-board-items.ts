import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ItemRow } from '../../db/tables.ts';

/** The columns of an item a board card shows. */
export type BoardItemRecord = Pick<
  ItemRow,
  'id' | 'url' | 'title' | 'summary' | 'lang' | 'published_at' | 'first_seen_at' | 'image_url' | 'media_kind'
>;

/** The board cards' items by id, in one query; ids that no longer exist are simply missing. */
export async function loadBoardItems(db: Db, ids: number[]): Promise<Map<number, BoardItemRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('items')
    .select(['id', 'url', 'title', 'summary', 'lang', 'published_at', 'first_seen_at', 'image_url', 'media_kind'])
    .where(sql<number>`items.id`, 'in', ids) // items.id is Generated<BigId>: Kysely cannot compare it to number directly
    .execute();
  return new Map(rows.map((row) => [Number(row.id), row]));
}
