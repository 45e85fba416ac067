import type { Db } from '../../db/database.ts';

/** Which of these sources are still enabled and due at `now`: another scheduler may have taken one meanwhile. */
export async function filterStillDue(db: Db, ids: string[], now: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('sources')
    .select('id')
    .where('id', 'in', ids)
    .where('enabled', '=', true)
    .where('next_check_at', '<=', now)
    .execute();
  return new Set(rows.map((row) => row.id));
}
