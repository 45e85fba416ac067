import type { Db } from '../../db/database.ts';
import { toDecision, type Decision } from './decision.ts';

/** Every decision of one week, by item id: what the board merges with ranking's candidates. */
export async function loadWeekDecisions(db: Db, week: string): Promise<Map<number, Decision>> {
  const rows = await db.selectFrom('decisions').selectAll().where('week', '=', week).execute();
  return new Map(rows.map((row) => [Number(row.item_id), toDecision(row)]));
}
