import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import { closeWorkerWithin, isConnectionError } from './close-within.ts';
import { enqueueDueSources, type EnqueueResult } from './enqueue-due-sources.ts';
import type { SiftQueues } from './open-queues.ts';
import { keepTickSchedule } from './keep-tick-schedule.ts';
import { SCHEDULER_QUEUE } from './queue-names.ts';

export interface SchedulerOptions {
  /** A service connection (createServiceRedis). */
  redis: Redis;
  prefix: string;
  queues: SiftQueues;
  /** Tick interval (SIFT_SCHEDULER_TICK_MS). */
  everyMs: number;
  /** Lock of a running tick (SIFT_WORKER_LEASE_MS). */
  leaseMs: number;
}

export interface SchedulerHandle {
  readonly worker: Worker<unknown, EnqueueResult>;
  /**
   * Stops running ticks (waiting up to `timeoutMs` for one in progress; at once while Redis is
   * unreachable). The job scheduler stays in Redis for the next start.
   */
  close(timeoutMs: number): Promise<boolean>;
}

/**
 * The scheduler: one BullMQ job scheduler ("tick", every `everyMs`) and a worker that runs each
 * tick — enqueue the due sources. Any number of schedulers can run: upserting the job scheduler
 * keeps one, each tick runs on one of them, and job ids keep a source queued at most once.
 * Returns at once, whether or not Redis is up; the job scheduler is created (and re-created after
 * Redis comes back empty) by keepTickSchedule.
 */
export function startScheduler(deps: { db: Db; clock: Clock; log: Logger }, options: SchedulerOptions): SchedulerHandle {
  const log = deps.log.child({ component: 'scheduler' });
  const schedule = keepTickSchedule(options.queues.scheduler, {
    redis: options.redis,
    everyMs: options.everyMs,
    checkEveryMs: Math.max(options.everyMs, 1_000),
    log,
  });
  const worker = new Worker<unknown, EnqueueResult>(
    SCHEDULER_QUEUE,
    async (job) => {
      const result = await enqueueDueSources(deps, options.queues.refresh);
      if (result.enqueued > 0) log.info({ jobId: job.id, ...result }, 'due sources enqueued');
      else log.debug({ jobId: job.id, ...result }, 'tick');
      return result;
    },
    { connection: options.redis, prefix: options.prefix, concurrency: 1, lockDuration: options.leaseMs, stalledInterval: options.leaseMs },
  );
  worker.on('error', (error) => {
    // While Redis is away every reconnection attempt lands here; the connection logs that once.
    if (isConnectionError(error)) log.debug({ err: error }, 'scheduler connection error');
    else log.warn({ err: error }, 'scheduler error');
  });
  worker.on('failed', (job, error) => {
    // A failed tick (database down) is not retried: the next tick comes soon and selects afresh.
    log.error({ jobId: job?.id, err: error }, 'tick failed');
  });
  log.info({ everyMs: options.everyMs, prefix: options.prefix }, 'scheduler started');
  return {
    worker,
    async close(timeoutMs) {
      schedule.stop();
      return closeWorkerWithin(worker, options.redis, timeoutMs);
    },
  };
}
