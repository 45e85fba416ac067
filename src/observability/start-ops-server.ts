import Fastify from 'fastify';
import type { Redis } from 'ioredis';
import type { Db } from '../db/database.ts';
import type { Logger } from '../shared/logger.ts';
import type { SiftMetrics } from './create-metrics.ts';
import { registerOpsRoutes } from './register-ops-routes.ts';

export interface OpsServer {
  /** `http://host:port` actually bound (port 0 picks a free one). */
  readonly address: string;
  close(): Promise<void>;
}

/**
 * The small HTTP server of a worker or scheduler process: /healthz, /readyz, /metrics on
 * SIFT_METRICS_PORT (0 = any free port). Logs the address it bound, since with port 0 nobody
 * else knows it.
 */
export async function startOpsServer(options: { port: number; host: string; db: Db; redis?: Redis; metrics: SiftMetrics; log: Logger }): Promise<OpsServer> {
  const app = Fastify({ logger: false });
  registerOpsRoutes(app, options);
  await app.listen({ port: options.port, host: options.host });
  const bound = app.server.address();
  const port = typeof bound === 'object' && bound ? bound.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const address = `http://${host}:${port}`;
  options.log.info({ address }, 'ops server listening (/healthz, /readyz, /metrics)');
  return { address, close: () => app.close() };
}
