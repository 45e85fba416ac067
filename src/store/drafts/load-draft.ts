import type { Db } from '../../db/database.ts';
import type { DraftRow } from '../../db/tables.ts';

/** The draft of one item for one week; undefined when none was ever asked for. */
export async function loadDraft(db: Db, key: { week: string; itemId: number }): Promise<DraftRow | undefined> {
  return db.selectFrom('drafts').selectAll().where('week', '=', key.week).where('item_id', '=', key.itemId).executeTakeFirst();
}
