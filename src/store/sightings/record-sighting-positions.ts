import { sql, type Transaction } from 'kysely';
import type { Database, NewSightingPositionRow } from '../../db/tables.ts';

const CHUNK_SIZE = 1_000;

/**
 * Records where a ranked source listed links (migrations/0011): one row per sighting and listing
 * day, keeping the best (least) position seen that day however often the list is read. The
 * sightings must exist (same transaction, recorded first).
 */
export async function recordSightingPositions(trx: Transaction<Database>, rows: readonly NewSightingPositionRow[]): Promise<void> {
  const sorted = [...rows].sort((a, b) => Number(a.item_id) - Number(b.item_id));
  for (let start = 0; start < sorted.length; start += CHUNK_SIZE) {
    await trx
      .insertInto('sighting_positions')
      .values(sorted.slice(start, start + CHUNK_SIZE))
      .onConflict((conflict) =>
        conflict
          .columns(['item_id', 'source_id', 'listed_at'])
          .doUpdateSet({ position: sql`excluded.position` })
          .where(sql.ref('excluded.position'), '<', sql.ref('sighting_positions.position')),
      )
      .execute();
  }
}
