import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';

export interface QueueDashboardOptions {
  queues: Queue[];
  /** Where the dashboard lives, e.g. `/admin/queues` (no trailing slash). */
  basePath: string;
  /** Hide retry/clean/pause buttons (a viewer-only dashboard). */
  readOnly?: boolean;
  /** A link in the dashboard's header back to the app that mounts it (the review UI). */
  backLink?: { text: string; url: string };
}

/**
 * Mounts the bull-board dashboard (jobs per queue and state, failed jobs with their errors, retry)
 * under `basePath`. It has no authentication of its own: register it inside the scope where the
 * review app checks its token, e.g.
 *
 * @example
 * await app.register(async (admin) => {
 *   admin.addHook('onRequest', requireCurator);
 *   await registerQueueDashboard(admin, { queues: [queues.refresh, queues.scheduler], basePath: '/admin/queues' });
 * });
 */
export async function registerQueueDashboard(app: FastifyInstance, options: QueueDashboardOptions): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  createBullBoard({
    queues: options.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: options.readOnly ?? false })),
    serverAdapter,
    options: { uiConfig: options.backLink ? { miscLinks: [options.backLink] } : {} },
  });
  serverAdapter.setBasePath(options.basePath);
  await app.register(serverAdapter.registerPlugin(), { prefix: options.basePath });
}
