import { parseArgs } from 'node:util';
import { readDistributedEnv } from '../queue/start-distributed.ts';
import { createProcessFeedPool } from '../refresh/process-feed-pool.ts';
import type { Command } from './context.ts';
import { openApp } from './open-app.ts';
import { parseThreadsOption, readParseThreads, readPositiveInt } from './read-option.ts';
import { runDistributedRole } from './run-distributed-role.ts';
import { defineCommandHelp } from './command-help.ts';

export const help = defineCommandHelp({
  usage: 'sift worker [--concurrency N] [--parse-threads N]',
  summary: 'distributed mode: fetch and store the sources the scheduler queued in Redis, until SIGTERM/SIGINT (needs REDIS_URL)',
  options: {
    concurrency: { type: 'string', value: 'N', description: 'refresh jobs at once in this process (default SIFT_CONCURRENCY, 16)' },
    'parse-threads': parseThreadsOption,
  },
  details: [
    'Serves /healthz, /readyz and /metrics on SIFT_METRICS_PORT. Run as many as you like, on any machine that reaches the same Postgres and Redis.',
  ],
});

/**
 * `sift worker [--concurrency N] [--parse-threads N]`: processes refresh jobs from Redis until
 * SIGTERM/SIGINT, then finishes the running ones (up to SIFT_SHUTDOWN_TIMEOUT_MS) and exits 0.
 * Feeds are parsed on `--parse-threads` worker threads (SIFT_PARSE_THREADS; 0 parses on the main
 * thread), as in `sift collect`. Serves /healthz, /readyz and /metrics on SIFT_METRICS_PORT. Run
 * as many as you like, on any machine that reaches the same Postgres and Redis.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({ args, options: help.options });
  const settings = readDistributedEnv(ctx.env, 'worker');
  const concurrency = readPositiveInt(values.concurrency, settings.concurrency, '--concurrency');
  const parseThreads = readParseThreads(values['parse-threads'], ctx.env.SIFT_PARSE_THREADS);
  // sources.yaml is the scheduler's to sync; a worker only needs the fetch defaults from it.
  const app = await openApp(ctx, { sync: false });
  const pool = parseThreads > 0 ? createProcessFeedPool({ size: parseThreads }) : undefined;
  try {
    await runDistributedRole(pool ? { ...app, processFeed: pool.processFeed } : app, ctx.env, 'worker', { ...settings, concurrency });
    return 0;
  } finally {
    await pool?.close();
    await app.close();
  }
};
