import type { Redis } from 'ioredis';
import type { Env } from '../config/env.ts';
import type { DraftItemDeps } from '../draft/draft-item.ts';
import type { PageReaderDeps } from '../read/create-page-reader.ts';
import type { RefreshDeps } from '../refresh/refresh-deps.ts';
import { createMetrics, type SiftMetrics } from '../observability/create-metrics.ts';
import { registerOpsRoutes } from '../observability/register-ops-routes.ts';
import { registerQueueDashboard } from '../observability/register-queue-dashboard.ts';
import { openQueues, type SiftQueues } from '../queue/open-queues.ts';
import type { CandidateSource } from './candidate-source.ts';
import { currentWeek } from '../calendar/week.ts';
import { rankWeek } from '../curate/rank-week.ts';
import { checkBindAddress } from './check-bind-address.ts';
import type { CollectNow } from './collect-now.ts';
import { createInProcessCollectNow } from './create-in-process-collect-now.ts';
import { createQueuedCollectNow } from './create-queued-collect-now.ts';
import { createReviewApp } from './create-review-app.ts';
import { createPageReader } from '../read/create-page-reader.ts';
import { listPrefetchUrls } from '../read/list-prefetch-urls.ts';
import { createRankCandidateSource } from './create-rank-candidate-source.ts';
import { createDrafter } from '../draft/create-drafter.ts';
import { readLlmSettings } from '../draft/read-llm-settings.ts';

const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** What the server's parts take (collect now, ranking, drafts, the reading pane) and the env it reads. */
export type ReviewServerDeps = RefreshDeps & DraftItemDeps & PageReaderDeps & { env: Env };

export interface ReviewServerOptions {
  port: number;
  host: string;
  /** SIFT_REVIEW_TOKEN; without it only a loopback host is accepted. */
  token?: string;
  /** Default: the rank stage's stored ranking, re-ranked when stale, with the top candidates' pages read ahead (SIFT_READ_AHEAD). */
  candidates?: CandidateSource;
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
export async function startReviewServer(deps: ReviewServerDeps, options: ReviewServerOptions): Promise<ReviewServer> {
  const host = checkBindAddress(options.host, options.token);
  let queues: SiftQueues | undefined;
  if (options.redis) queues = openQueues(options.redis, deps.env.SIFT_QUEUE_PREFIX);
  const llm = readLlmSettings(deps.env);
  // Drafts left queued or drafting by a stopped server are queued again here.
  const drafter = llm ? await createDrafter(deps, llm) : undefined;
  const metrics = options.metrics ?? createMetrics({ db: deps.db, queues: queues ? [queues.refresh, queues.scheduler] : [] });
  const reader = createPageReader({ db: deps.db, log: deps.log, clock: deps.clock, config: deps.config, env: deps.env, fetch: deps.fetch });
  const readAhead = (week: string, ranked: Parameters<typeof listPrefetchUrls>[0]) => {
    reader.prefetch(listPrefetchUrls(ranked, deps.config.weekly)).then(
      (count) => deps.log.info({ week, pages: count }, 'pages read ahead'),
      (error: unknown) => deps.log.warn({ err: error, week }, 'read-ahead stopped'),
    );
  };
  const candidates = options.candidates ?? createRankCandidateSource(deps, { onRanked: deps.env.SIFT_READ_AHEAD ? readAhead : undefined });
  const collectNow = createCollectNow(deps, queues);
  const app = await createReviewApp({
    db: deps.db,
    log: deps.log,
    clock: deps.clock,
    config: deps.config,
    candidates,
    token: options.token,
    trustProxy: deps.env.SIFT_TRUST_PROXY,
    reader,
    collectNow,
    queueDashboardPath: queues ? QUEUE_DASHBOARD_PATH : undefined,
    drafter,
    mount: async (web) => {
      registerOpsRoutes(web, { db: deps.db, redis: options.redis, metrics });
      if (queues) {
        await registerQueueDashboard(web, {
          queues: [queues.refresh, queues.scheduler],
          basePath: QUEUE_DASHBOARD_PATH,
          backLink: { text: '← sift 候选 Board', url: '/' },
        });
      }
    },
  }).catch(async (error: unknown) => {
    // the app (or the dashboard it mounts) did not start: what was opened for it closes here
    await drafter?.close();
    await queues?.close();
    throw error;
  });
  try {
    await app.listen({ port: options.port, host });
  } catch (error) {
    await drafter?.close();
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
      await drafter?.close();
      await app.close();
      // an in-process "collect now" pass writes to the database the caller closes next
      await collectNow.close(deps.env.SIFT_SHUTDOWN_TIMEOUT_MS);
      await queues?.close();
    },
  };
}

/**
 * The board's "collect now": refresh jobs for the workers when Redis is there (they hold the
 * per-host leases), else a pass in this process like `sift collect --all`, then a re-ranking of
 * the current week so the new links are on the board at the next load.
 */
function createCollectNow(deps: ReviewServerDeps, queues: SiftQueues | undefined): CollectNow {
  if (queues) return createQueuedCollectNow(deps, queues.refresh);
  return createInProcessCollectNow(deps, {
    concurrency: deps.env.SIFT_CONCURRENCY,
    perHostConcurrency: deps.env.SIFT_HOST_CONCURRENCY,
    parseThreads: deps.env.SIFT_PARSE_THREADS,
    afterPass: async () => {
      await rankWeek(deps, currentWeek(deps.clock.now(), deps.config.weekly).label);
    },
  });
}
