import type { Redis } from 'ioredis';
import type { Env } from '../config/env.ts';
import { createMetrics, type SiftMetrics } from '../observability/create-metrics.ts';
import { startOpsServer, type OpsServer } from '../observability/start-ops-server.ts';
import type { RefreshDeps } from '../refresh/refresh-source.ts';
import { AppError } from '../shared/errors.ts';
import { createServiceRedis } from './connect-redis.ts';
import { openQueues, type SiftQueues } from './open-queues.ts';
import { startRefreshWorker, type RefreshWorkerHandle } from './start-refresh-worker.ts';
import { startScheduler, type SchedulerHandle } from './start-scheduler.ts';

export interface DistributedOptions {
  redisUrl: string;
  /** SIFT_QUEUE_PREFIX */
  prefix: string;
  /** Run the scheduler here (default true). */
  scheduler?: boolean;
  /** Run a refresh worker here (default true). */
  worker?: boolean;
  /** Worker: jobs at once in this process (SIFT_CONCURRENCY or --concurrency). */
  concurrency: number;
  /** Fetches per host at once across all workers (SIFT_HOST_CONCURRENCY). */
  hostConcurrency: number;
  /** SIFT_SCHEDULER_TICK_MS */
  tickMs: number;
  /** SIFT_WORKER_LEASE_MS */
  leaseMs: number;
  /** Defaults to new metrics reading this database; either way the queue gauges read these queues. */
  metrics?: SiftMetrics;
  /** Shows up in Redis `CLIENT LIST` (default "<prefix>:sift"). */
  connectionName?: string;
  /**
   * Serve /healthz, /readyz, /metrics on their own port (`sift scheduler`, `sift worker`). Started
   * before anything waits for Redis, so the process reports alive (and not ready) meanwhile.
   * `sift start` leaves this out and mounts registerOpsRoutes on its web app instead. `port`
   * undefined (SIFT_METRICS_PORT unset): 9464 or the next free port (see startOpsServer).
   */
  ops?: { port?: number; host: string };
}

export interface DistributedHandle {
  /** The service connection everything here shares (for /readyz). */
  readonly redis: Redis;
  /** For the dashboard and the queue gauges. */
  readonly queues: SiftQueues;
  readonly metrics: SiftMetrics;
  readonly scheduler?: SchedulerHandle;
  readonly worker?: RefreshWorkerHandle;
  readonly ops?: OpsServer;
  /**
   * Graceful stop: no new ticks or jobs; running jobs get up to `timeoutMs` (then they are left to
   * another worker's stalled-job recovery); then the queues, the ops server and the Redis
   * connection close.
   * The database stays open (it belongs to the caller).
   */
  close(timeoutMs: number): Promise<void>;
}

/**
 * Distributed mode in this process: the scheduler, a refresh worker, or both (what `sift start`
 * runs when REDIS_URL is set; `sift scheduler` and `sift worker` run one each). Returns without
 * waiting for Redis: when it is not up yet, the scheduler and the worker start working once it is,
 * and close() still stops everything in time.
 */
export async function startDistributed(deps: RefreshDeps, options: DistributedOptions): Promise<DistributedHandle> {
  const redis = createServiceRedis(options.redisUrl, { log: deps.log, name: options.connectionName ?? `${options.prefix}:sift` });
  const queues = openQueues(redis, options.prefix);
  const metrics = options.metrics ?? createMetrics({ db: deps.db });
  metrics.queues.push(queues.refresh, queues.scheduler);
  let scheduler: SchedulerHandle | undefined;
  let worker: RefreshWorkerHandle | undefined;
  let ops: OpsServer | undefined;
  try {
    if (options.ops) ops = await startOpsServer({ ...options.ops, db: deps.db, redis, metrics, log: deps.log });
    if (options.scheduler !== false) {
      scheduler = startScheduler(deps, { redis, prefix: options.prefix, queues, everyMs: options.tickMs, leaseMs: options.leaseMs });
    }
    if (options.worker !== false) {
      worker = startRefreshWorker(deps, {
        redis,
        prefix: options.prefix,
        concurrency: options.concurrency,
        hostConcurrency: options.hostConcurrency,
        leaseMs: options.leaseMs,
        metrics,
      });
    }
  } catch (error) {
    await ops?.close();
    await scheduler?.close(0);
    await closeQueuesWithin(queues, QUEUES_CLOSE_MS);
    redis.disconnect();
    throw error;
  }
  return {
    redis,
    queues,
    metrics,
    scheduler,
    worker,
    ops,
    async close(timeoutMs) {
      const startedAt = Date.now();
      await Promise.all([scheduler?.close(timeoutMs), worker?.close(timeoutMs)]);
      const leftMs = Math.max(0, timeoutMs - (Date.now() - startedAt));
      await closeQueuesWithin(queues, Math.min(leftMs, QUEUES_CLOSE_MS));
      await ops?.close();
      redis.disconnect();
    },
  };
}

/** Closing the queues waits on Redis, which may be gone: it gets this long at most, then the connection is dropped. */
const QUEUES_CLOSE_MS = 2_000;

function closeQueuesWithin(queues: SiftQueues, ms: number): Promise<unknown> {
  return Promise.race([queues.close(), new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}

/** The options of distributed mode from the environment; a clear error when REDIS_URL is unset. */
export function readDistributedEnv(env: Env, command: string): Omit<DistributedOptions, 'scheduler' | 'worker' | 'metrics'> {
  if (!env.REDIS_URL) {
    throw new AppError(
      'NO_REDIS',
      `REDIS_URL is not set: \`sift ${command}\` is distributed mode and needs Redis (e.g. REDIS_URL=redis://127.0.0.1:6379). ` +
        'Without Redis, `sift start` or `sift collect` do the same work in one process.',
    );
  }
  return {
    redisUrl: env.REDIS_URL,
    prefix: env.SIFT_QUEUE_PREFIX,
    concurrency: env.SIFT_CONCURRENCY,
    hostConcurrency: env.SIFT_HOST_CONCURRENCY,
    tickMs: env.SIFT_SCHEDULER_TICK_MS,
    leaseMs: env.SIFT_WORKER_LEASE_MS,
  };
}
