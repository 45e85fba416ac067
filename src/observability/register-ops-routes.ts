import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Db } from '../db/database.ts';
import { checkReadiness } from './check-readiness.ts';
import type { SiftMetrics } from './create-metrics.ts';

export interface OpsRoutesOptions {
  db: Db;
  /** The process's Redis connection, when it has one: then /readyz checks it too. */
  redis?: Redis;
  metrics: SiftMetrics;
}

/**
 * Adds the operations routes every sift process serves, on its own small port (worker,
 * scheduler) or inside the review app:
 * - `GET /healthz` — the process is alive (no dependency checked: a restart would not fix Postgres);
 * - `GET /readyz` — Postgres and Redis answer; 503 with the failing check otherwise;
 * - `GET /metrics` — Prometheus text from `metrics.registry`.
 * Mount them outside any authentication: probes and Prometheus do not log in.
 */
export function registerOpsRoutes(app: FastifyInstance, options: OpsRoutesOptions): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const readiness = await checkReadiness(options);
    return reply.code(readiness.isReady ? 200 : 503).send({ status: readiness.isReady ? 'ready' : 'not ready', checks: readiness.checks });
  });
  app.get('/metrics', async (_request, reply) => {
    const text = await options.metrics.registry.metrics();
    return reply.header('content-type', options.metrics.registry.contentType).send(text);
  });
}
