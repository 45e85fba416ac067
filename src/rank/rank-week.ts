import type { SourcesConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { buildCandidates, type BuildOptions, type CandidatesByCategory } from './build-candidates.ts';
import { learnAcceptance } from './learn-acceptance.ts';
import { loadAcceptanceEvents } from './load-acceptance-events.ts';
import { loadWeekItems } from './load-week-items.ts';
import { saveCandidates } from './save-candidates.ts';
import { weekWindow } from './week.ts';

export interface RankDeps {
  db: Db;
  config: Pick<SourcesConfig, 'weekly' | 'classify'>;
  clock: Clock;
}

/** Verdicts older than this are not loaded: at a half-year half-life they weigh under 1/16. */
const LEARNING_HORIZON_MS = 2 * 365 * 86_400_000;

/**
 * Ranks one week (`2026-W48`) and persists the result, replacing the week's earlier ranking: the
 * week's links are loaded, clustered into stories, classified (a curator's category wins), scored
 * with what the curator's past verdicts taught, and the top of every category is stored. Returns
 * what was stored. Throws WeekError for a label that is not a week.
 */
export async function rankWeek(deps: RankDeps, week: string, options: BuildOptions = {}): Promise<CandidatesByCategory> {
  const window = weekWindow(week, deps.config.weekly);
  const now = deps.clock.now();
  const [data, events] = await Promise.all([
    loadWeekItems(deps.db, window),
    loadAcceptanceEvents(deps.db, new Date(now.getTime() - LEARNING_HORIZON_MS)),
  ]);
  const acceptance = learnAcceptance(events, now);
  const byCategory = buildCandidates(data, { window, config: deps.config, acceptance, now }, options);
  await saveCandidates(deps.db, window.label, byCategory);
  return byCategory;
}
