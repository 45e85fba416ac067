import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { SourcesConfig } from '../../src/config/schema.ts';
import type { Db } from '../../src/db/database.ts';
import { connectProducerRedis } from '../../src/queue/connect-redis.ts';
import { enqueueDueSources } from '../../src/queue/enqueue-due-sources.ts';
import { openQueues, type SiftQueues } from '../../src/queue/open-queues.ts';
import { startDistributed, type DistributedHandle } from '../../src/queue/start-distributed.ts';
import type { RefreshDeps } from '../../src/refresh/refresh-source.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { createBenchDatabase } from '../lib/bench-database.ts';
import { makeSourcesConfig, readDefaultConcurrency, seedSources } from '../lib/make-sources-config.ts';
import { median, time } from '../lib/measure.ts';
import { runCollectPass, type Limits } from '../lib/passes.ts';
import { PROFILES } from '../fixture/generate-feeds.ts';
import { startFixture, type Fixture } from '../fixture/start-fixture.ts';
import type { BenchCase, BenchContext, Metric, TargetCheck } from '../lib/types.ts';

const FULL_SOURCES = 1_000;
/** --quick: the issue's own small configuration, to stay within the one-minute budget. */
const QUICK_SOURCES = 200;
const ITEMS_PER_FEED = PROFILES.uniform50.items[0];
const PORT_COUNT = 64;
/** SIFT_WORKER_LEASE_MS's default: lock, stalled-job check and host lease, as `sift worker` runs. */
const LEASE_MS = 30_000;
/** No scheduler runs here (the bench enqueues itself), but the option is required. */
const TICK_MS = 60_000;
/** A pass that has not finished by then is stuck (a source failing and waiting for its 30 s retry). */
const PASS_TIMEOUT_MS = 10 * 60_000;
const POLL_MS = 20;
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const WARM_UP_SOURCES = 50;

type Variant = 'in-process' | 'queue-1' | 'queue-2';
const VARIANTS: Variant[] = ['in-process', 'queue-1', 'queue-2'];
const LABEL: Record<Variant, string> = {
  'in-process': 'in-process collect (collectSources)',
  'queue-1': 'queue, 1 worker',
  'queue-2': 'queue, 2 workers',
};

interface PassFigures {
  ms: number;
  cpuMs: number;
  itemsFound: number;
  enqueueMs?: number;
}

/**
 * Distributed mode against `sift collect` on the same sources in the same run: 1,000 feeds of 50
 * items on 64 ports (hosts), refreshed once through the BullMQ queue with one and with two worker
 * handles, and once in-process with collectSources, each into a fresh Postgres database. Queue
 * time runs from the first enqueueDueSources call until every source has its fetch row (the row is
 * committed with the source's items). The workers are in-process startDistributed handles (worker
 * only, no scheduler), each on its own Redis connection, sharing this process's CPU and database
 * pool; so "2 workers" doubles the jobs in flight, not the cores.
 */
