import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSources } from '../../src/config/load-sources.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { formatRecallTable } from '../../src/quality/format-recall-table.ts';
import { readReplayCorpus } from '../../src/quality/read-replay-corpus.ts';
import { replayIssues } from '../../src/quality/replay-issues.ts';
import { ORDERINGS, recallOf, type Ordering, type RecallCounts } from '../../src/quality/score-ranking.ts';
import { sumWeeks } from '../../src/quality/sum-weeks.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { BenchCase, Metric, TargetCheck } from '../lib/types.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The replay corpus lives beside the repository, as the shared test corpus does. */
const CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/corpus/replay');
const SOURCES_FILE = path.join(REPO_ROOT, 'sources.yaml');
/** --quick scores the first issues only: the replay collects day by day, so time follows the last issue's date. */
const QUICK_ISSUES = 4;
const RECALL_AT_TRIPLE = 0.8;
const RECALL_AT_SLOTS = 0.4;
const OVER_BEST_BASELINE = 1.3;
const BASELINES: readonly Ordering[] = ORDERINGS.filter((ordering) => ordering !== 'sift');
const ORDERING_LABEL: Record<Ordering, string> = {
  sift: 'sift',
  random: 'random order',
  sources: 'most sources first',
  newest: 'newest first',
};

/**
 * The quality of the ranking rather than its speed: `replayIssues` over shared/corpus/replay (five
 * real sources, Aug–Dec 2023, served as they were day by day, next to the editor's issues #14–#33)
 * in an in-memory PGlite with the project's sources.yaml. Figures: pool coverage, recall@slots and
 * recall@3×slots of sift and of the three baselines, overall and per category, and the replay's
 * wall time. The scores are deterministic (fixed clock, local feeds), so the case runs once
 * whatever `--runs` says; only the wall time would vary.
 */
