import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/database.ts';
import { countSourcesInBackoff } from '../store/sources/count-sources-in-backoff.ts';

/** The job states the queue gauge reports. */
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** How long a scrape waits for Redis or Postgres before reporting without that gauge. */
const COLLECT_TIMEOUT_MS = 1_000;

/** The part of a BullMQ Queue the gauges read (any queue-like object works in tests). */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
}

export interface MetricsSources {
  /** For `sift_sources_in_backoff`. */
  db?: Db;
  /** For `sift_queue_jobs`; more can be added later with `metrics.queues.push(queue)`. */
  queues?: CountableQueue[];
  /** Node process metrics (CPU, memory, event loop); on by default. */
  processMetrics?: boolean;
}

export interface SiftMetrics {
  /** This process's own registry (never prom-client's global one): serve `registry.metrics()`. */
  readonly registry: Registry;
  readonly fetchDuration: Histogram<'outcome'>;
  readonly fetchOutcomes: Counter<'outcome' | 'error_code' | 'http_status'>;
  readonly itemsStored: Counter;
  readonly sightingsStored: Counter;
  /** Jobs put back because their host was paused (429) or at its concurrency limit. */
  readonly hostDeferrals: Counter<'reason'>;
  readonly queueJobs: Gauge<'queue' | 'state'>;
  readonly sourcesInBackoff: Gauge;
  /** Queues the queue gauge reads on each scrape. */
  readonly queues: CountableQueue[];
}

/**
 * The metrics of one process, in a registry of its own so several apps (tests, `sift start`
 * running scheduler + worker + web together) never collide. Queue and backoff gauges are read on
 * scrape, so they are right whichever process changed them; a source that does not answer within
 * a second is left out of that scrape rather than holding it.
 */
export function createMetrics(sources: MetricsSources = {}): SiftMetrics {
  const registry = new Registry();
  const registers = [registry];
  const queues = [...(sources.queues ?? [])];
  const db = sources.db;

  const metrics: SiftMetrics = {
    registry,
    queues,
    fetchDuration: new Histogram({
      name: 'sift_fetch_duration_seconds',
      help: 'Time to refresh one source (fetch, parse, store), by outcome',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60],
      registers,
    }),
    fetchOutcomes: new Counter({
      name: 'sift_fetch_outcomes_total',
      help: 'Source refreshes by outcome (ok, not_modified, failed), error code and HTTP status (empty unless failed)',
      labelNames: ['outcome', 'error_code', 'http_status'],
      registers,
    }),
    itemsStored: new Counter({ name: 'sift_items_stored_total', help: 'Items stored for the first time (new canonical URLs)', registers }),
    sightingsStored: new Counter({ name: 'sift_sightings_stored_total', help: 'New (item, source) sightings stored', registers }),
    hostDeferrals: new Counter({
      name: 'sift_host_deferrals_total',
      help: 'Refresh jobs moved back because their host was paused (429) or at its concurrency limit',
      labelNames: ['reason'],
      registers,
    }),
    queueJobs: new Gauge({
      name: 'sift_queue_jobs',
      help: 'Jobs per BullMQ queue and state, read on scrape',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        await Promise.all(
          queues.map(async (queue) => {
            const counts = await withTimeout(queue.getJobCounts(...QUEUE_STATES));
            if (!counts) return;
            for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
          }),
        );
      },
    }),
    sourcesInBackoff: new Gauge({
      name: 'sift_sources_in_backoff',
      help: 'Enabled sources whose last fetch failed (error_count > 0), read on scrape',
      registers,
      async collect() {
        if (!db) return;
        const count = await withTimeout(countSourcesInBackoff(db));
        if (count !== undefined) this.set(count);
      },
    }),
  };
  if (sources.processMetrics !== false) collectDefaultMetrics({ register: registry });
  return metrics;
}

/** The value, or undefined when it takes longer than a scrape should wait (or fails). */
async function withTimeout<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), COLLECT_TIMEOUT_MS);
  });
  try {
    // A failed read leaves the gauge out of this scrape; /readyz reports the unreachable dependency.
    return await Promise.race([work.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
