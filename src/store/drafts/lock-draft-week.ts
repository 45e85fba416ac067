import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/tables.ts';

/**
 * Serializes budget checks of one week's drafts, so two drafts starting at once (or two review
 * replicas) cannot both take the last call of the budget.
 */
export async function lockDraftWeek(trx: Transaction<Database>, week: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`sift-drafts:${week}`}))`.execute(trx);
}
