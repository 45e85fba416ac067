import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DraftRow } from '../../db/tables.ts';
import { lockDraftWeek } from './lock-draft-week.ts';
import { describeSpentBudget, loadDraftUsage } from './load-draft-usage.ts';

export interface QueueDraftInput {
  week: string;
  itemId: number;
  requestedBy: string | null;
  now: Date;
  /** The week's call budget: with it spent, the draft is stored failed with that reason instead of queued. */
  budget: number;
  /** Only when the item has no draft yet (an accept); false = also redraft a ready or failed one (the button). */
  isFirstOnly: boolean;
}

/**
 * Marks an item's draft as queued and returns its row, or, when no new call should be made,
 * returns it unchanged: a draft already queued or running is not asked twice, and an accept does
 * not replace a draft that exists. A spent weekly budget is said on the row right away (failed,
 * with the reason), so the curator sees it without waiting for the queue.
 *
 * The text of a previous draft stays until the new one is ready.
 */
export async function queueDraft(db: Db, input: QueueDraftInput): Promise<{ row: DraftRow; isQueued: boolean }> {
  return db.transaction().execute(async (trx) => {
    await lockDraftWeek(trx, input.week);
    const current = await trx
      .selectFrom('drafts')
      .selectAll()
      .where('week', '=', input.week)
      .where('item_id', '=', input.itemId)
      .executeTakeFirst();
    if (current && (current.status === 'queued' || current.status === 'drafting' || input.isFirstOnly))
      return { row: current, isQueued: false };
    const usage = await loadDraftUsage(trx, input.week);
    const isSpent = usage.calls >= input.budget;
    const values = {
      status: isSpent ? 'failed' : 'queued',
      error: isSpent ? describeSpentBudget(input.week, input.budget) : null,
      requested_by: input.requestedBy,
      requested_at: input.now,
      finished_at: isSpent ? input.now : null,
    };
    const row = await trx
      .insertInto('drafts')
      .values({ week: input.week, item_id: input.itemId, ...values })
      .onConflict((conflict) => conflict.columns(['week', 'item_id']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row, isQueued: !isSpent };
  });
}

/** Drafts a stopped process left queued or running: the drafter queues them again at start. */
export async function listUnfinishedDrafts(db: Db): Promise<Array<{ week: string; itemId: number }>> {
  const rows = await db
    .selectFrom('drafts')
    .select(['week', 'item_id'])
    .where('status', 'in', ['queued', 'drafting'])
    .orderBy(sql`requested_at`)
    .execute();
  return rows.map((row) => ({ week: row.week, itemId: Number(row.item_id) }));
}
