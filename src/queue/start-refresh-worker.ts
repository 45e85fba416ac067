import { hostname } from 'node:os';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { SiftMetrics } from '../observability/create-metrics.ts';
import type { RefreshDeps } from '../refresh/refresh-source.ts';
import { closeWorkerWithin, isConnectionError } from './close-within.ts';
import { createBackoffStrategy } from './compute-retry-delay.ts';
import { createHostLimiter } from './create-host-limiter.ts';
import { createRefreshProcessor, type RefreshJobResult } from './create-refresh-processor.ts';
import { REFRESH_QUEUE, type RefreshJobData } from './queue-names.ts';

export interface RefreshWorkerOptions {
  /** A service connection (createServiceRedis): BullMQ needs `maxRetriesPerRequest: null`. */
  redis: Redis;
  /** SIFT_QUEUE_PREFIX */
  prefix: string;
  /** Jobs this process runs at once. */
  concurrency: number;
  /** Fetches per host at once across every worker (SIFT_HOST_CONCURRENCY). */
  hostConcurrency: number;
  /**
   * Job lock, stalled-job check interval and host lease (SIFT_WORKER_LEASE_MS): after a worker dies,
   * its jobs run again elsewhere and its host slots free up within about twice this.
   */
  leaseMs: number;
  /** First retry delay of a transient failure, before jitter (default 30 s; then 60 s). */
  retryBaseMs?: number;
  hostBusyDelayMs?: number;
  metrics?: SiftMetrics;
}

export interface RefreshWorkerHandle {
  readonly worker: Worker<RefreshJobData, RefreshJobResult>;
  /**
   * Stops taking jobs and waits up to `timeoutMs` for the running ones. Jobs still running after
   * that (or all of them, when Redis is unreachable) are left to BullMQ's stalled-job recovery on
   * another worker (storing is idempotent).
   * Resolves true when everything finished in time. Does not close `redis`.
   */
  close(timeoutMs: number): Promise<boolean>;
}

/**
 * A BullMQ worker on the refresh queue running `createRefreshProcessor`. The logic lives in the
 * processor; this only wires BullMQ: concurrency, lock and stalled-check timings, and the custom
 * jittered backoff for retries.
 */
export function startRefreshWorker(deps: RefreshDeps, options: RefreshWorkerOptions): RefreshWorkerHandle {
  const log = deps.log.child({ component: 'worker' });
  const hostLimiter = createHostLimiter(options.redis, {
    prefix: options.prefix,
    limit: options.hostConcurrency,
    leaseMs: options.leaseMs,
  });
  const processor = createRefreshProcessor({
    refresh: deps,
    hostLimiter,
    log,
    metrics: options.metrics,
    hostBusyDelayMs: options.hostBusyDelayMs,
  });
  const worker = new Worker<RefreshJobData, RefreshJobResult>(REFRESH_QUEUE, processor, {
    connection: options.redis,
    prefix: options.prefix,
    name: `${hostname()}:${process.pid}`,
    concurrency: options.concurrency,
    lockDuration: options.leaseMs,
    stalledInterval: options.leaseMs,
    // A job whose worker died twice is still retried once more before it counts as failed.
    maxStalledCount: 2,
    settings: { backoffStrategy: createBackoffStrategy({ baseMs: options.retryBaseMs ?? 30_000 }) },
  });
  worker.on('error', (error) => {
    // While Redis is away every reconnection attempt lands here; the connection logs that once.
    if (isConnectionError(error)) log.debug({ err: error }, 'worker connection error');
    else log.warn({ err: error }, 'worker error');
  });
  worker.on('failed', (job, error) => {
    // The source's failure is already logged and stored by refreshSource; this says what BullMQ does next.
    log.debug({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: error }, 'refresh job failed');
  });
  log.info({ concurrency: options.concurrency, hostConcurrency: options.hostConcurrency, prefix: options.prefix }, 'worker started');
  return {
    worker,
    async close(timeoutMs) {
      const isClean = await closeWorkerWithin(worker, options.redis, timeoutMs);
      if (!isClean) log.warn({ timeoutMs }, 'jobs still running at shutdown; another worker will pick them up');
      return isClean;
    },
  };
}
