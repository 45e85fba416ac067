import type { Db } from '../../db/database.ts';
import { lockWeek } from './save-decision.ts';
import { ReviewError } from '../../shared/review-error.ts';

/**
 * Sets the print order of one category's shortlist. `itemIds` must list exactly the items
 * accepted in that category now; when another curator accepted, rejected or moved one in the
 * meantime the order is refused with CONFLICT carrying the current order (the client reloads it)
 * rather than dropping or resurrecting someone else's pick. Positions are not part of an item's
 * version: reordering never makes a concurrent title or summary edit conflict.
 */
export async function reorderShortlist(db: Db, input: { week: string; category: string; itemIds: readonly number[] }): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    await lockWeek(trx, input.week);
    const rows = await trx
      .selectFrom('decisions')
      .select(['item_id', 'position'])
      .where('week', '=', input.week)
      .where('status', '=', 'accepted')
      .where('category', '=', input.category)
      .orderBy('position')
      .orderBy('decided_at')
      .execute();
    const current = rows.map((row) => Number(row.item_id));
    const wanted = [...input.itemIds];
    const isSameSet =
      wanted.length === current.length && new Set(wanted).size === wanted.length && wanted.every((id) => current.includes(id));
    if (!isSameSet) {
      throw new ReviewError(
        'CONFLICT',
        'the shortlist changed since you loaded it (another curator accepted, rejected or moved an item); reload to see it',
        { current },
      );
    }
    for (const [index, itemId] of wanted.entries()) {
      if (rows.find((row) => Number(row.item_id) === itemId)?.position === index + 1) continue;
      await trx
        .updateTable('decisions')
        .set({ position: index + 1 })
        .where('week', '=', input.week)
        .where('item_id', '=', itemId)
        .execute();
    }
    return wanted;
  });
}
