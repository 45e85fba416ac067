import type { SourcesConfig } from '../../src/config/schema.ts';
import { processFeed } from '../../src/refresh/process-feed.ts';
import { createProcessFeedPool } from '../../src/refresh/process-feed-pool.ts';
import type { RefreshDeps } from '../../src/refresh/refresh-source.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { startFixture, type Fixture } from '../fixture/start-fixture.ts';
import { createBenchDatabase, type Engine } from '../lib/bench-database.ts';
import { makeSourcesConfig, readDefaultConcurrency, seedSources } from '../lib/make-sources-config.ts';
import { median, time } from '../lib/measure.ts';
import { fetchEveryFeed, processEveryFeed, runCollectPass, warmUp, type Limits, type ProcessFeedFunction } from '../lib/passes.ts';
import type { BenchCase, BenchContext, CaseResult, Metric } from '../lib/types.ts';

const SOURCE_COUNT = 250;
/** --quick: enough sources to exercise every path, few enough to keep the whole bench under a minute. */
const QUICK_SOURCE_COUNT = 100;
const PORT_COUNT = 64;
const WARM_UP_FEEDS = 40;

interface Variant {
  key: 'postgres' | 'postgres-pool' | 'pglite-pool';
  label: string;
  engine: Engine;
  usesPool: boolean;
  /** The second pass (every source answers 304) is measured on the Postgres variants. */
  measuresSecondPass: boolean;
}

const VARIANTS: Variant[] = [
  { key: 'postgres', label: 'Postgres, parse on the main thread', engine: 'postgres', usesPool: false, measuresSecondPass: true },
  { key: 'postgres-pool', label: 'Postgres, parse pool', engine: 'postgres', usesPool: true, measuresSecondPass: true },
  { key: 'pglite-pool', label: 'PGlite (in memory), parse pool', engine: 'pglite', usesPool: true, measuresSecondPass: false },
];

/**
 * 250 sources, first pass, in-process: how long a user waits for `sift collect` on a config the
 * size of sources.yaml, against the floors of the same run (fetch every feed and nothing else;
 * parse the same bytes in memory and nothing else), with and without the worker pool, on Postgres
 * and on embedded PGlite, then the second pass where every feed answers 304.
 */
export const firstPass: BenchCase = {
  name: 'first-pass',
  summary: '250 sources: first pass vs fetch/parse floors, parse pool gain, PGlite, second pass (all 304)',
  async run(context) {
    const count = context.quick ? QUICK_SOURCE_COUNT : SOURCE_COUNT;
    context.progress(`first-pass: generating and serving ${count} feeds on ${PORT_COUNT} ports`);
    const fixture = await startFixture({ seed: context.seed, count, profile: 'realistic', portCount: PORT_COUNT });
    const pool = createProcessFeedPool({ size: context.parseThreads });
    try {
      await warmUp(pool.processFeed, pool.size);
      return await measure(context, fixture, pool.processFeed);
    } finally {
      await pool.close();
      await fixture.close();
    }
  },
};

