import { addCounts, emptyCounts, type RecallCounts } from './score-ranking.ts';

/**
 * What the recall table and the sums read of a scored week. A replay's week (ReplayWeek) and a
 * backtest's (BacktestWeek) both fit, so `sift replay`, `sift backtest` and the bench report the
 * same figures the same way.
 */
export interface ScoredWeek {
  issue: { number: number };
  week: { label: string };
  score: { byCategory: Record<string, RecallCounts> };
}

/**
 * Per-category and overall sums over weeks. Every id of `categoryIds` is present (possibly with no
 * picks), plus any category an issue printed that is no longer configured.
 */
export function sumWeeks(
  weeks: readonly ScoredWeek[],
  categoryIds: readonly string[],
): { byCategory: Record<string, RecallCounts>; overall: RecallCounts } {
  const byCategory: Record<string, RecallCounts> = Object.fromEntries(categoryIds.map((id) => [id, emptyCounts()]));
  const overall = emptyCounts();
  for (const week of weeks) {
    for (const [category, counts] of Object.entries(week.score.byCategory)) {
      addCounts((byCategory[category] ??= emptyCounts()), counts);
      addCounts(overall, counts);
    }
  }
  return { byCategory, overall };
}
