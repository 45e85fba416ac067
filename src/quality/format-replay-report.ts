import { addCounts, emptyCounts, ORDERINGS, recallOf, type RecallCounts } from './score-ranking.ts';
import type { ReplayWeek } from './replay-issues.ts';

/** Per category and overall sums of a replay's weeks. */
export function sumWeeks(weeks: readonly ReplayWeek[], categoryIds: readonly string[]): { byCategory: Record<string, RecallCounts>; overall: RecallCounts } {
  const byCategory = Object.fromEntries(categoryIds.map((id) => [id, emptyCounts()]));
  const overall = emptyCounts();
  for (const week of weeks) {
    for (const [category, counts] of Object.entries(week.score.byCategory)) {
      addCounts((byCategory[category] ??= emptyCounts()), counts);
      addCounts(overall, counts);
    }
  }
  return { byCategory, overall };
}

/**
 * The replay as a table: one row per week and category, then the totals per category and overall.
 * Columns: picks, in pool (coverage), then recall@slots and recall@3×slots for sift and the three
 * baselines (random, most sources, newest).
 */
export function formatReplayReport(weeks: readonly ReplayWeek[], categoryIds: readonly string[]): string {
  const head = ['issue', 'week', 'category', 'picks', 'pool', 'cover', ...ORDERINGS.map((o) => `@s:${o}`), ...ORDERINGS.map((o) => `@3s:${o}`)];
  const rows: string[][] = [head];
  const row = (issue: string, week: string, category: string, counts: RecallCounts) => [
    issue,
    week,
    category,
    String(counts.picks),
    String(counts.inPool),
    ratio(counts.inPool, counts.picks),
    ...ORDERINGS.map((ordering) => fixed(recallOf(counts, 'atSlots', ordering))),
    ...ORDERINGS.map((ordering) => fixed(recallOf(counts, 'atTriple', ordering))),
  ];
  for (const week of weeks) {
    for (const category of categoryIds) {
      const counts = week.score.byCategory[category];
      if (counts && counts.picks > 0) rows.push(row(`#${week.issue.number}`, week.week.label, category, counts));
    }
  }
  const { byCategory, overall } = sumWeeks(weeks, categoryIds);
  rows.push(head.map(() => ''));
  for (const category of categoryIds) if (byCategory[category].picks > 0) rows.push(row('all', `${weeks.length} weeks`, category, byCategory[category]));
  rows.push(row('all', `${weeks.length} weeks`, 'overall', overall));
  const widths = head.map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
  return rows.map((cells) => cells.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd()).join('\n');
}

function ratio(part: number, whole: number): string {
  return whole === 0 ? '-' : (part / whole).toFixed(2);
}

function fixed(value: number): string {
  return Number.isNaN(value) ? '-' : value.toFixed(2);
}