async function measure(context: BenchContext, fixture: Fixture, poolProcessFeed: ProcessFeedFunction): Promise<CaseResult> {
  const config = makeSourcesConfig(fixture.feeds);
  const limits = readDefaultConcurrency();
  const series = new Map<string, number[]>();
  const record = (key: string, value: number) => series.set(key, [...(series.get(key) ?? []), value]);
  let itemsFound = 0;

  // Untimed: bring this thread's and the workers' JIT to the state later runs see, so the first
  // run's floors are not measured cold while the pipelines after them run warm.
  const warmUpFeeds = await fetchEveryFeed(fixture.feeds.slice(0, WARM_UP_FEEDS), limits, config.defaults.user_agent);
  await processEveryFeed(warmUpFeeds, processFeed, systemClock.now(), false);
  await processEveryFeed(warmUpFeeds, poolProcessFeed, systemClock.now(), true);

  for (let run = 0; run < context.runs; run++) {
    const now = systemClock.now();
    context.progress(`first-pass run ${run + 1}/${context.runs}: floors`);
    const fetched = await time(() => fetchEveryFeed(fixture.feeds, limits, config.defaults.user_agent));
    record('fetch', fetched.ms);
    record('fetch-cpu', fetched.cpuMs);
    const parsed = await time(() => processEveryFeed(fetched.value, processFeed, now, false));
    record('parse', parsed.ms);
    record('parse-cpu', parsed.cpuMs);
    // Also warms the workers' JIT as the floor above warmed this thread's: the variants start even.
    const parsedInPool = await time(() => processEveryFeed(fetched.value, poolProcessFeed, now, true));
    record('parse-pool', parsedInPool.ms);

    // Rotate the order so no variant always runs first (cold caches) or last.
    const order = VARIANTS.map((_, index) => VARIANTS[(index + run) % VARIANTS.length] as Variant);
    for (const variant of order) {
      context.progress(`first-pass run ${run + 1}/${context.runs}: pipeline, ${variant.label}`);
      const passes = await runVariant(context, fixture, config, limits, variant, variant.usesPool ? poolProcessFeed : undefined);
      record(`${variant.key}:first`, passes.firstMs);
      record(`${variant.key}:cpu`, passes.firstCpuMs);
      itemsFound = passes.itemsFound;
      record(`${variant.key}:rate`, passes.itemsFound / (passes.firstMs / 1000));
      if (passes.secondMs !== undefined) record(`${variant.key}:second`, passes.secondMs);
    }
    const at = (key: string) => series.get(key)?.[run] as number;
    const floors = at('fetch') + at('parse');
    record('ratio:postgres', at('postgres:first') / floors);
    record('ratio:postgres-pool', at('postgres-pool:first') / floors);
    record('ratio:pool-gain', at('postgres:first') / at('postgres-pool:first'));
    record('ratio:pglite', at('pglite-pool:first') / at('postgres-pool:first'));
    record('ratio:second', at('postgres-pool:second') / at('postgres-pool:first'));
    record('ratio:second-in-thread', at('postgres:second') / at('postgres:first'));
  }

  const samples = (key: string) => series.get(key) ?? [];
  const metric = (name: string, key: string, unit: Metric['unit'], note?: string): Metric => ({
    name,
    unit,
    samples: samples(key),
    ...(note ? { note } : {}),
  });
  const digests = fixture.feeds.filter((feed) => feed.kind === 'digest').length;
  return {
    setup: [
      ...(context.quick ? [`--quick: ${fixture.feeds.length} sources instead of ${SOURCE_COUNT}`] : []),
      `${fixture.feeds.length} feeds (${digests} newsletters) on ${PORT_COUNT} ports, ${(fixture.totalBytes / 1e6).toFixed(1)} MB, ${itemsFound.toLocaleString('en')} items; concurrency ${limits.concurrency}, ${limits.perHostConcurrency} per host; parse pool ${context.parseThreads} thread(s)`,
    ],
    metrics: [
      metric('fetch-only floor (GET every feed)', 'fetch', 'ms'),
      metric('  CPU time of the sift process', 'fetch-cpu', 'ms'),
      metric('parse-only floor (processFeed, 1 thread)', 'parse', 'ms'),
      metric('  CPU time of the sift process', 'parse-cpu', 'ms'),
      metric(`parse-only, pool of ${context.parseThreads}`, 'parse-pool', 'ms'),
      ...VARIANTS.flatMap((variant) => [
        metric(`first pass: ${variant.label}`, `${variant.key}:first`, 'ms'),
        metric(`  items/s: ${variant.label}`, `${variant.key}:rate`, 'items/s'),
        metric(`  CPU time of the sift process: ${variant.label}`, `${variant.key}:cpu`, 'ms'),
      ]),
      metric('second pass (all 304): Postgres, main thread', 'postgres:second', 'ms'),
      metric('second pass (all 304): Postgres, parse pool', 'postgres-pool:second', 'ms'),
      metric('parse pool gain (main thread ÷ pool)', 'ratio:pool-gain', '×'),
    ],
    targets: [
      target(
        'pipeline (main thread) ≤ 1.5 × (fetch + parse floors)',
        samples('ratio:postgres'),
        1.5,
        'first pass ÷ (fetch-only + parse-only), Postgres',
      ),
      target(
        'pipeline (parse pool) ≤ 1.5 × (fetch + parse floors)',
        samples('ratio:postgres-pool'),
        1.5,
        'first pass ÷ (fetch-only + parse-only), Postgres',
      ),
      target('PGlite ≤ 2 × Postgres', samples('ratio:pglite'), 2, 'PGlite first pass ÷ Postgres first pass, both with the pool'),
      {
        ...target(
          'second pass ≤ 10 % of first',
          samples('ratio:second').map((ratio) => ratio * 100),
          10,
          'second ÷ first, Postgres, pool',
        ),
        unit: '%',
      },
    ],
  };
}

function target(name: string, ratios: number[], limit: number, detail: string) {
  return { name, measured: median(ratios), comparison: '<=' as const, limit, unit: '×' as const, detail };
}

interface VariantPasses {
  firstMs: number;
  /** CPU of this process, every thread (the pool's too); not Postgres's or the fixture server's. */
  firstCpuMs: number;
  secondMs?: number;
  itemsFound: number;
}

/** One fresh database: seed the sources, time the first pass, then (Postgres) the second. Checks every feed was fetched and then answered 304. */
async function runVariant(
  context: BenchContext,
  fixture: Fixture,
  config: SourcesConfig,
  limits: Limits,
  variant: Variant,
  poolProcessFeed: ProcessFeedFunction | undefined,
): Promise<VariantPasses> {
  const database = await createBenchDatabase(variant.engine, context.adminUrl);
  try {
    await seedSources(database.db, config);
    const deps: RefreshDeps = {
      db: database.db,
      log: silentLogger(),
      clock: systemClock,
      fetch: globalThis.fetch,
      config,
      ...(poolProcessFeed ? { processFeed: poolProcessFeed } : {}),
    };
    await fixture.resetCounts();
    const first = await time(() => runCollectPass(deps, limits, { all: false }));
    const firstCounts = await fixture.counts();
    const count = fixture.feeds.length;
    if (first.value.ok !== count || firstCounts.ok !== count) {
      throw new Error(`first pass: expected ${count} feeds fetched, got ${first.value.ok} ok and ${firstCounts.ok} answered 200`);
    }
    if (!variant.measuresSecondPass) return { firstMs: first.ms, firstCpuMs: first.cpuMs, itemsFound: first.value.itemsFound };
    await fixture.resetCounts();
    const second = await time(() => runCollectPass(deps, limits, { all: true }));
    const secondCounts = await fixture.counts();
    if (second.value.notModified !== count || secondCounts.notModified !== count) {
      throw new Error(
        `second pass: expected ${count} not modified, got ${second.value.notModified} (server answered ${secondCounts.notModified} 304s)`,
      );
    }
    return { firstMs: first.ms, firstCpuMs: first.cpuMs, secondMs: second.ms, itemsFound: first.value.itemsFound };
  } finally {
    await database.drop();
  }
}
