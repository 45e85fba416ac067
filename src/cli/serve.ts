import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import { connectProducerRedis } from '../queue/connect-redis.ts';
import { waitForShutdownSignal } from '../queue/wait-for-shutdown-signal.ts';
import { checkBindAddress } from '../review/check-bind-address.ts';
import { startReviewServer } from '../review/start-review-server.ts';
import type { Command } from './context.ts';
import { openApp } from './open-app.ts';
import { readPort, serverOptions } from './read-option.ts';
import { defineCommandHelp } from './command-help.ts';

export const help = defineCommandHelp({
  usage: 'sift serve [--port N] [--host ADDRESS]',
  summary: 'serve the review UI alone, with /healthz, /readyz, /metrics and, with REDIS_URL, the queue dashboard at /admin/queues',
  options: serverOptions,
  details: ['Curators log in with SIFT_REVIEW_TOKEN; behind a TLS proxy set SIFT_TRUST_PROXY. Runs until SIGTERM/SIGINT.'],
});

/**
 * `sift serve [--port 3000] [--host 127.0.0.1]`: the curators' review UI with /healthz, /readyz,
 * /metrics, and the queue dashboard when REDIS_URL is set. Without SIFT_REVIEW_TOKEN it only
 * listens on loopback and exits 1 with an explanation for any other HOST. Runs until SIGTERM/SIGINT.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({ args, options: help.options });
  const port = readPort(values.port, ctx.env.PORT);
  const host = checkBindAddress(values.host ?? ctx.env.HOST, ctx.env.SIFT_REVIEW_TOKEN);

  const app = await openApp(ctx);
  let redis: Redis | undefined;
  try {
    if (ctx.env.REDIS_URL) redis = await connectProducerRedis(ctx.env.REDIS_URL, { name: `${ctx.env.SIFT_QUEUE_PREFIX}:sift-web` });
    const server = await startReviewServer(app, { port, host, token: ctx.env.SIFT_REVIEW_TOKEN, redis });
    await waitForShutdownSignal(app.log);
    await server.close();
    return 0;
  } finally {
    redis?.disconnect();
    await app.close();
  }
};
