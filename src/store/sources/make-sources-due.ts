import type { Db } from '../../db/database.ts';

/** Makes every enabled source due now (the board's "Collect now" with a queue) and returns their ids. */
export async function makeSourcesDue(db: Db, now: Date): Promise<string[]> {
  const rows = await db.updateTable('sources').set({ next_check_at: now }).where('enabled', '=', true).returning('id').execute();
  return rows.map((row) => row.id);
}

/**
 * Of `ids`, the sources whose next check is still at or before `dueAt`: none of their refreshes
 * ended since they were made due then (every refresh, succeeded or failed, moves the next check on).
 */
export async function listSourcesStillDue(db: Db, ids: readonly string[], dueAt: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('sources').select('id').where('id', 'in', ids).where('next_check_at', '<=', dueAt).execute();
  return rows.map((row) => row.id);
}
