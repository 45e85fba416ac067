import { parseArgs } from 'node:util';
import { readDistributedEnv, startDistributed } from '../queue/start-distributed.ts';
import { waitForShutdownSignal } from '../queue/wait-for-shutdown-signal.ts';
import type { Command } from './context.ts';
import { openApp } from './open-app.ts';

/**
 * `sift scheduler`: every SIFT_SCHEDULER_TICK_MS, enqueues a refresh job per due source, until
 * SIGTERM/SIGINT. Syncs sources.yaml into the database at start. Safe to run twice (for
 * availability): a tick runs on one of them and a source is never queued twice. Serves /healthz,
 * /readyz and /metrics on SIFT_METRICS_PORT.
 */
export const run: Command = async (args, ctx) => {
  parseArgs({ args, options: {} });
  const settings = readDistributedEnv(ctx.env, 'scheduler');
  const app = await openApp(ctx);
  const shutdown = waitForShutdownSignal(app.log);
  try {
    const distributed = await startDistributed(app, {
      ...settings,
      worker: false,
      connectionName: `${settings.prefix}:sift-scheduler`,
      ops: { port: ctx.env.SIFT_METRICS_PORT, host: ctx.env.HOST },
    });
    await shutdown;
    await distributed.close(ctx.env.SIFT_SHUTDOWN_TIMEOUT_MS);
    app.log.info('scheduler stopped');
    return 0;
  } finally {
    await app.close();
  }
};
