import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { REFRESH_QUEUE, SCHEDULER_QUEUE, type RefreshJobData } from './queue-names.ts';

export interface SiftQueues {
  refresh: Queue<RefreshJobData>;
  scheduler: Queue;
  /** Closes the Queue objects; the Redis connection belongs to the caller and stays open. */
  close(): Promise<void>;
}

/**
 * The two queues on a connection the caller owns: a service connection (scheduler, worker) or a
 * producer one (web dashboard, CLI). `prefix` is SIFT_QUEUE_PREFIX.
 */
export function openQueues(redis: Redis, prefix: string): SiftQueues {
  const refresh = new Queue<RefreshJobData>(REFRESH_QUEUE, { connection: redis, prefix });
  const scheduler = new Queue(SCHEDULER_QUEUE, { connection: redis, prefix });
  for (const queue of [refresh, scheduler]) {
    queue.on('error', () => {
      // Only connection errors arrive here (the queue shares `redis`): its owner reports them —
      // createServiceRedis logs the outage, a producer's commands fail with their own error.
    });
  }
  return {
    refresh,
    scheduler,
    close: async () => {
      await Promise.all([refresh.close(), scheduler.close()]);
    },
  };
}
