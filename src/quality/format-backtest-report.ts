import type { WeeklyConfig } from '../config/schema.ts';
import { formatLocalDate, type WeekWindow } from '../calendar/week.ts';
import type { BacktestResult, BacktestSkip, BacktestWeek } from './backtest-issues.ts';
import { formatRecallTable } from './format-recall-table.ts';
import type { PickReport } from './place-picks.ts';

const INDENT = '       ';

/**
 * `sift backtest` for people: per issue, every pick under its section with where it stood in the
 * week's ranking (rank of how many, whether that is within the slots or 3 × slots, score and
 * sift's reasons), or why it was not there; then the recall table of all scored issues next to
 * the baselines (formatRecallTable, as `sift replay` prints it). Skipped issues are not here:
 * see describeSkip.
 */
export function formatBacktestReport(result: BacktestResult, weekly: WeeklyConfig): string {
  const categoryIds = weekly.categories.map((category) => category.id);
  const blocks = result.weeks.map((week) => formatWeek(week, weekly));
  blocks.push(`recall of the picks, sift next to the baselines:\n${formatRecallTable(result.weeks, categoryIds)}`);
  return blocks.join('\n\n');
}

/** Why an issue was not scored, and what to do about it. */
export function describeSkip(skip: BacktestSkip, weekly: WeeklyConfig): string {
  switch (skip.reason) {
    case 'not-imported':
      return `issue #${skip.issue} is not imported: import its Markdown first with \`sift history import FILE\``;
    case 'no-week':
      return `issue #${skip.issue} has no date (pubDate in its front matter), so its week is unknown: add the date and import it again`;
    case 'not-collected':
      return `issue #${skip.issue} not scored: sift collected nothing in its week ${describeWindow(skip.week, weekly)}`;
  }
}

function formatWeek(week: BacktestWeek, weekly: WeeklyConfig): string {
  const cards = weekly.categories.map((category) => `${category.id} ${week.candidates[category.id] ?? 0}`).join(', ');
  const lines = [
    `#${week.issue.number} ${week.issue.title}${week.issue.pubDate ? ` (${week.issue.pubDate})` : ''}`,
    `week ${describeWindow(week.week, weekly)}, ranked as of its end: ${cards} card(s)`,
  ];
  const groups = new Map<string | null, PickReport[]>();
  for (const report of week.picks) groups.set(report.pick.category, [...(groups.get(report.pick.category) ?? []), report]);
  const known = new Set<string | null>(weekly.categories.map((category) => category.id));
  for (const category of weekly.categories) {
    const reports = groups.get(category.id);
    if (!reports) continue;
    lines.push('', `  ${category.emoji}${category.title} (${category.id}): ${reports.length} pick(s), ${category.slots} slot(s)`);
    reports.forEach((report, index) => {
      lines.push(...formatPick(report, index + 1, category.slots, weekly));
    });
  }
  for (const [category, reports] of groups) {
    if (known.has(category)) continue;
    lines.push(
      '',
      `  ${category === null ? 'sections with no category in sources.yaml' : `category ${category} (not in sources.yaml)`}: ${reports.length} pick(s), not scored`,
    );
    reports.forEach((report, index) => {
      lines.push(...formatPick(report, index + 1, 0, weekly));
    });
  }
  return lines.join('\n');
}

function formatPick({ pick, place }: PickReport, number: number, slots: number, weekly: WeeklyConfig): string[] {
  const head = `    ${`${number}.`.padEnd(3)}`;
  switch (place.kind) {
    case 'ranked': {
      const { candidate, of } = place;
      const tier = candidate.rank <= slots ? 'within the slots' : candidate.rank <= slots * 3 ? 'within 3 × slots' : 'below 3 × slots';
      return [
        `${head}rank ${candidate.rank} of ${of}, ${tier} · score ${candidate.score.toFixed(1)} · ${pick.title}`,
        `${INDENT}${pick.url}`,
        `${INDENT}${candidate.reasons.join(' · ')}`,
      ];
    }
    case 'elsewhere': {
      const { candidate, of } = place;
      return [
        `${head}ranked under ${candidate.category} instead: rank ${candidate.rank} of ${of} · score ${candidate.score.toFixed(1)} · ${pick.title}`,
        `${INDENT}${pick.url}`,
        `${INDENT}${candidate.reasons.join(' · ')}`,
      ];
    }
    case 'unranked': {
      const published = place.publishedIn === null ? '' : `; already published in #${place.publishedIn}`;
      return [
        `${head}not in this week's ranking: sift first saw it on ${formatLocalDate(place.firstSeenAt, weekly)} (${place.firstSeenWeek})${published} · ${pick.title}`,
        `${INDENT}${pick.url}`,
      ];
    }
    case 'unseen':
      return [`${head}never seen by sift · ${pick.title}`, `${INDENT}${pick.url}`];
  }
}

function describeWindow(window: WeekWindow, weekly: WeeklyConfig): string {
  return `${window.label} (${formatLocalDate(window.start, weekly)} – ${formatLocalDate(new Date(window.end.getTime() - 1), weekly)}, ${weekly.timezone})`;
}
