import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DraftExample } from '../../draft/build-draft-messages.ts';

/** How many past items a prompt shows: enough to set length and tone, few enough to keep a draft cheap. */
export const DRAFT_EXAMPLE_COUNT = 3;

/**
 * The weekly's own published items (`published`, filled by `sift history import`) a draft should
 * sound like: those of the same category first, newest issues first, each with a title and a
 * summary. Empty when no history was imported; the prompt then says so.
 */
export async function loadDraftExamples(db: Db, category: string | null, limit = DRAFT_EXAMPLE_COUNT): Promise<DraftExample[]> {
  const rows = await db
    .selectFrom('published')
    .select(['title', 'summary', 'section'])
    .where('url', '<>', '')
    .where(sql<string>`btrim(summary)`, '<>', '')
    .orderBy(sql`case when category = ${category ?? ''} then 0 else 1 end`)
    .orderBy('issue_number', 'desc')
    .orderBy('position', 'asc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ title: row.title, summary: row.summary, section: row.section }));
}
