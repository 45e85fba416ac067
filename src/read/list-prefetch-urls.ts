import type { WeeklyConfig } from '../config/schema.ts';
import type { CandidatesByCategory } from '../rank/build-candidates.ts';

/**
 * The links whose pages are read ahead of the curator: the first 3 × slots candidates of each
 * category (the cards a curator looks at; the same depth the backtest scores), by canonical URL.
 */
export function listPrefetchUrls(candidates: CandidatesByCategory, weekly: Pick<WeeklyConfig, 'categories'>): string[] {
  return weekly.categories.flatMap((category) =>
    (candidates[category.id] ?? []).slice(0, 3 * category.slots).map((candidate) => candidate.clusterKey),
  );
}
