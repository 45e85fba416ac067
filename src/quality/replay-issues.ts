import { readFile } from 'node:fs/promises';
import type { SourceConfig, SourcesConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import { importHistory } from '../curate/import-history.ts';
import { collectSources } from '../queue/collect-sources.ts';
import type { CandidatesByCategory } from '../rank/build-candidates.ts';
import { rankWeek } from '../curate/rank-week.ts';
import { endOfLocalDate, weekOfIssueDate, type WeekWindow } from '../calendar/week.ts';
import { fixedClock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { syncSources } from '../store/sources/sync-sources.ts';
import { loadIssuePicks } from '../store/issues/load-issue-picks.ts';
import { toRankedCards } from './to-ranked-cards.ts';
import type { ReplayCorpus, ReplayIssue } from './read-replay-corpus.ts';
import { scoreRanking, type WeekScore } from './score-ranking.ts';
import { serveReplayFeeds } from './serve-replay-feeds.ts';

export interface ReplayDeps {
  /** A database of its own: the replay fills it with the corpus and its issues. */
  db: Db;
  log: Logger;
  /** The weekly (categories, slots, keywords) and the replayed sources' definitions, by id. */
  config: SourcesConfig;
}

export interface ReplayOptions {
  /** Only score issues numbered within [from, to] (earlier ones are still collected and imported). */
  fromIssue?: number;
  toIssue?: number;
  /** UTC hour of the daily collect. Default 12. */
  collectHourUtc?: number;
  onWeek?: (week: ReplayWeek) => void;
  /** A line of progress (stderr). */
  progress?: (message: string) => void;
}

export interface ReplayWeek {
  issue: ReplayIssue;
  week: WeekWindow;
  /** Cards ranked per category. */
  candidates: Record<string, number>;
  score: WeekScore;
  rankMs: number;
  /** The week's ranking as scored (every card kept). */
  ranked: CandidatesByCategory;
}

const DAY_MS = 86_400_000;

/**
 * Replays a corpus of dated feed items against the editor's issues: each source is served as the
 * feed it was at the time (see serveReplayFeeds), sift collects it once a day with its clock set to
 * that day, and at the close of each issue's week the issues before it are imported, the week is
 * ranked and scored against the issue's picks (scoreRanking), and the issue is imported. Only
 * 127.0.0.1 is fetched: a click-through to anywhere else stays unresolved.
 */
export async function replayIssues(deps: ReplayDeps, corpus: ReplayCorpus, options: ReplayOptions = {}): Promise<ReplayWeek[]> {
  const { db, log, config } = deps;
  const missing = [...corpus.sources.keys()].filter((id) => !config.sources.some((source) => source.id === id));
  if (missing.length > 0) {
    throw new AppError(
      'BAD_REPLAY',
      `no source in sources.yaml for ${missing.map((id) => `items/${id}.jsonl`).join(', ')}: add a source with that id (its kind, lang, category and weight are used)`,
    );
  }
  const server = await serveReplayFeeds(corpus.sources);
  try {
    const sources: SourceConfig[] = config.sources
      .filter((source) => corpus.sources.has(source.id))
      .map((source) => ({ ...source, url: server.urlOf(source.id), enabled: true }));
    const clock = fixedClock(new Date(0));
    const refreshDeps = { db, log, clock, fetch: loopbackOnlyFetch, config: { ...config, sources } };
    await syncSources(db, sources);
    const slots = Object.fromEntries(config.weekly.categories.map((category) => [category.id, category.slots]));
    const collectHour = options.collectHourUtc ?? 12;

    const firstEntry = Math.min(...[...corpus.sources.values()].map((entries) => entries[0]?.dateMs ?? Infinity));
    let day = Math.floor(firstEntry / DAY_MS) * DAY_MS + collectHour * 3_600_000;
    const imported = new Set<number>();
    const weeks: ReplayWeek[] = [];
    for (const issue of corpus.issues) {
      const week = weekOfIssueDate(issue.date, config.weekly);
      const rankAt = new Date(Math.min(week.end.getTime(), endOfLocalDate(issue.date, config.weekly).getTime()) - 1000);
      for (; day < rankAt.getTime(); day += DAY_MS) {
        clock.set(new Date(day));
        server.setNow(new Date(day));
        const summary = await collectSources(
          refreshDeps,
          sources.map((source) => ({ id: source.id, url: source.url })),
          { concurrency: 8, perHostConcurrency: 8 },
        );
        if (summary.failed > 0)
          log.warn({ day: new Date(day).toISOString(), failures: summary.failures }, 'replay: sources failed to collect');
      }
      clock.set(rankAt);
      const earlier = corpus.issues.filter((other) => other.number < issue.number && !imported.has(other.number));
      await importIssues(deps, clock, earlier, imported);
      const isScored =
        (options.fromIssue === undefined || issue.number >= options.fromIssue) &&
        (options.toIssue === undefined || issue.number <= options.toIssue);
      if (isScored) {
        options.progress?.(`#${issue.number} ${week.label}: ranking`);
        const startedAt = performance.now();
        const ranked = await rankWeek({ db, config, clock }, week.label);
        const rankMs = performance.now() - startedAt;
        await importIssues(deps, clock, [issue], imported);
        const picks = await loadIssuePicks(db, issue.number);
        const lists = toRankedCards(ranked, week);
        const result: ReplayWeek = {
          issue,
          week,
          candidates: Object.fromEntries(Object.entries(lists).map(([id, cards]) => [id, cards.length])),
          score: scoreRanking(lists, picks, slots),
          rankMs,
          ranked,
        };
        weeks.push(result);
        options.onWeek?.(result);
      }
      if (options.toIssue !== undefined && issue.number >= options.toIssue) break;
    }
    return weeks;
  } finally {
    await server.close();
  }
}

async function importIssues(
  deps: ReplayDeps,
  clock: { now(): Date },
  issues: readonly ReplayIssue[],
  imported: Set<number>,
): Promise<void> {
  if (issues.length === 0) return;
  const files = await Promise.all(issues.map(async (issue) => ({ path: issue.file, text: await readFile(issue.file, 'utf8') })));
  const results = await importHistory({ db: deps.db, log: deps.log, clock, config: deps.config }, files);
  for (const [index, result] of results.entries()) {
    if (result.status === 'failed') throw new AppError('BAD_REPLAY', `${result.path}: issue not imported: ${result.error.message}`);
    imported.add(issues[index].number);
  }
}

/** The replay's fetch: the local feed server only; anything else fails at once, as an unreachable host would. */
const loopbackOnlyFetch: typeof fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if (url.hostname !== '127.0.0.1') throw new TypeError(`replay: ${url.host} is not reachable (only the local feed server is)`);
  return fetch(input, init);
};
