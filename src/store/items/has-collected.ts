import type { Db } from '../../db/database.ts';
import type { WeekWindow } from '../../calendar/week.ts';

/** Whether sift collected anything in the week: an item first seen, or a sighting, inside it. */
export async function hasCollected(db: Db, window: WeekWindow): Promise<boolean> {
  const [item, sighting] = await Promise.all([
    db
      .selectFrom('items')
      .select('id')
      .where('first_seen_at', '>=', window.start)
      .where('first_seen_at', '<', window.end)
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('sightings')
      .select('item_id')
      .where('first_seen_at', '>=', window.start)
      .where('first_seen_at', '<', window.end)
      .limit(1)
      .executeTakeFirst(),
  ]);
  return item !== undefined || sighting !== undefined;
}
