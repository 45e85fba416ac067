import type { Db } from '../../db/database.ts';

/** Makes every enabled source due now (the board's "Collect now" with a queue) and returns their ids. */
export async function makeSourcesDue(db: Db, now: Date): Promise<string[]> {
  const rows = await db.updateTable('sources').set({ next_check_at: now }).where('enabled', '=', true).returning('id').execute();
  return rows.map((row) => row.id);
}
