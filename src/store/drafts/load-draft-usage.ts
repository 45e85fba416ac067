import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/tables.ts';
import type { Kysely } from 'kysely';

/** What drafting spent on one issue week. */
export interface DraftUsage {
  /** Endpoint calls made (each draft or redraft is one). */
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

/** Sums the week's drafts; tokens count only what the endpoint reported in `usage`. */
export async function loadDraftUsage(db: Db | Kysely<Database>, week: string): Promise<DraftUsage> {
  const row = await db
    .selectFrom('drafts')
    .select([
      sql<string>`coalesce(sum(calls), 0)`.as('calls'),
      sql<string>`coalesce(sum(prompt_tokens), 0)`.as('prompt_tokens'),
      sql<string>`coalesce(sum(completion_tokens), 0)`.as('completion_tokens'),
    ])
    .where('week', '=', week)
    .executeTakeFirstOrThrow();
  return { calls: Number(row.calls), promptTokens: Number(row.prompt_tokens), completionTokens: Number(row.completion_tokens) };
}

/** The curator-facing words for a spent budget. */
export function describeSpentBudget(week: string, budget: number): string {
  return `drafting budget of week ${week} is used up: ${budget} of ${budget} endpoint calls (raise SIFT_LLM_WEEKLY_BUDGET to draft more)`;
}
