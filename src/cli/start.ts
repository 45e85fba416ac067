import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import { createMetrics, type SiftMetrics } from '../observability/create-metrics.ts';
import { connectProducerRedis } from '../queue/connect-redis.ts';
import { startCollectLoop, type CollectLoop } from '../queue/run-collect-loop.ts';
import { readDistributedEnv, startDistributed, type DistributedHandle } from '../queue/start-distributed.ts';
import { waitForShutdownSignal } from '../queue/wait-for-shutdown-signal.ts';
import { createProcessFeedPool, type ProcessFeedPool } from '../refresh/process-feed-pool.ts';
import { rankWeek } from '../curate/rank-week.ts';
import { currentWeek } from '../calendar/week.ts';
import { checkBindAddress } from '../review/check-bind-address.ts';
import { startReviewServer } from '../review/start-review-server.ts';
import { writeLine, type CliContext, type Command } from './context.ts';
import { openApp, type App } from './open-app.ts';
import { readPort, serverOptions } from './read-option.ts';
import { defineCommandHelp } from './command-help.ts';

/** How often one-process mode re-ranks the week when collecting runs on other machines (distributed mode). */
const RANK_EVERY_MS = 5 * 60_000;

export const help = defineCommandHelp({
  usage: 'sift start [--port N] [--host ADDRESS]',
  summary:
    'the main job: migrate, collect on schedule (in-process, or through BullMQ with REDIS_URL), rank the week after every pass and serve the review UI, until SIGTERM/SIGINT',
  options: serverOptions,
});

/**
 * `sift start [--port N]`: the main job for one person. Migrates, collects on schedule (in-process,
 * or through BullMQ when REDIS_URL is set), ranks the current week after every pass, and serves
 * the review UI, printing its address. Runs until SIGTERM/SIGINT, then stops gracefully.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({ args, options: help.options });
  return runService(ctx, { port: values.port, host: values.host });
};

export interface ServiceHandle {
  address: string;
  app: App;
  /** Resolves when the first collect pass and ranking are done (one-process mode). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export async function runService(ctx: CliContext, options: { port?: string; host?: string }): Promise<number> {
  const service = await startService(ctx, options);
  writeLine(ctx.stdout, `sift is running — review the week at ${service.address.replace('//127.0.0.1:', '//localhost:')} (Ctrl-C to stop)`);
  await waitForShutdownSignal(service.app.log);
  await service.stop();
  return 0;
}

/** Starts everything `sift start` runs and returns once the review UI is listening. */
export async function startService(ctx: CliContext, options: { port?: string; host?: string }): Promise<ServiceHandle> {
  const port = readPort(options.port, ctx.env.PORT);
  const host = checkBindAddress(options.host ?? ctx.env.HOST, ctx.env.SIFT_REVIEW_TOKEN);

  const app = await openApp(ctx);
  let distributed: DistributedHandle | undefined;
  let loop: CollectLoop | undefined;
  let rankTimer: NodeJS.Timeout | undefined;
  let pool: ProcessFeedPool | undefined;
  const rankCurrentWeek = async () => {
    const week = currentWeek(app.clock.now(), app.config.weekly).label;
    try {
      await rankWeek(app, week);
    } catch (error) {
      app.log.error({ err: error, week }, 'ranking failed');
    }
  };
  try {
    let redis: Redis | undefined;
    let metrics: SiftMetrics;
    let ready: Promise<void>;
    if (ctx.env.REDIS_URL) {
      // As `sift serve` does: a Redis that cannot be reached is reported now (exit 1), rather than
      // waited for by a review UI that never starts.
      (await connectProducerRedis(ctx.env.REDIS_URL, { name: `${ctx.env.SIFT_QUEUE_PREFIX}:sift-start` })).disconnect();
      distributed = await startDistributed(app, { ...readDistributedEnv(ctx.env, 'start'), scheduler: true, worker: true });
      redis = distributed.redis;
      metrics = distributed.metrics;
      ready = rankCurrentWeek();
      rankTimer = setInterval(() => void rankCurrentWeek(), RANK_EVERY_MS);
    } else {
      metrics = createMetrics({ db: app.db, queues: [] });
      if (ctx.env.SIFT_PARSE_THREADS > 0) pool = createProcessFeedPool({ size: ctx.env.SIFT_PARSE_THREADS });
      loop = startCollectLoop(pool ? { ...app, processFeed: pool.processFeed } : app, {
        tickMs: ctx.env.SIFT_SCHEDULER_TICK_MS,
        concurrency: ctx.env.SIFT_CONCURRENCY,
        perHostConcurrency: ctx.env.SIFT_HOST_CONCURRENCY,
        afterPass: rankCurrentWeek,
      });
      // Rank even when nothing was due, so the board shows what the database already holds.
      ready = loop.firstPass.then(rankCurrentWeek);
    }
    const server = await startReviewServer(app, { port, host, token: ctx.env.SIFT_REVIEW_TOKEN, redis, metrics });
    return {
      address: server.address,
      app,
      ready,
      async stop() {
        if (rankTimer) clearInterval(rankTimer);
        await server.close();
        await loop?.stop();
        await pool?.close();
        await distributed?.close(ctx.env.SIFT_SHUTDOWN_TIMEOUT_MS);
        await app.close();
      },
    };
  } catch (error) {
    if (rankTimer) clearInterval(rankTimer);
    await loop?.stop();
    await pool?.close();
    await distributed?.close(0);
    await app.close();
    throw error;
  }
}
