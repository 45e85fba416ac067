import type { Db } from '../db/database.ts';
import type { Candidate, CandidatesByCategory } from '../rank/build-candidates.ts';
import { weekOf, type WeekSettings } from '../calendar/week.ts';
import type { Pick as IssuePick, WeekScore } from './score-ranking.ts';
import { listEarlierPublications } from '../store/issues/list-earlier-publications.ts';
import { listFirstSeenByUrl } from '../store/items/list-first-seen-by-url.ts';

/** Where one pick of the issue stood in the week's ranking, or why it was not there. */
export type PickPlace =
  /** Ranked in the section the editor printed it in. */
  | { kind: 'ranked'; candidate: Candidate; of: number }
  /** Ranked, but under another category than the editor's section (or the section has no category). */
  | { kind: 'elsewhere'; candidate: Candidate; of: number }
  /**
   * Not in this week's ranking although sift has the link: first seen in another week, already in
   * an earlier issue (never offered again), or left out (rejected before).
   */
  | { kind: 'unranked'; firstSeenAt: Date; firstSeenWeek: string; publishedIn: number | null }
  /** No item of sift's has this canonical URL. */
  | { kind: 'unseen' };

export interface PickReport {
  pick: IssuePick;
  place: PickPlace;
}

/**
 * Each pick's place: its card (in the editor's section or another), or, for a pick no card holds,
 * whether sift has the link at all, since when, and whether an earlier issue already ran it.
 */
export async function placePicks(
  deps: { db: Db; config: { weekly: WeekSettings } },
  issueNumber: number,
  score: WeekScore,
  ranked: CandidatesByCategory,
): Promise<PickReport[]> {
  const missing = score.standings.filter((standing) => standing.foundIn === null).map((standing) => standing.pick.canonicalUrl);
  const [seen, published] =
    missing.length === 0
      ? [[], []]
      : await Promise.all([listFirstSeenByUrl(deps.db, missing), listEarlierPublications(deps.db, missing, issueNumber)]);
  const firstSeen = new Map<string, Date>();
  for (const row of seen) {
    const known = firstSeen.get(row.canonical_url);
    if (!known || row.first_seen_at < known) firstSeen.set(row.canonical_url, row.first_seen_at);
  }
  const earliestIssue = new Map<string, number>();
  for (const row of published)
    earliestIssue.set(row.canonical_url, Math.min(row.issue_number, earliestIssue.get(row.canonical_url) ?? Infinity));

  return score.standings.map(({ pick, foundIn }): PickReport => {
    if (foundIn) {
      const list = ranked[foundIn.category] ?? [];
      const candidate = list[foundIn.rank - 1];
      return { pick, place: { kind: foundIn.category === pick.category ? 'ranked' : 'elsewhere', candidate, of: list.length } };
    }
    const seenAt = firstSeen.get(pick.canonicalUrl);
    if (!seenAt) return { pick, place: { kind: 'unseen' } };
    return {
      pick,
      place: {
        kind: 'unranked',
        firstSeenAt: seenAt,
        firstSeenWeek: weekOf(seenAt, deps.config.weekly).label,
        publishedIn: earliestIssue.get(pick.canonicalUrl) ?? null,
      },
    };
  });
}
