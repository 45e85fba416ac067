import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Db } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { SiftMetrics } from './create-metrics.ts';
import { registerOpsRoutes } from './register-ops-routes.ts';

/** The ops port when SIFT_METRICS_PORT is unset (Prometheus' port for exporters of this kind). */
export const DEFAULT_OPS_PORT = 9464;

/** With the port unset, the ports after DEFAULT_OPS_PORT tried before any free one: predictable for scrape configs. */
const NEXT_PORTS_TRIED = 15;

export interface OpsServer {
  /** `http://host:port` actually bound (port 0 picks a free one). */
  readonly address: string;
  close(): Promise<void>;
}

/**
 * The small HTTP server of a worker or scheduler process: /healthz, /readyz, /metrics. Several
 * sift processes on one host must all run, so the port follows SIFT_METRICS_PORT:
 * - unset (`port` undefined): 9464, or when another process has it the next free one of 9465…9479
 *   (then any free port), said in one warning with the address taken;
 * - set: exactly that port (0 = any free one); taken, it fails with an AppError (OPS_PORT_IN_USE)
 *   that names the variable, rather than serving where nobody scrapes.
 * Logs the address it bound, since with port 0 nobody else knows it.
 */
export async function startOpsServer(options: {
  port?: number;
  host: string;
  db: Db;
  redis?: Redis;
  metrics: SiftMetrics;
  log: Logger;
}): Promise<OpsServer> {
  const app = Fastify({ logger: false });
  registerOpsRoutes(app, options);
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let port: number;
  try {
    port = options.port === undefined ? await listenOnFirstFreePort(app, options.host) : await listen(app, options.port, options.host);
  } catch (error) {
    await app.close();
    if (!isAddressInUse(error)) throw error;
    throw new AppError(
      'OPS_PORT_IN_USE',
      `SIFT_METRICS_PORT=${options.port}: ${host}:${options.port} is already in use (another sift scheduler or worker on this host?); ` +
        'set another port, 0 for any free one, or leave SIFT_METRICS_PORT unset to take the next free port after 9464',
      { cause: error },
    );
  }
  const address = `http://${host}:${port}`;
  if (options.port === undefined && port !== DEFAULT_OPS_PORT) {
    options.log.warn(
      { address, takenPort: DEFAULT_OPS_PORT },
      'ops server listening on the next free port: 9464 is taken (another sift process on this host?); set SIFT_METRICS_PORT to choose',
    );
  } else {
    options.log.info({ address }, 'ops server listening (/healthz, /readyz, /metrics)');
  }
  return { address, close: () => app.close() };
}

async function listenOnFirstFreePort(app: FastifyInstance, host: string): Promise<number> {
  const candidates = [...Array.from({ length: NEXT_PORTS_TRIED + 1 }, (_unused, offset) => DEFAULT_OPS_PORT + offset), 0];
  for (const port of candidates) {
    try {
      return await listen(app, port, host);
    } catch (error) {
      if (!isAddressInUse(error) || port === 0) throw error;
      // taken: try the next candidate
    }
  }
  throw new Error('unreachable: port 0 either binds or throws');
}

async function listen(app: FastifyInstance, port: number, host: string): Promise<number> {
  await app.listen({ port, host });
  const bound = app.server.address();
  return typeof bound === 'object' && bound ? bound.port : port;
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}
