import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * Waits for `closing` at most `timeoutMs`. True when it finished in time; false when the caller
 * should stop waiting (the work goes on in the background and is abandoned with the process).
 */
export async function closeWithin(closing: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([closing.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Closes a BullMQ worker: gracefully (running jobs finish) within `timeoutMs`, or at once when
 * Redis is unreachable — then no job could be completed anyway (BullMQ recovers them as stalled
 * once Redis is back), and a graceful close would wait for Redis forever.
 */
export function closeWorkerWithin(worker: Worker, redis: Redis, timeoutMs: number): Promise<boolean> {
  const isRedisUp = redis.status === 'ready';
  return closeWithin(worker.close(!isRedisUp), timeoutMs);
}

/** Connection-level failures: the connection's owner reports those once (createServiceRedis), not every retry. */
export function isConnectionError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(code ?? '') ||
    /Connection is closed/i.test(error.message)
  );
}
