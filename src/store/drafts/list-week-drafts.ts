import type { Db } from '../../db/database.ts';
import type { DraftRow } from '../../db/tables.ts';

/** Every draft of one issue week, by item id. */
export async function listWeekDrafts(db: Db, week: string): Promise<DraftRow[]> {
  return db.selectFrom('drafts').selectAll().where('week', '=', week).orderBy('item_id').execute();
}