export const replay: BenchCase = {
  name: 'replay',
  summary: 'ranking quality on the replay corpus: recall@slots ≥ 0.40, recall@3×slots ≥ 0.80 and ≥ 1.3 × the best baseline',
  async run(context) {
    try {
      await access(path.join(CORPUS_DIR, 'issues.tsv'));
    } catch {
      throw new Error(
        `the replay corpus is missing: ${CORPUS_DIR}/issues.tsv not found (the case reads ../shared/corpus/replay next to the repository; see its README.md)`,
      );
    }
    const config = await loadSources(SOURCES_FILE);
    const corpus = await readReplayCorpus(CORPUS_DIR);
    const toIssue = context.quick ? corpus.issues[QUICK_ISSUES - 1]?.number : undefined;
    const handle = await openDatabase({ dataDir: 'memory://' });
    let weeks: Awaited<ReturnType<typeof replayIssues>>;
    let wallSeconds: number;
    try {
      await migrateToLatest(handle.db);
      const startedAt = performance.now();
      weeks = await replayIssues({ db: handle.db, log: createLogger({ level: 'warn', pretty: false }), config }, corpus, {
        toIssue,
        progress: (message) => context.progress(`replay ${message}`),
      });
      wallSeconds = (performance.now() - startedAt) / 1000;
    } finally {
      await handle.close();
    }

    const categoryIds = config.weekly.categories.map((category) => category.id);
    const { byCategory, overall } = sumWeeks(weeks, categoryIds);
    const metrics: Metric[] = [
      { name: 'replay wall time (collect every day, import, rank and score each week)', unit: 's', samples: [wallSeconds] },
      {
        name: '  of which ranking (rankWeek, every scored week)',
        unit: 's',
        samples: [weeks.reduce((sum, week) => sum + week.rankMs, 0) / 1000],
      },
      ...recallMetrics('overall', overall),
      ...categoryIds.filter((id) => byCategory[id].picks > 0).flatMap((id) => recallMetrics(id, byCategory[id])),
    ];

    const targets: TargetCheck[] = context.quick
      ? []
      : [
          {
            name: `recall@3×slots ≥ ${RECALL_AT_TRIPLE * 100} %`,
            measured: percent(recallOf(overall, 'atTriple', 'sift')),
            comparison: '>=',
            limit: RECALL_AT_TRIPLE * 100,
            unit: '%',
            detail: 'in-pool picks within 3 × slots of their section, over in-pool picks, all weeks',
          },
          {
            name: `recall@slots ≥ ${RECALL_AT_SLOTS * 100} %`,
            measured: percent(recallOf(overall, 'atSlots', 'sift')),
            comparison: '>=',
            limit: RECALL_AT_SLOTS * 100,
            unit: '%',
            detail: 'in-pool picks within the slots of their section, over in-pool picks, all weeks',
          },
          overBaseline(overall, 'atTriple', 'recall@3×slots'),
          overBaseline(overall, 'atSlots', 'recall@slots'),
        ];

    const scored = weeks.map((week) => week.issue.number);
    return {
      setup: [
        `${CORPUS_DIR}: ${corpus.sources.size} sources (${[...corpus.sources.entries()].map(([id, entries]) => `${id} ${entries.length}`).join(', ')} items), issues #${corpus.issues[0]?.number}–#${corpus.issues.at(-1)?.number}`,
        `scored ${scored.length} issue(s)${scored.length > 0 ? ` (#${scored[0]}–#${scored.at(-1)})` : ''}, ${overall.picks} picks; sources.yaml of the repository, in-memory PGlite; one run (the scores are deterministic; --runs is ignored)`,
        ...(context.quick
          ? [`--quick: only the first ${QUICK_ISSUES} issues are scored; the targets are for the whole replay and not checked`]
          : []),
        'recall figures are % of the in-pool picks (picks sift ranked in any section); baselines order the same cards, ties as expected values',
      ],
      metrics,
      targets,
      notes: [`per week:\n${indent(formatRecallTable(weeks, categoryIds))}`],
    };
  },
};

/** Pool coverage and the two recalls of every ordering, for one scope (overall or a category). */
function recallMetrics(scope: string, counts: RecallCounts): Metric[] {
  const metrics: Metric[] = [
    {
      name: `${scope}: pool coverage (${counts.inPool} of ${counts.picks} picks ranked at all)`,
      unit: '%',
      samples: [percent(counts.picks === 0 ? Number.NaN : counts.inPool / counts.picks)],
    },
  ];
  if (counts.inPool === 0) return metrics;
  for (const [at, label] of [
    ['atSlots', 'recall@slots'],
    ['atTriple', 'recall@3×slots'],
  ] as const) {
    for (const ordering of ORDERINGS)
      metrics.push({ name: `  ${label}, ${ORDERING_LABEL[ordering]}`, unit: '%', samples: [percent(recallOf(counts, at, ordering))] });
  }
  return metrics;
}

/** sift's recall over the best baseline's, both from this run; Infinity when every baseline scored 0 and sift did not. */
function overBaseline(counts: RecallCounts, at: 'atSlots' | 'atTriple', label: string): TargetCheck {
  const best = BASELINES.reduce((top, ordering) => (recallOf(counts, at, ordering) > recallOf(counts, at, top) ? ordering : top));
  const baseline = recallOf(counts, at, best);
  const sift = recallOf(counts, at, 'sift');
  return {
    name: `${label} ≥ ${OVER_BEST_BASELINE} × best baseline`,
    measured: baseline === 0 ? (sift > 0 ? Infinity : Number.NaN) : sift / baseline,
    comparison: '>=',
    limit: OVER_BEST_BASELINE,
    unit: '×',
    detail: `sift ${fixed(sift)} ÷ ${ORDERING_LABEL[best]} ${fixed(baseline)} (best of ${BASELINES.join(', ')})`,
  };
}

function percent(ratio: number): number {
  return ratio * 100;
}

function fixed(value: number): string {
  return Number.isNaN(value) ? '–' : value.toFixed(2);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `         ${line}`))
    .join('\n');
}
