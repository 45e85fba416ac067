import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { withRankTables } from './candidate-table.ts';
import type { RankedExample } from './learn-term-weights.ts';
import type { ScoreBreakdown } from './score-candidate.ts';

/**
 * The cards of past published weeks, for learnTermWeights: every stored card of a week that has an
 * imported issue (before `beforeWeek`, issue dated since `since`), labelled picked when the issue
 * carried its lead link or the curator accepted it that week.
 */
export async function loadRankedExamples(db: Db, range: { since: Date; beforeWeek: string }): Promise<RankedExample[]> {
  const rows = await withRankTables(db)
    .selectFrom('candidates as c')
    .innerJoin('issues as issue', 'issue.week', 'c.week')
    .select([
      'c.category',
      'c.breakdown',
      'issue.pub_date',
      sql<boolean>`exists (select 1 from published p where p.issue_number = issue.number and p.canonical_url = c.cluster_key)
        or exists (select 1 from decisions d where d.week = c.week and d.item_id = c.item_id and d.status = 'accepted')`.as('is_pick'),
    ])
    .where('issue.week', '<', range.beforeWeek)
    .where('issue.pub_date', '>=', range.since.toISOString().slice(0, 10))
    .execute();
  const examples: RankedExample[] = [];
  for (const row of rows) {
    const at = row.pub_date ? new Date(row.pub_date) : null;
    const terms = (row.breakdown as ScoreBreakdown | null)?.terms;
    if (!at || Number.isNaN(at.getTime()) || !terms) continue;
    examples.push({ category: row.category, terms, isPick: row.is_pick, at });
  }
  return examples;
}
