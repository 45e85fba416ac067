import { sql, type Transaction } from 'kysely';
import type { Database, NewSightingRow } from '../../db/tables.ts';

const CHUNK_SIZE = 1_000;

/** The row brings an entry dated after every entry seen before (an hour's slack for re-dated feeds). */
const IS_NEWER = sql<boolean>`excluded.appeared_at > coalesce(sightings.appeared_at, sightings.first_seen_at) + interval '1 hour'`;

/**
 * Records that a source carried these items, once per (item, source). A repeated sighting never
 * adds a row; it refreshes engagement figures when they changed (HN points grow), and when a newer
 * entry carries the link (a repository back on trending, a newsletter's next issue) it moves
 * `appeared_at` to that entry's date and counts one more appearance (at least as many as the
 * distinct entry dates the row itself brings). Returns how many sightings are new.
 */
export async function recordSightings(trx: Transaction<Database>, rows: readonly NewSightingRow[]): Promise<number> {
  let newCount = 0;
  const sorted = [...rows].sort((a, b) => Number(a.item_id) - Number(b.item_id));
  for (let start = 0; start < sorted.length; start += CHUNK_SIZE) {
    const written = await trx
      .insertInto('sightings')
      .values(sorted.slice(start, start + CHUNK_SIZE))
      .onConflict((conflict) =>
        conflict
          .columns(['item_id', 'source_id'])
          .doUpdateSet({
            points: sql`coalesce(excluded.points, sightings.points)`,
            comments: sql`coalesce(excluded.comments, sightings.comments)`,
            appearances: sql`greatest(excluded.appearances, sightings.appearances + case when ${IS_NEWER} then 1 else 0 end)`,
            appeared_at: sql`greatest(sightings.appeared_at, excluded.appeared_at)`,
          })
          .where(({ or, eb }) =>
            or([
              IS_NEWER,
              sql<boolean>`excluded.appearances > sightings.appearances`,
              eb.and([eb('excluded.points', 'is not', null), sql<boolean>`excluded.points is distinct from sightings.points`]),
              eb.and([eb('excluded.comments', 'is not', null), sql<boolean>`excluded.comments is distinct from sightings.comments`]),
            ]),
          ),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    newCount += written.filter((row) => row.inserted).length;
  }
  return newCount;
}
