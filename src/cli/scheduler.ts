import { parseArgs } from 'node:util';
import { readDistributedEnv } from '../queue/start-distributed.ts';
import type { Command } from './context.ts';
import { openApp } from './open-app.ts';
import { runDistributedRole } from './run-distributed-role.ts';
import { defineCommandHelp } from './command-help.ts';

export const help = defineCommandHelp({
  usage: 'sift scheduler',
  summary:
    'distributed mode: every SIFT_SCHEDULER_TICK_MS, queue a refresh job per due source in Redis, until SIGTERM/SIGINT (needs REDIS_URL)',
  options: {},
  details: ['Serves /healthz, /readyz and /metrics on SIFT_METRICS_PORT. Safe to run twice: a source is never queued twice.'],
});

/**
 * `sift scheduler`: every SIFT_SCHEDULER_TICK_MS, enqueues a refresh job per due source, until
 * SIGTERM/SIGINT. Syncs sources.yaml into the database at start. Safe to run twice (for
 * availability): a tick runs on one of them and a source is never queued twice. Serves /healthz,
 * /readyz and /metrics on SIFT_METRICS_PORT.
 */
export const run: Command = async (args, ctx) => {
  parseArgs({ args, options: help.options });
  const settings = readDistributedEnv(ctx.env, 'scheduler');
  const app = await openApp(ctx);
  try {
    await runDistributedRole(app, ctx.env, 'scheduler', settings);
    return 0;
  } finally {
    await app.close();
  }
};
