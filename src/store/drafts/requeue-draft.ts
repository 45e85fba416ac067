import type { Db } from '../../db/database.ts';

/** Puts a draft cut off by shutdown back to queued, so the next start drafts it again. */
export async function requeueDraft(db: Db, key: { week: string; itemId: number }): Promise<void> {
  await db.updateTable('drafts').set({ status: 'queued' }).where('week', '=', key.week).where('item_id', '=', key.itemId).execute();
}
