import { parseArgs } from 'node:util';
import { backtestIssues, type BacktestResult } from '../quality/backtest-issues.ts';
import { describeSkip, formatBacktestReport } from '../quality/format-backtest-report.ts';
import { sumWeeks } from '../quality/sum-weeks.ts';
import { toRecallJson } from '../quality/to-recall-json.ts';
import { writeLine, type Command } from './context.ts';
import { openApp } from './open-app.ts';
import { readPositiveInt } from './read-option.ts';
import { defineCommandHelp } from './command-help.ts';

export const help = defineCommandHelp({
  usage: 'sift backtest [--issue N | --last K] [--json]',
  summary:
    'rank the weeks of your imported issues again as of their end (nothing stored) and show where each pick stood, with recall next to baselines',
  options: {
    issue: { type: 'string', value: 'N', description: 'only this imported issue' },
    last: { type: 'string', value: 'K', description: 'the last K imported issues (default 4)' },
    json: { type: 'boolean', default: false, description: 'print the results as JSON' },
  },
  details: ['Issues that cannot be scored are named on stderr; exit 1 when none could be.'],
});

/**
 * `sift backtest [--issue N | --last K] [--json]`: how sift's ranking would have served the
 * curator's own published issues (imported with `sift history import`). Each issue's week is ranked
 * again as of its end, without touching the stored ranking, and each pick is shown where it stood
 * (or why it was missing), with recall@slots and recall@3×slots next to the baselines. Default:
 * the last 4 issues. Issues that cannot be scored (not imported, no date, a week sift did not
 * collect) are named on stderr; exit 1 when none could be scored.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({
    args,
    options: help.options,
  });
  if (values.issue !== undefined && values.last !== undefined) {
    writeLine(ctx.stderr, 'sift backtest: give --issue or --last, not both');
    return 2;
  }
  const issue = readPositiveInt(values.issue, undefined, '--issue');
  const last = readPositiveInt(values.last, undefined, '--last');

  const isTty = Boolean((ctx.stderr as NodeJS.WriteStream).isTTY);
  const app = await openApp(ctx);
  let result: BacktestResult;
  try {
    result = await backtestIssues(
      { db: app.db, config: app.config },
      { issue, last, progress: isTty ? (message) => writeLine(ctx.stderr, message) : undefined },
    );
  } finally {
    await app.close();
  }

  const weekly = app.config.weekly;
  for (const skip of result.skipped) writeLine(ctx.stderr, describeSkip(skip, weekly));
  if (result.weeks.length === 0) {
    writeLine(ctx.stderr, describeNothing(issue, result));
    return 1;
  }
  if (values.json) {
    const { byCategory, overall } = sumWeeks(
      result.weeks,
      weekly.categories.map((category) => category.id),
    );
    writeLine(ctx.stdout, JSON.stringify(formatJson(result, byCategory, overall)));
  } else {
    writeLine(ctx.stdout, formatBacktestReport(result, weekly));
  }
  return 0;
};

/** The last line when no issue could be scored. */
function describeNothing(issue: number | undefined, result: BacktestResult): string {
  if (issue !== undefined) return 'nothing to score';
  if (result.skipped.length === 0)
    return 'nothing to score: no issue is imported yet (import your published issues with `sift history import FILE|DIR…`)';
  return `nothing to score: none of the last ${result.skipped.length} imported issue(s) falls in a week sift collected`;
}

function formatJson(
  result: BacktestResult,
  byCategory: ReturnType<typeof sumWeeks>['byCategory'],
  overall: ReturnType<typeof sumWeeks>['overall'],
) {
  return {
    issues: result.weeks.map((week) => ({
      ...week.issue,
      week: week.week.label,
      rankedAt: week.rankedAt.toISOString(),
      candidates: week.candidates,
      byCategory: Object.fromEntries(Object.entries(week.score.byCategory).map(([id, counts]) => [id, toRecallJson(counts)])),
      picks: week.picks.map(({ pick, place }) => ({
        ...pick,
        place:
          place.kind === 'ranked' || place.kind === 'elsewhere'
            ? {
                kind: place.kind,
                category: place.candidate.category,
                rank: place.candidate.rank,
                of: place.of,
                score: place.candidate.score,
                reasons: place.candidate.reasons,
                url: place.candidate.url,
              }
            : place,
      })),
    })),
    skipped: result.skipped.map((skip) => ({
      issue: skip.issue,
      reason: skip.reason,
      week: skip.reason === 'not-collected' ? skip.week.label : null,
    })),
    byCategory: Object.fromEntries(Object.entries(byCategory).map(([id, counts]) => [id, toRecallJson(counts)])),
    overall: toRecallJson(overall),
  };
}
