import type { Db } from '../../db/database.ts';
import type { Pick } from '../../quality/score-ranking.ts';

/** The linked items of an imported issue, in print order, with the category of their section. */
export async function loadIssuePicks(db: Db, issueNumber: number): Promise<Pick[]> {
  const rows = await db
    .selectFrom('published')
    .select(['url', 'canonical_url', 'category', 'title'])
    .where('issue_number', '=', issueNumber)
    .where('canonical_url', '<>', '')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ canonicalUrl: row.canonical_url, category: row.category, url: row.url, title: row.title }));
}
