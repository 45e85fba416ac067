import type { SourcesConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import { rankWeek } from '../curate/rank-week.ts';
import { weekWindow, type WeekWindow } from '../calendar/week.ts';
import { fixedClock } from '../shared/clock.ts';
import { hasCollected } from '../store/items/has-collected.ts';
import { loadIssuePicks } from '../store/issues/load-issue-picks.ts';
import { selectIssues } from '../store/issues/select-issues.ts';
import { toRankedCards } from './to-ranked-cards.ts';
import { placePicks, type PickReport } from './place-picks.ts';
import { scoreRanking, type WeekScore } from './score-ranking.ts';

export interface BacktestDeps {
  db: Db;
  config: Pick<SourcesConfig, 'weekly' | 'classify'>;
}

/** `issue`: that one issue; else the `last` highest-numbered imported issues (default 4). */
export interface BacktestOptions {
  issue?: number;
  last?: number;
  /** A line of progress (stderr). */
  progress?: (message: string) => void;
}

export interface BacktestIssue {
  number: number;
  title: string;
  pubDate: string | null;
}

export interface BacktestWeek {
  issue: BacktestIssue;
  week: WeekWindow;
  /** The clock the week was ranked with: the last millisecond of the week. */
  rankedAt: Date;
  /** Cards ranked per category. */
  candidates: Record<string, number>;
  score: WeekScore;
  /** Every pick in print order. */
  picks: PickReport[];
}

/** An issue not scored: not imported (`--issue N`), imported without a date, or its week sift never collected. */
export type BacktestSkip =
  | { issue: number; reason: 'not-imported' | 'no-week' }
  | { issue: number; reason: 'not-collected'; week: WeekWindow };

export interface BacktestResult {
  weeks: BacktestWeek[];
  skipped: BacktestSkip[];
}

const DEFAULT_LAST = 4;

/**
 * Scores sift against the curator's own published issues: for each issue imported by `sift history
 * import` whose week sift collected (an item first seen, or a sighting, in the week), ranks that
 * week again as it stood at its last millisecond, without storing the ranking, and scores it
 * against the issue's picks with scoreRanking, as the replay does. rankWeek learns only from
 * earlier issues and verdicts, so the issue being scored teaches nothing about itself. The
 * ranking uses the default number of cards per category (what the board offers), as the replay
 * does.
 *
 * One thing a curator's database has that a replay does not: if the week was reviewed in sift,
 * the curator's decisions of that very week still set categories and bring in links added by
 * hand. Issues come back oldest first; issues that cannot be scored are in `skipped`, with why.
 */
export async function backtestIssues(deps: BacktestDeps, options: BacktestOptions = {}): Promise<BacktestResult> {
  const { db, config } = deps;
  const issues = await selectIssues(db, { issue: options.issue, last: options.last ?? DEFAULT_LAST });
  const slots = Object.fromEntries(config.weekly.categories.map((category) => [category.id, category.slots]));
  const result: BacktestResult = { weeks: [], skipped: [] };
  for (const issue of issues) {
    if (issue.row === undefined) {
      result.skipped.push({ issue: issue.number, reason: 'not-imported' });
      continue;
    }
    const window = readWeek(issue.row.week, config);
    if (window === null) {
      result.skipped.push({ issue: issue.number, reason: 'no-week' });
      continue;
    }
    if (!(await hasCollected(db, window))) {
      result.skipped.push({ issue: issue.number, reason: 'not-collected', week: window });
      continue;
    }
    options.progress?.(`#${issue.number} ${window.label}: ranking`);
    const rankedAt = new Date(window.end.getTime() - 1);
    const ranked = await rankWeek({ db, config, clock: fixedClock(rankedAt) }, window.label, { save: false });
    const picks = await loadIssuePicks(db, issue.number);
    const lists = toRankedCards(ranked, window);
    const score = scoreRanking(lists, picks, slots);
    result.weeks.push({
      issue: { number: issue.number, title: issue.row.title, pubDate: issue.row.pub_date },
      week: window,
      rankedAt,
      candidates: Object.fromEntries(Object.entries(ranked).map(([id, list]) => [id, list.length])),
      score,
      picks: await placePicks(deps, issue.number, score, ranked),
    });
  }
  return result;
}

/** The stored week label as a window; null for an issue without a date (or a label the zone rules no longer accept). */
function readWeek(label: string | null, config: BacktestDeps['config']): WeekWindow | null {
  if (label === null) return null;
  try {
    return weekWindow(label, config.weekly);
  } catch {
    return null; // reported as 'no-week': the issue cannot be placed in a week
  }
}
