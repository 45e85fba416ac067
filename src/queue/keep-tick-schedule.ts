import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../shared/logger.ts';
import { isConnectionError } from './close-within.ts';
import { TICK_SCHEDULER_ID } from './queue-names.ts';

export interface TickScheduleKeeper {
  /** Stops checking. A check waiting for Redis is abandoned (its command fails when the connection closes). */
  stop(): void;
}

/**
 * Keeps the "tick" job scheduler in Redis. The schedule lives only there: a Redis that comes back
 * empty (restarted without AOF, a new instance, FLUSHALL) has lost it, and nothing would ever
 * tick again. So it is (re-)created now, whenever the connection is ready again, and checked every
 * `checkEveryMs` (a FLUSHALL drops no connection). Upserting keeps one scheduler however many
 * schedulers do this.
 *
 * Never waits: checks run in the background (while Redis is away they wait for it), so a
 * scheduler starts, and stops on SIGTERM, whatever state Redis is in.
 */
export function keepTickSchedule(
  queue: Queue,
  options: { redis: Redis; everyMs: number; checkEveryMs: number; log: Logger },
): TickScheduleKeeper {
  let isStopped = false;
  let isChecking = false;
  /** Whether this process has upserted the schedule once already: from then on, a missing one was lost. */
  let hasUpserted = false;
  const check = async () => {
    if (isStopped || isChecking) return;
    isChecking = true;
    try {
      // The first check upserts in any case, so a changed SIFT_SCHEDULER_TICK_MS takes effect at start.
      if (hasUpserted && (await queue.getJobScheduler(TICK_SCHEDULER_ID))) return;
      await queue.upsertJobScheduler(
        TICK_SCHEDULER_ID,
        { every: options.everyMs },
        { name: 'tick', data: {}, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } },
      );
      if (hasUpserted)
        options.log.warn({ everyMs: options.everyMs }, 'tick schedule re-created: Redis had lost it (restarted empty or flushed)');
      hasUpserted = true;
    } catch (error) {
      // Connection trouble is the connection's to report (createServiceRedis); the next check retries.
      if (!isStopped && !isConnectionError(error as Error)) options.log.warn({ err: error }, 'could not check the tick schedule; retrying');
    } finally {
      isChecking = false;
    }
  };
  const onReady = () => void check();
  options.redis.on('ready', onReady);
  const timer = setInterval(onReady, options.checkEveryMs);
  timer.unref();
  void check();
  return {
    stop() {
      isStopped = true;
      clearInterval(timer);
      options.redis.off('ready', onReady);
    },
  };
}
