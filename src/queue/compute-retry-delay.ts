/** The backoff type refresh jobs name; BullMQ hands it to the worker's custom strategy. */
export const RETRY_BACKOFF_TYPE = 'sift-jitter';

const DEFAULT_MAX_DELAY_MS = 15 * 60_000;

export interface RetryDelayOptions {
  /** Delay before the first retry, before jitter. */
  baseMs: number;
  /** Cap, jitter included (default 15 min). A longer Retry-After still wins. */
  maxMs?: number;
  /** What the server asked for (Retry-After): the delay is never shorter. */
  retryAfterMs?: number;
  /** Uniform in [0, 1); injectable for tests. */
  random?: () => number;
}

/**
 * Delay before retry number `attemptsMade` (1 = first retry): exponential (base × 2^(n-1)) with
 * "equal jitter" — half of it fixed, half random — so workers that failed together on one host do
 * not come back together, yet no retry comes back almost at once. Never before Retry-After.
 *
 * @example computeRetryDelay(2, { baseMs: 10_000, random: () => 0.5 }) // 15_000 (20 s halved + 5 s)
 */
export function computeRetryDelay(attemptsMade: number, options: RetryDelayOptions): number {
  const random = options.random ?? Math.random;
  const exponent = Math.min(Math.max(attemptsMade - 1, 0), 30);
  const ceiling = Math.min(options.baseMs * 2 ** exponent, options.maxMs ?? DEFAULT_MAX_DELAY_MS);
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, Math.round(options.retryAfterMs ?? 0));
}

/**
 * The worker's BullMQ `settings.backoffStrategy`: applies computeRetryDelay to jobs whose backoff
 * type is RETRY_BACKOFF_TYPE, reading Retry-After from the error the processor threw (its
 * `retryAfterMs`). sift enqueues no other custom type; one would be retried at once.
 */
export function createBackoffStrategy(options: Omit<RetryDelayOptions, 'retryAfterMs'>) {
  return (attemptsMade: number, type?: string, error?: Error): number => {
    if (type !== RETRY_BACKOFF_TYPE) return 0;
    const retryAfterMs = error && 'retryAfterMs' in error && typeof error.retryAfterMs === 'number' ? error.retryAfterMs : undefined;
    return computeRetryDelay(attemptsMade, { ...options, retryAfterMs });
  };
}
