import { CompiledQuery, type KyselyPlugin, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import type { Db } from '../../src/db/database.ts';
import { clusterItems } from '../../src/rank/cluster-items.ts';
import { buildWeekCandidates, learnFromRecord, loadRankInputs, rankWeek } from '../../src/curate/rank-week.ts';
import { saveCandidates } from '../../src/store/candidates/save-candidates.ts';
import { weekWindow } from '../../src/calendar/week.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createBenchDatabase, type Engine } from '../lib/bench-database.ts';
import { median, time, type Timed } from '../lib/measure.ts';
import { readRankBenchConfig, seedRankHistory, SOURCE_COUNT, type RankSeed } from '../lib/seed-rank-history.ts';
import type { BenchCase, Metric, TargetCheck } from '../lib/types.ts';

const WEEK = '2026-W48';
const WEEK_COUNT = 20;
const FULL_ITEMS = 1_000_000;
/** --quick: seeding a million rows takes about a minute per database, the whole bench's budget. */
const QUICK_ITEMS = 100_000;
/** Calls after the first whose median is a run's figure: the first pays for new connections and cold caches. */
const WARM_CALLS = 3;
const LIMIT_MS: Record<Engine, number> = { postgres: 1_000, pglite: 3_000 };
const ENGINES: Engine[] = ['postgres', 'pglite'];
const LABEL: Record<Engine, string> = { postgres: 'Postgres', pglite: 'PGlite (in memory)' };

/**
 * Ranking one week of a big history: `rankWeek` over a database holding 1,000,000 items spread over
 * 20 weeks (50,000 in the ranked one, 300 sources, 1–5 sightings each, a few hundred decisions and
 * published links), each run in a freshly seeded database, on Postgres and on embedded PGlite.
 * Besides the headline call, every run times the same work stage by stage (load, cluster,
 * classify + score, save) with each SQL statement timed, checks the plans of rankWeek's queries
 * for sequential scans of the big tables, and, when the headline is over the target, prints
 * EXPLAIN ANALYZE of the two queries that load the week.
 */
export const rank: BenchCase = {
  name: 'rank',
  summary: 'rank a week: 50,000 items among 1,000,000 stored, Postgres < 1 s, PGlite < 3 s; stages, plans',
  async run(context) {
    const itemCount = context.quick ? QUICK_ITEMS : FULL_ITEMS;
    const config = readRankBenchConfig();
    const series = new Map<string, number[]>();
    const record = (key: string, value: number) => series.set(key, [...(series.get(key) ?? []), value]);
    const notes: string[] = [];
    const seeds = new Map<Engine, RankSeed>();
    const explained = new Set<Engine>();

    for (let run = 0; run < context.runs; run++) {
      const order = run % 2 === 0 ? ENGINES : [...ENGINES].reverse();
      for (const engine of order) {
        context.progress(`rank run ${run + 1}/${context.runs}, ${LABEL[engine]}: seeding ${itemCount.toLocaleString('en')} items`);
        const database = await createBenchDatabase(engine, context.adminUrl);
        try {
          const seed = await seedRankHistory(database.db, { itemCount, weekCount: WEEK_COUNT, week: WEEK, config });
          seeds.set(engine, seed);
          record(`${engine}:seed`, seed.seedMs / 1000);
          const deps = { db: database.db, config, clock: fixedClock(seed.now) };
          context.progress(`rank run ${run + 1}/${context.runs}, ${LABEL[engine]}: rankWeek`);
          const first = await time(() => rankWeek(deps, WEEK));
          const warm: Array<Timed<unknown>> = [];
          for (let call = 0; call < WARM_CALLS; call++) warm.push(await time(() => rankWeek(deps, WEEK)));
          const warmMs = median(warm.map((call) => call.ms));
          record(`${engine}:first`, first.ms);
          record(`${engine}:warm`, warmMs);
          record(`${engine}:cpu`, median(warm.map((call) => call.cpuMs)));
          record(`${engine}:rate`, seed.counts.weekItems / (warmMs / 1000));
          record(`${engine}:cards`, Object.values(first.value).flat().length);

          const stages = await profileStages(database.db, config, seed);
          for (const [stage, ms] of Object.entries(stages.ms)) record(`${engine}:${stage}`, ms);
          if (run === 0) {
            const statements = await measureStatements(database.db, stages.queries);
            notes.push(
              `${LABEL[engine]}, rankWeek's SELECTs run one at a time, slowest first (wall time in sift incl. rows → objects / execution inside the database per EXPLAIN ANALYZE): ${statements
                .slice(0, 4)
                .map(
                  (statement) =>
                    `${statement.name} ${Math.round(statement.wallMs)} ms / ${Math.round(statement.serverMs)} ms (${statement.rows.toLocaleString('en')} rows)`,
                )
                .join('; ')}`,
            );
            notes.push(`${LABEL[engine]}, index use: ${await checkIndexUse(database.db, stages.queries)}`);
          }
          if (warmMs > LIMIT_MS[engine] && !explained.has(engine)) {
            explained.add(engine);
            notes.push(
              ...(await explainWeekQueries(
                database.db,
                stages.queries,
                `${LABEL[engine]}, run ${run + 1}: rankWeek took ${Math.round(warmMs).toLocaleString('en')} ms (target ${LIMIT_MS[engine].toLocaleString('en')} ms)`,
              )),
            );
          }
        } finally {
          await database.drop();
        }
      }
    }

    const samples = (key: string) => series.get(key) ?? [];
    const counts = seeds.get('postgres')?.counts ?? seeds.get('pglite')?.counts;
    const weekItems = counts?.weekItems ?? 0;
    const metrics: Metric[] = ENGINES.flatMap((engine): Metric[] => [
      {
        name: `rankWeek, ${LABEL[engine]} (median of ${WARM_CALLS} calls after the first)`,
        unit: 'ms',
        samples: samples(`${engine}:warm`),
      },
      { name: '  week items/s', unit: 'rows/s', samples: samples(`${engine}:rate`) },
      { name: '  CPU time of the sift process (PGlite: includes the database)', unit: 'ms', samples: samples(`${engine}:cpu`) },
      { name: '  first call on a fresh database (new connections, cold caches)', unit: 'ms', samples: samples(`${engine}:first`) },
      { name: '  stage: load week + verdicts (SQL, rows → objects)', unit: 'ms', samples: samples(`${engine}:load`) },
      { name: '  stage: learn (pick rates, vocabulary, term weights)', unit: 'ms', samples: samples(`${engine}:learn`) },
      { name: '  stage: cluster (tokenize + similarity join)', unit: 'ms', samples: samples(`${engine}:cluster`) },
      { name: '  stage: classify + score + order (build − cluster, + summaries)', unit: 'ms', samples: samples(`${engine}:score`) },
      { name: '  stage: save candidates', unit: 'ms', samples: samples(`${engine}:save`) },
      { name: '  seeding the database (not timed by the target)', unit: 's', samples: samples(`${engine}:seed`) },
    ]);
    const targets: TargetCheck[] = context.quick
      ? []
      : ENGINES.map((engine) => ({
          name: `rankWeek, ${LABEL[engine]} < ${LIMIT_MS[engine].toLocaleString('en')} ms`,
          measured: median(samples(`${engine}:warm`)),
          comparison: '<=' as const,
          limit: LIMIT_MS[engine],
          unit: 'ms' as const,
          detail: `rankWeek, median of ${WARM_CALLS} calls after the first, ${weekItems.toLocaleString('en')} week items`,
        }));
    return {
      setup: [
        ...(context.quick
          ? [
              `--quick: ${QUICK_ITEMS.toLocaleString('en')} items (${(QUICK_ITEMS / WEEK_COUNT).toLocaleString('en')} in the week) on both engines instead of ${FULL_ITEMS.toLocaleString('en')} (${(FULL_ITEMS / WEEK_COUNT).toLocaleString('en')}); targets are for the full size and not checked`,
            ]
          : []),
        counts
          ? `${counts.items.toLocaleString('en')} items over ${WEEK_COUNT} weeks, ${counts.weekItems.toLocaleString('en')} in ${WEEK}; ${counts.sightings.toLocaleString('en')} sightings (${counts.weekSightings.toLocaleString('en')} in the week) from ${SOURCE_COUNT} sources; ${counts.decisions} decisions (${counts.weekDecisions} this week), ${counts.published} published links; ~3 % reposts for clustering`
          : 'no run completed',
        `a freshly seeded database per run and engine (set-based SQL, then VACUUM ANALYZE and CHECKPOINT); rankWeek called once (reported as "first call"), then ${WARM_CALLS} times (each replaces the stored ranking; their median is the figure), then once more stage by stage with each statement timed; ${median(samples('postgres:cards')).toLocaleString('en')} cards stored`,
      ],
      metrics,
      targets,
      notes,
    };
  },
};

interface TimedQuery {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
  rows: number;
}

/**
 * rankWeek's steps one by one, with the exported functions it is made of (rank-week.ts), so the
 * report can say where the time goes; clustering is also run on its own to split buildCandidates.
 * Every statement is timed from compilation to result (they overlap where rankWeek runs them
 * concurrently).
 */
async function profileStages(db: Db, config: ReturnType<typeof readRankBenchConfig>, seed: RankSeed) {
  const queries: TimedQuery[] = [];
  const traced = db.withPlugin(createQueryTimer(db, queries));
  const window = weekWindow(WEEK, config.weekly);
  const load = await time(() => loadRankInputs(traced, window, config.weekly, seed.now));
  const [data, record] = load.value;
  const learn = await time(async () => learnFromRecord(record, data, seed.now));
  const cluster = await time(async () => clusterItems(data.items));
  const build = await time(() => buildWeekCandidates(traced, data, { window, config, ...learn.value, now: seed.now }));
  const save = await time(() => saveCandidates(traced, window.label, build.value));
  return {
    ms: { load: load.ms, learn: learn.ms, cluster: cluster.ms, score: Math.max(0, build.ms - cluster.ms), save: save.ms },
    queries,
  };
}

/** A Kysely plugin that records each statement's SQL, parameters, duration and row count. */
function createQueryTimer(db: Db, into: TimedQuery[]): KyselyPlugin {
  const started = new WeakMap<object, { at: number; sql: string; parameters: readonly unknown[] }>();
  return {
    transformQuery(args): RootOperationNode {
      const compiled = db.getExecutor().compileQuery(args.node, args.queryId);
      started.set(args.queryId, { at: performance.now(), sql: compiled.sql, parameters: compiled.parameters });
      return args.node;
    },
    async transformResult(args): Promise<QueryResult<UnknownRow>> {
      const start = started.get(args.queryId);
      if (start)
        into.push({ sql: start.sql, parameters: start.parameters, ms: performance.now() - start.at, rows: args.result.rows.length });
      return args.result;
    },
  };
}

/** `select … from "items" where …` → `items where first_seen_at…`, enough to tell the statements apart. */
function describeQuery(text: string): string {
  let compact = text.replace(/"/g, '').replace(/\s+/g, ' ');
  // drop subqueries (and other parentheses) so the statement's own FROM is the one found
  for (let previous = ''; previous !== compact; ) [previous, compact] = [compact, compact.replace(/\([^()]*\)/g, '')];
  const verb = /^(select|insert|delete|update)/i.exec(compact)?.[1]?.toLowerCase() ?? 'sql';
  const from = / (?:from|into) ([a-z_]+)(?: as [a-z_]+)?((?: (?:inner|left) join [a-z_]+)*)/i.exec(compact);
  const where = / where (.{0,40})/i.exec(compact)?.[1];
  return `[${verb} ${from ? `${from[1]}${from[2] ? from[2].replace(/ (inner|left) join /gi, '⋈') : ''}` : '?'}${where ? ` where ${where.trim()}…` : ''}]`;
}

interface StatementCost {
  name: string;
  wallMs: number;
  serverMs: number;
  rows: number;
}

/**
 * Each SELECT rankWeek issued, run again alone (same SQL, same parameters, through the same
 * driver, so rows are parsed as rankWeek gets them), next to its execution time inside the
 * database: the difference is transfer and turning rows into objects. Slowest first.
 */
async function measureStatements(db: Db, queries: readonly TimedQuery[]): Promise<StatementCost[]> {
  const costs: StatementCost[] = [];
  for (const query of queries.filter((entry) => /^select/i.test(entry.sql))) {
    const alone = await time(() => db.executeQuery(CompiledQuery.raw(query.sql, [...query.parameters])));
    const explained = await db.executeQuery<{ 'QUERY PLAN': unknown }>(
      CompiledQuery.raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`, [...query.parameters]),
    );
    const raw = explained.rows[0]?.['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ 'Execution Time': number }>;
    costs.push({
      name: describeQuery(query.sql),
      wallMs: alone.ms,
      serverMs: plan[0]?.['Execution Time'] ?? Number.NaN,
      rows: alone.value.rows.length,
    });
  }
  return costs.sort((left, right) => right.wallMs - left.wallMs);
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const BIG_TABLES = new Set(['items', 'sightings']);

/**
 * Plans (EXPLAIN, not run) of every SELECT rankWeek issued: which scans reach items and sightings,
 * the two tables that grow with history. A sequential scan of either is what "the queries use
 * indexes" rules out.
 */
async function checkIndexUse(db: Db, queries: readonly TimedQuery[]): Promise<string> {
  const offenders: string[] = [];
  const scans = new Set<string>();
  for (const query of queries.filter((entry) => /^select/i.test(entry.sql))) {
    const result = await db.executeQuery<{ 'QUERY PLAN': unknown }>(
      CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]),
    );
    const raw = result.rows[0]?.['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
    const walk = (node: PlanNode) => {
      if (node['Relation Name'] && BIG_TABLES.has(node['Relation Name'])) {
        scans.add(`${node['Node Type']} on ${node['Relation Name']}${node['Index Name'] ? ` (${node['Index Name']})` : ''}`);
        if (node['Node Type'] === 'Seq Scan') offenders.push(`${describeQuery(query.sql)} seq-scans ${node['Relation Name']}`);
      }
      if (node['Node Type'].includes('Index') && node['Index Name'] && !node['Relation Name'])
        scans.add(`${node['Node Type']} (${node['Index Name']})`);
      for (const child of node.Plans ?? []) walk(child);
    };
    if (plan[0]) walk(plan[0].Plan);
  }
  const summary = [...scans].sort().join(', ');
  return offenders.length === 0
    ? `no sequential scan of items or sightings in ${queries.filter((entry) => /^select/i.test(entry.sql)).length} SELECTs; scans used: ${summary}`
    : `SEQUENTIAL SCANS: ${offenders.join('; ')} (scans used: ${summary})`;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the two statements that load the week (its items, their sightings), as notes. */
async function explainWeekQueries(db: Db, queries: readonly TimedQuery[], heading: string): Promise<string[]> {
  const weekQueries = queries.filter(
    (query) =>
      /^select .* from "items" where "first_seen_at" >=/is.test(query.sql) ||
      /^select .* from "sightings" as "s" inner join "items"/is.test(query.sql),
  );
  const notes: string[] = [];
  for (const query of weekQueries) {
    const result = await db.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, [...query.parameters]),
    );
    const lines = result.rows.map((row) => `         ${row['QUERY PLAN']}`);
    notes.push(`${heading}; EXPLAIN ANALYZE ${describeQuery(query.sql)}:\n${lines.join('\n')}`);
  }
  return notes;
}