export const queue: BenchCase = {
  name: 'queue',
  summary: '1,000 sources × 50 items through the BullMQ queue (1 and 2 workers) vs in-process collect',
  async run(context) {
    const count = context.quick ? QUICK_SOURCES : FULL_SOURCES;
    const limits = readDefaultConcurrency();
    // Fail early, with the URL, when Redis is not there.
    (await connectProducerRedis(REDIS_URL, { name: 'sift-bench-probe' })).disconnect();
    context.progress(`queue: generating and serving ${count.toLocaleString('en')} feeds × ${ITEMS_PER_FEED} items on ${PORT_COUNT} ports`);
    const fixture = await startFixture({ seed: context.seed, count, profile: 'uniform50', portCount: PORT_COUNT });
    const series = new Map<string, number[]>();
    const record = (key: string, value: number) => series.set(key, [...(series.get(key) ?? []), value]);
    let itemsFound = 0;
    try {
      const config = makeSourcesConfig(fixture.feeds);
      context.progress(`queue: warm-up (in-process collect of ${WARM_UP_SOURCES} sources, not timed)`);
      await runInProcess(context, makeSourcesConfig(fixture.feeds.slice(0, WARM_UP_SOURCES)), limits);
      for (let run = 0; run < context.runs; run++) {
        const order = VARIANTS.map((_, index) => VARIANTS[(index + run) % VARIANTS.length] as Variant);
        const ms = {} as Record<Variant, number>;
        for (const variant of order) {
          context.progress(`queue run ${run + 1}/${context.runs}: ${LABEL[variant]}`);
          const figures =
            variant === 'in-process'
              ? await runInProcess(context, config, limits)
              : await runQueue(context, fixture, config, limits, variant === 'queue-1' ? 1 : 2);
          ms[variant] = figures.ms;
          itemsFound = figures.itemsFound;
          record(`${variant}:ms`, figures.ms);
          record(`${variant}:cpu`, figures.cpuMs);
          record(`${variant}:sources`, count / (figures.ms / 1000));
          record(`${variant}:items`, figures.itemsFound / (figures.ms / 1000));
          if (figures.enqueueMs !== undefined) record(`${variant}:enqueue`, figures.enqueueMs);
        }
        record('queue-1:ratio', ms['queue-1'] / ms['in-process']);
        record('queue-2:ratio', ms['queue-2'] / ms['in-process']);
      }
    } finally {
      await fixture.close();
    }

    const samples = (key: string) => series.get(key) ?? [];
    const metrics: Metric[] = VARIANTS.flatMap((variant): Metric[] => [
      { name: LABEL[variant], unit: 'ms', samples: samples(`${variant}:ms`) },
      { name: '  sources/s (one fetch row each)', unit: 'rows/s', samples: samples(`${variant}:sources`) },
      { name: '  items/s', unit: 'items/s', samples: samples(`${variant}:items`) },
      { name: '  CPU time of the sift process (workers included)', unit: 'ms', samples: samples(`${variant}:cpu`) },
      ...(variant === 'in-process'
        ? []
        : [
            { name: '  of which enqueueDueSources', unit: 'ms' as const, samples: samples(`${variant}:enqueue`) },
            { name: '  ÷ in-process, same run', unit: '×' as const, samples: samples(`${variant}:ratio`) },
          ]),
    ]);
    const target = (variant: 'queue-1' | 'queue-2'): TargetCheck => ({
      name: `${LABEL[variant]} ≤ 1.2 × in-process`,
      measured: median(samples(`${variant}:ratio`)),
      comparison: '<=',
      limit: 1.2,
      unit: '×',
      detail: 'queue wall time (first enqueue → last fetch row) ÷ collectSources wall time, same run',
    });
    return {
      setup: [
        ...(context.quick ? [`--quick: ${QUICK_SOURCES} sources instead of ${FULL_SOURCES.toLocaleString('en')}`] : []),
        `${count.toLocaleString('en')} feeds × ${ITEMS_PER_FEED} items (15 % of links shared between feeds) on ${PORT_COUNT} ports, ${(fixture.totalBytes / 1e6).toFixed(0)} MB, ${itemsFound.toLocaleString('en')} items; Postgres, a fresh database per pass; parsing on the main thread everywhere`,
        `concurrency ${limits.concurrency} per worker (and in-process), ${limits.perHostConcurrency} per host (in Redis across workers); workers are in-process startDistributed handles (worker only, no scheduler), one Redis connection each, sharing one CPU and one pool of 10 database connections; Redis ${REDIS_URL}, a random key prefix per pass, deleted after`,
      ],
      metrics,
      targets: [target('queue-2'), target('queue-1')],
    };
  },
};

