import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { recordOutcome } from '../observability/record-outcome.ts';
import type { SiftMetrics } from '../observability/create-metrics.ts';
import { refreshSource, type RefreshDeps, type RefreshOutcome } from '../refresh/refresh-source.ts';
import { AppError, FetchError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { HostLimiter } from './create-host-limiter.ts';
import type { RefreshJobData } from './queue-names.ts';

/** A transient failure, thrown so BullMQ retries the job; carries the server's Retry-After for the backoff. */
export class RefreshFailedError extends Error {
  readonly code: string;
  readonly retryAfterMs?: number;

  constructor(outcome: Extract<RefreshOutcome, { status: 'failed' }>) {
    super(`${outcome.error.code}: ${outcome.error.message}`, { cause: outcome.error });
    this.name = 'RefreshFailedError';
    this.code = outcome.error.code;
    this.retryAfterMs = outcome.error instanceof FetchError ? outcome.error.retryAfterMs : undefined;
  }
}

export interface RefreshProcessorDeps {
  refresh: RefreshDeps;
  hostLimiter: HostLimiter;
  log: Logger;
  metrics?: SiftMetrics;
  /** Mean delay before a job for a host at its limit is tried again (jittered ±50 %). */
  hostBusyDelayMs?: number;
  /** How long a 429 without Retry-After pauses its host. */
  rateLimitPauseMs?: number;
  random?: () => number;
}

export type RefreshJobResult = Exclude<RefreshOutcome, { status: 'failed' }>;

const DEFAULT_HOST_BUSY_DELAY_MS = 500;
const DEFAULT_RATE_LIMIT_PAUSE_MS = 60_000;

/**
 * The worker's processor: `refreshSource` for the job's source, inside a lease on its host. The
 * source's state in Postgres is recorded by refreshSource whatever happens; this only tells BullMQ
 * what to do next:
 * - host paused (429) or at its limit: the job goes back to delayed (`moveToDelayed` +
 *   DelayedError) instead of holding a worker slot, and no attempt is used up;
 * - permanent failure (404, 410, not a feed…): UnrecoverableError, no retries;
 * - transient failure: RefreshFailedError, retried with the custom jittered backoff;
 * - a 429 also pauses the host for every worker until its Retry-After.
 */
export function createRefreshProcessor(deps: RefreshProcessorDeps) {
  const random = deps.random ?? Math.random;
  const busyDelayMs = deps.hostBusyDelayMs ?? DEFAULT_HOST_BUSY_DELAY_MS;

  return async (job: Job<RefreshJobData>, token?: string): Promise<RefreshJobResult> => {
    const { sourceId, host } = job.data;
    const log = deps.log.child({ sourceId, jobId: job.id });
    const attempt = await deps.hostLimiter.acquire(host, `${job.id}/${token ?? 'local'}`);
    if (!attempt.acquired) {
      const waitMs =
        attempt.reason === 'paused' ? attempt.retryInMs + Math.round(random() * busyDelayMs) : Math.round(busyDelayMs * (0.5 + random()));
      deps.metrics?.hostDeferrals.inc({ reason: attempt.reason });
      log.debug({ host, reason: attempt.reason, waitMs }, 'host not available; job moved back');
      await job.moveToDelayed(Date.now() + waitMs, token);
      throw new DelayedError();
    }

    const renewal = setInterval(
      () => {
        attempt.lease.renew().then(
          (isHeld) => {
            if (!isHeld) log.warn({ host }, 'host lease expired before the refresh ended');
          },
          (error: unknown) => log.warn({ err: error, host }, 'host lease renewal failed'),
        );
      },
      Math.max(100, Math.floor(deps.hostLimiter.leaseMs / 3)),
    );
    let outcome: RefreshOutcome;
    try {
      outcome = await refreshSource(deps.refresh, sourceId);
    } catch (error) {
      // refreshSource records source failures itself; what reaches here is a missing source or a
      // database outage. The first will not get better; the second is retried.
      if (error instanceof AppError && error.code === 'UNKNOWN_SOURCE') throw new UnrecoverableError(error.message);
      throw error;
    } finally {
      clearInterval(renewal);
      await attempt.lease.release();
    }

    if (deps.metrics) recordOutcome(deps.metrics, outcome);
    if (outcome.status !== 'failed') return outcome;
    const { error } = outcome;
    if (error instanceof FetchError && error.code === 'HTTP_STATUS' && error.status === 429) {
      const pauseMs = await deps.hostLimiter.pauseHost(host, error.retryAfterMs ?? deps.rateLimitPauseMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS);
      log.warn({ host, pauseMs }, 'host rate-limited us; paused for every worker');
    }
    if (outcome.isPermanent) throw new UnrecoverableError(`${error.code}: ${error.message}`);
    throw new RefreshFailedError(outcome);
  };
}
