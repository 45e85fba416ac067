import type { Db } from '../../db/database.ts';
import { DraftError } from '../../draft/draft-error.ts';
import { lockDraftWeek } from './lock-draft-week.ts';
import { describeSpentBudget, loadDraftUsage } from './load-draft-usage.ts';

/**
 * Takes one call of the week's budget for a queued draft and marks it drafting, in one
 * transaction under the week's lock: the budget is checked where it is spent, so concurrent drafts
 * never overrun it. Returns false when the row is no longer waiting (deleted, or already taken).
 *
 * @throws DraftError BUDGET when the week's calls are used up
 */
export async function claimDraftCall(db: Db, input: { week: string; itemId: number; budget: number; model: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockDraftWeek(trx, input.week);
    const usage = await loadDraftUsage(trx, input.week);
    if (usage.calls >= input.budget) throw new DraftError('BUDGET', describeSpentBudget(input.week, input.budget));
    const claimed = await trx
      .updateTable('drafts')
      .set((eb) => ({ status: 'drafting', calls: eb('calls', '+', 1), model: input.model, error: null }))
      .where('week', '=', input.week)
      .where('item_id', '=', input.itemId)
      .where('status', 'in', ['queued', 'drafting'])
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) > 0;
  });
}
