import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PageReader } from '../../read/create-page-reader.ts';
import { loadItemProvenance } from '../../store/items/load-item-provenance.ts';
import type { ReviewContext } from '../review-context.ts';
import { ReviewError } from '../../shared/review-error.ts';
import { renderReadingFragment } from '../views/render-reading-pane.ts';

/**
 * GET /items/:itemId/read — the reading pane's HTML fragment for one item: its stored readable
 * page, fetched now when it was never read (or failed and is due again), and where the link came
 * from. POST to the same path is the pane's retry: it fetches a failed page again now. A POST,
 * so it passes the CSRF check: a GET any site can trigger (an `<img>`) must not force a fetch.
 * Behind the login like every page; neither changes anything a curator decided.
 */
export function registerReadingRoutes(app: FastifyInstance, context: ReviewContext, reader: PageReader): void {
  const sendPane = async (request: FastifyRequest, reply: FastifyReply, force: boolean) => {
    const itemId = Number((request.params as { itemId: string }).itemId);
    if (!Number.isSafeInteger(itemId) || itemId < 1) throw new ReviewError('NOT_FOUND', 'no such item');
    const provenance = await loadItemProvenance(context.db, itemId);
    const page = await reader.read(provenance.canonicalUrl, { force });
    const fragment = renderReadingFragment(page, provenance, context.config.weekly.timezone);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(fragment);
  };
  app.get('/items/:itemId/read', (request, reply) => sendPane(request, reply, false));
  app.post('/items/:itemId/read', (request, reply) => sendPane(request, reply, true));
}
