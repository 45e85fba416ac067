import { withHeapGrowthRelaxed } from '../../bin/limit-heap-growth.mjs';
import type { SourcesConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { startCandidates, type BuildContext, type BuildOptions, type CandidatesByCategory } from '../rank/build-candidates.ts';
import { learnAcceptance, newsletterIdsOf } from '../rank/learn-acceptance.ts';
import { learnTaste } from '../rank/learn-taste.ts';
import { learnTermWeights } from '../rank/learn-term-weights.ts';
import { loadRankingRecord } from '../store/ranking/load-ranking-record.ts';
import { loadSummaries, loadWeekItems } from '../store/ranking/load-week-items.ts';
import { saveCandidates } from '../store/candidates/save-candidates.ts';
import type { RankingRecord, WeekData } from '../rank/types.ts';
import { shiftWeek, weekWindow, type WeekWindow } from '../calendar/week.ts';

export interface RankDeps {
  db: Db;
  config: Pick<SourcesConfig, 'weekly' | 'classify'>;
  clock: Clock;
}

/**
 * How far down last week's list a card the curator left undecided is carried into this week, while
 * last week's issue is not imported (see loadWeekItems): the part a curator reads (3 × the
 * category's slots). Further down, last week's cards were rarely picked later (when the replay
 * still carried them, 1 pick in 1,900 carried articles) and would crowd this week's news.
 */
export function carryTopOf(weekly: Pick<SourcesConfig['weekly'], 'categories'>): Record<string, number> {
  return Object.fromEntries(weekly.categories.map((category) => [category.id, 3 * category.slots]));
}

/** Verdicts older than this are not loaded: at a half-year half-life they weigh under 1/16. */
const LEARNING_HORIZON_MS = 2 * 365 * 86_400_000;

/**
 * Ranks one week (`2026-W48`) and persists the result (unless `save: false`), replacing the week's
 * earlier ranking: the week's links are loaded (new ones, old ones carried anew, last week's
 * undecided cards while its issue is not imported), clustered into stories, classified (a curator's category wins), scored with
 * what the curator's past verdicts and earlier issues taught, and the top of every category is
 * stored. Only issues of earlier weeks and verdicts before the clock's now count, so ranking a past
 * week with the clock at its end is a fair backtest. Throws WeekError for a label that is not a week.
 */
export function rankWeek(deps: RankDeps, week: string, options: BuildOptions & { save?: boolean } = {}): Promise<CandidatesByCategory> {
  // the week's rows are loaded, read and dropped: the heap cap's extra full GCs would be most of the collector's time
  return withHeapGrowthRelaxed(() => rankWeekNow(deps, week, options));
}

async function rankWeekNow(deps: RankDeps, week: string, options: BuildOptions & { save?: boolean }): Promise<CandidatesByCategory> {
  const window = weekWindow(week, deps.config.weekly);
  const now = deps.clock.now();
  const [data, record] = await loadRankInputs(deps.db, window, deps.config.weekly, now);
  const byCategory = await buildWeekCandidates(
    deps.db,
    data,
    { window, config: deps.config, ...learnFromRecord(record, data, now), now },
    options,
  );
  if (options.save !== false) await saveCandidates(deps.db, window.label, byCategory);
  return byCategory;
}

/**
 * rankWeek's first step: the week's links (loadWeekItems) and the record to learn from
 * (loadRankingRecord: verdicts of the last two years before `now`, issues of earlier weeks), read together.
 */
export function loadRankInputs(db: Db, window: WeekWindow, weekly: SourcesConfig['weekly'], now: Date): Promise<[WeekData, RankingRecord]> {
  return Promise.all([
    loadWeekItems(db, window, { previousWeek: shiftWeek(window.label, -1), carryTop: carryTopOf(weekly) }),
    loadRankingRecord(db, { since: new Date(now.getTime() - LEARNING_HORIZON_MS), until: now, beforeWeek: window.label }),
  ]);
}

/** What the ranking learns from the record: pick rates (the week's newsletters known), the vocabulary and the term weights. */
export function learnFromRecord({ events, examples }: RankingRecord, data: WeekData, now: Date) {
  return {
    acceptance: learnAcceptance(events, now, { newsletters: newsletterIdsOf(data.sources.values()) }),
    taste: learnTaste(events, now),
    termWeights: learnTermWeights(examples, now),
  };
}

/** startCandidates run to the end, loading the summaries scoring reaches (a few thousand, in a round trip or two). */
export async function buildWeekCandidates(
  db: Db,
  data: WeekData,
  context: BuildContext,
  options: BuildOptions = {},
): Promise<CandidatesByCategory> {
  const build = startCandidates(data, context, options);
  for (let wanted = build.next(); wanted.length > 0; wanted = build.next()) await loadSummaries(db, wanted);
  return build.finish();
}
