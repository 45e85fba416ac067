import type { Db } from '../db/database.ts';
import { ReviewError } from '../shared/review-error.ts';
import { applyDecision, lockWeek, type DecisionPatch, type SavedDecision } from '../store/decisions/save-decision.ts';

export interface DecisionBatchEntry {
  itemId: number;
  /** The version the curator's screen showed for this item (0 before its first decision). */
  expectedVersion: number;
  patch: DecisionPatch;
}

export interface SaveDecisionBatchInput {
  week: string;
  /** In the order to apply: accepting in rank order gives the shortlist the same order. */
  entries: readonly DecisionBatchEntry[];
  decidedBy: string;
  now: Date;
}

/**
 * A bulk action ("accept the top 8 of this section, reject the rest", or its undo) as one write:
 * every entry goes through the same rules as saveDecision, in one transaction, so a single item
 * another curator changed meanwhile (CONFLICT) or that does not exist saves none of them. The
 * error names that item (`item 42: …`) so the board can say which one.
 */
export async function saveDecisionBatch(db: Db, input: SaveDecisionBatchInput): Promise<SavedDecision[]> {
  const seen = new Set<number>();
  for (const entry of input.entries) {
    if (seen.has(entry.itemId)) throw new ReviewError('VALIDATION', `item ${entry.itemId} is listed twice`);
    seen.add(entry.itemId);
  }
  return db.transaction().execute(async (trx) => {
    await lockWeek(trx, input.week);
    const saved: SavedDecision[] = [];
    for (const entry of input.entries) {
      try {
        saved.push(
          await applyDecision(trx, {
            week: input.week,
            itemId: entry.itemId,
            expectedVersion: entry.expectedVersion,
            patch: entry.patch,
            decidedBy: input.decidedBy,
            now: input.now,
          }),
        );
      } catch (error) {
        if (error instanceof ReviewError) {
          throw new ReviewError(error.code, `item ${entry.itemId}: ${error.message}`, {
            current: error.current && { itemId: entry.itemId, ...(error.current as object) },
            cause: error,
          });
        }
        throw error;
      }
    }
    return saved;
  });
}
