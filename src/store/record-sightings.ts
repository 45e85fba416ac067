import { sql, type Transaction } from 'kysely';
import type { Database, NewSightingRow } from '../db/tables.ts';

const CHUNK_SIZE = 1_000;

/**
 * Records that a source carried these items, once per (item, source). A repeated sighting only
 * refreshes engagement figures when they changed (HN points grow); it never adds a row.
 * Returns how many sightings are new.
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
          .doUpdateSet({ points: sql`excluded.points`, comments: sql`excluded.comments` })
          .where(({ or, eb }) =>
            or([
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
