import type { Db } from '../db/database.ts';
import { canonicalizeUrl } from '../normalize/canonicalize-url.ts';
import type { CandidatesByCategory } from '../rank/build-candidates.ts';
import type { WeekWindow } from '../calendar/week.ts';
import type { Pick, RankedCard } from './score-ranking.ts';

const DAY_MS = 86_400_000;

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

/** A ranking as the scorer reads it: every card's links by canonical URL, its source count and newest date. */
export function toRankedCards(ranked: CandidatesByCategory, window: WeekWindow): Record<string, RankedCard[]> {
  return Object.fromEntries(
    Object.entries(ranked).map(([category, candidates]) => [
      category,
      candidates.map((candidate) => ({
        canonicalUrls: [candidate.clusterKey, ...candidate.members.map((member) => canonicalizeUrl(member.url) ?? member.url)],
        sourceCount: candidate.breakdown.facts.sourceCount,
        newestMs: window.end.getTime() - candidate.breakdown.facts.ageDays * DAY_MS,
      })),
    ]),
  );
}
