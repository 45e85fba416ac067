import { ORDERINGS, recallOf, wilsonInterval, type RecallCounts } from './score-ranking.ts';
import { sumWeeks, type ScoredWeek } from './sum-weeks.ts';

/** Printed under the table: the column names are short, what they measure is not. */
const LEGEND = [
  'picks: linked items of the issue; pool: those sift ranked in any section; cover = pool / picks.',
  "@s: share of the pool ranked within its section's slots, @3s: within 3 × slots; sift's order next to",
  'random order, most sources first and newest first (expected values over ties).',
];

/**
 * Weeks as a table: one row per week and category with picks, then the totals per category and
 * overall. Columns: picks, in pool, coverage, then recall@slots and recall@3×slots for sift and the
 * three baselines (random, most sources, newest); `-` where no pick was in the pool. Used by
 * `sift replay`, `sift backtest` and the bench's replay case.
 */
export function formatRecallTable(weeks: readonly ScoredWeek[], categoryIds: readonly string[]): string {
  const head = [
    'issue',
    'week',
    'category',
    'picks',
    'pool',
    'cover',
    ...ORDERINGS.map((o) => `@s:${o}`),
    ...ORDERINGS.map((o) => `@3s:${o}`),
  ];
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
  const span = weeks.length === 1 ? '1 week' : `${weeks.length} weeks`;
  rows.push(head.map(() => ''));
  for (const category of categoryIds) if (byCategory[category].picks > 0) rows.push(row('all', span, category, byCategory[category]));
  rows.push(row('all', span, 'overall', overall));
  const widths = head.map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
  const table = rows.map((cells) =>
    cells
      .map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd(),
  );
  return [...table, '', ...describeIntervals(overall), ...LEGEND].join('\n');
}

/** sift's overall recalls with their 95 % intervals (wilsonInterval): what a difference of a few picks is worth. */
function describeIntervals(overall: RecallCounts): string[] {
  const parts = (['atSlots', 'atTriple'] as const).flatMap((at) => {
    const interval = wilsonInterval(overall[at].sift, overall.inPool);
    if (!interval) return [];
    const label = at === 'atSlots' ? 'recall@slots' : 'recall@3×slots';
    return [`${label} ${fixed(recallOf(overall, at, 'sift'))} (${interval.low.toFixed(2)}–${interval.high.toFixed(2)})`];
  });
  if (parts.length === 0) return [];
  return [`sift overall, with 95 % intervals over the ${overall.inPool} in-pool picks: ${parts.join(', ')}.`];
}

function ratio(part: number, whole: number): string {
  return whole === 0 ? '-' : (part / whole).toFixed(2);
}

function fixed(value: number): string {
  return Number.isNaN(value) ? '-' : value.toFixed(2);
}
