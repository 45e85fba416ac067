import type { FastifyInstance } from 'fastify';
import type { CollectNow } from '../collect-now.ts';

/**
 * "Collect now": `POST /api/collect` starts a pass over every enabled source (202 with its status;
 * the running one when a pass is under way), `GET /api/collect` says how far it got, for the
 * board's progress bar to poll. Without a collector (a review app built without one) both say so
 * with 503.
 */
export function registerCollectRoutes(app: FastifyInstance, collectNow: CollectNow | undefined): void {
  const unavailable = {
    error: 'COLLECT_UNAVAILABLE',
    message: '此进程不能抓取 this process cannot collect: run `sift collect` or `sift start`',
  };
  app.post('/api/collect', async (request, reply) => {
    if (!collectNow) return reply.code(503).send(unavailable);
    const status = await collectNow.start();
    request.log.info({ curator: request.curator, mode: status.mode, total: status.total }, 'collect now started');
    return reply.code(202).header('cache-control', 'no-store').send(status);
  });
  app.get('/api/collect', async (_request, reply) => {
    if (!collectNow) return reply.code(503).send(unavailable);
    return reply.header('cache-control', 'no-store').send(await collectNow.status());
  });
}
