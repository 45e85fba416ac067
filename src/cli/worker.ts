import { parseArgs } from 'node:util';
import { readDistributedEnv, startDistributed } from '../queue/start-distributed.ts';
import { waitForShutdownSignal } from '../queue/wait-for-shutdown-signal.ts';
import type { Command } from './context.ts';
import { openApp } from './open-app.ts';
import { readPositiveInt } from './read-option.ts';

/**
 * `sift worker [--concurrency N]`: processes refresh jobs from Redis until SIGTERM/SIGINT, then
 * finishes the running ones (up to SIFT_SHUTDOWN_TIMEOUT_MS) and exits 0. Serves /healthz,
 * /readyz and /metrics on SIFT_METRICS_PORT. Run as many as you like, on any machine that reaches
 * the same Postgres and Redis.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({ args, options: { concurrency: { type: 'string' } } });
  const settings = readDistributedEnv(ctx.env, 'worker');
  const concurrency = readPositiveInt(values.concurrency, settings.concurrency, '--concurrency');
  // sources.yaml is the scheduler's to sync; a worker only needs the fetch defaults from it.
  const app = await openApp(ctx, { sync: false });
  const shutdown = waitForShutdownSignal(app.log);
  try {
    const distributed = await startDistributed(app, {
      ...settings,
      concurrency, scheduler: false,
      connectionName: `${settings.prefix}:sift-worker`,
      ops: { port: ctx.env.SIFT_METRICS_PORT, host: ctx.env.HOST },
    });
    await shutdown;
    await distributed.close(ctx.env.SIFT_SHUTDOWN_TIMEOUT_MS);
    app.log.info('worker stopped');
    return 0;
  } finally {
    await app.close();
  }
};