/** `sift collect` as the CLI runs it (selectDueSources + collectSources), in a fresh database. */
async function runInProcess(context: BenchContext, config: SourcesConfig, limits: Limits): Promise<PassFigures> {
  const database = await createBenchDatabase('postgres', context.adminUrl);
  try {
    await seedSources(database.db, config);
    const deps: RefreshDeps = { db: database.db, log: silentLogger(), clock: systemClock, fetch: globalThis.fetch, config };
    const pass = await time(() => runCollectPass(deps, limits, { all: false }));
    if (pass.value.ok !== config.sources.length)
      throw new Error(`in-process: expected ${config.sources.length} sources ok, got ${pass.value.ok}`);
    return { ms: pass.ms, cpuMs: pass.cpuMs, itemsFound: pass.value.itemsFound };
  } finally {
    await database.drop();
  }
}

/**
 * One pass through the queue: workers started and connected first (not timed), then the clock
 * starts, the due sources are enqueued as a scheduler tick does, and the clock stops when every
 * source has a fetch row. Checks every fetch succeeded; removes the prefix's keys afterwards.
 */
async function runQueue(
  context: BenchContext,
  fixture: Fixture,
  config: SourcesConfig,
  limits: Limits,
  workers: number,
): Promise<PassFigures> {
  const database = await createBenchDatabase('postgres', context.adminUrl);
  const prefix = `sift-bench-${randomBytes(5).toString('hex')}`;
  const handles: DistributedHandle[] = [];
  let producer: Redis | undefined;
  let queues: SiftQueues | undefined;
  try {
    await seedSources(database.db, config);
    const deps: RefreshDeps = { db: database.db, log: silentLogger(), clock: systemClock, fetch: globalThis.fetch, config };
    for (let index = 0; index < workers; index++) {
      handles.push(
        await startDistributed(deps, {
          redisUrl: REDIS_URL,
          prefix,
          scheduler: false,
          worker: true,
          concurrency: limits.concurrency,
          hostConcurrency: limits.perHostConcurrency,
          tickMs: TICK_MS,
          leaseMs: LEASE_MS,
          connectionName: `${prefix}:worker-${index}`,
        }),
      );
    }
    await Promise.all(handles.map((handle) => handle.worker?.worker.waitUntilReady()));
    producer = await connectProducerRedis(REDIS_URL, { name: `${prefix}:producer` });
    queues = openQueues(producer, prefix);
    const refreshQueue = queues.refresh;
    const count = fixture.feeds.length;

    const pass = await time(async () => {
      const enqueue = await time(() => enqueueDueSources({ db: database.db, clock: systemClock }, refreshQueue));
      if (enqueue.value.enqueued !== count)
        throw new Error(`queue: expected ${count} jobs enqueued, got ${enqueue.value.enqueued} (${enqueue.value.due} due)`);
      await waitForFetchRows(database.db, count);
      return enqueue.ms;
    });
    const outcomes = await database.db
      .selectFrom('fetches')
      .select(['outcome', sql<number>`count(*)::int`.as('fetches'), sql<number>`coalesce(sum(items_found), 0)::int`.as('items')])
      .groupBy('outcome')
      .execute();
    const ok = outcomes.find((row) => row.outcome === 'ok');
    if (!ok || ok.fetches !== count || outcomes.length !== 1)
      throw new Error(`queue: expected ${count} ok fetches, got ${JSON.stringify(outcomes)}`);
    return { ms: pass.ms, cpuMs: pass.cpuMs, itemsFound: ok.items, enqueueMs: pass.value };
  } finally {
    await Promise.all(handles.map((handle) => handle.close(5_000)));
    await queues?.close();
    if (producer) {
      await deleteKeys(producer, prefix);
      producer.disconnect();
    }
    await database.drop();
  }
}

/** Resolves when `count` sources have a fetch row; throws after PASS_TIMEOUT_MS. */
async function waitForFetchRows(db: Db, count: number): Promise<void> {
  const deadline = Date.now() + PASS_TIMEOUT_MS;
  for (;;) {
    const row = await db.selectFrom('fetches').select(sql<number>`count(distinct source_id)::int`.as('sources')).executeTakeFirstOrThrow();
    if (row.sources >= count) return;
    if (Date.now() > deadline) throw new Error(`queue: only ${row.sources} of ${count} sources fetched after ${PASS_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Deletes every key under the run's prefix (queues, jobs, host leases). */
async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
