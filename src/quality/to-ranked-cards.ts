import { canonicalizeUrl } from '../normalize/canonicalize-url.ts';
import type { CandidatesByCategory } from '../rank/build-candidates.ts';
import type { WeekWindow } from '../calendar/week.ts';
import type { RankedCard } from './score-ranking.ts';

const DAY_MS = 86_400_000;

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
