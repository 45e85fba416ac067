import type { Redis } from 'ioredis';
import { createMetrics, type SiftMetrics } from '../observability/create-metrics.ts';
import { registerOpsRoutes } from '../observability/register-ops-routes.ts';
import { registerQueueDashboard } from '../observability/register-queue-dashboard.ts';
import { openQueues, type SiftQueues } from '../queue/open-queues.ts';
import type { Deps } from '../shared/deps.ts';
import type { CandidateSource } from './candidate-source.ts';
import { checkBindAddress } from './check-bind-address.ts';
import { createReviewApp } from './create-review-app.ts';

export interface ReviewServerOptions {
  port: number;
  host: string;
  /** SIFT_REVIEW_TOKEN; without it only a loopback host is accepted. */
  token?: string;
  candidates: CandidateSource;
  /** A producer connection when REDIS_URL is set: adds the queue dashboard and the Redis readiness check. */
  redis?: Redis;
  /** Shared with the rest of the process (`sift start`); a fresh registry otherwise. */
  metrics?: SiftMetrics;
}

export interface ReviewServer {
  /** `http://host:port` actually bound (port 0 picks a free one). */
  readonly address: string;
  close(): Promise<void>;
}

/**
 * Runs the review app on `host:port` with the ops routes (/healthz, /readyz, /metrics, public)
 * and, with Redis, the bull-board dashboard at /admin/queues (behind the login). Refuses a
 * non-loopback host when no token is set (ConfigError) before binding anything.
 */
export async function startReviewServer(deps: Deps, options: ReviewServerOptions): Promise<ReviewServer> {
  const host = checkBindAddress(options.host, options.token);
  let queues: SiftQueues | undefined;
  if (options.redis) queues = openQueues(options.redis, deps.env.SIFT_QUEUE_PREFIX);
  const metrics = options.metrics ?? createMetrics({ db: deps.db, queues: queues ? [queues.refresh, queues.scheduler] : [] });
  const app = await createReviewApp({
    db: deps.db,
    log: deps.log,
    clock: deps.clock,
    config: deps.config,
    candidates: options.candidates,
    token: options.token,
    mount: async (web) => {
      registerOpsRoutes(web, { db: deps.db, redis: options.redis, metrics });
      if (queues) await registerQueueDashboard(web, { queues: [queues.refresh, queues.scheduler], basePath: '/admin/queues' });
    },
  });
  try {
    await app.listen({ port: options.port, host });
  } catch (error) {
    await app.close();
    await queues?.close();
    throw error;
  }
  const bound = app.server.address();
  const port = typeof bound === 'object' && bound ? bound.port : options.port;
  const address = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  deps.log.info({ address, auth: Boolean(options.token) }, 'review UI listening');
  return {
    address,
    close: async () => {
      await app.close();
      await queues?.close();
    },
  };
}
