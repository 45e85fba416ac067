import type { FastifyInstance } from 'fastify';
import type { PageReader } from '../../read/create-page-reader.ts';
import { loadItemProvenance } from '../load-item-provenance.ts';
import type { ReviewContext } from '../review-context.ts';
import { ReviewError } from '../review-error.ts';
import { renderReadingFragment } from '../views/render-reading-pane.ts';

/**
 * GET /items/:itemId/read — the reading pane's HTML fragment for one item: its stored readable
 * page, fetched now when it was never read (or failed and is due again; `?retry=1` forces a new
 * try), and where the link came from. Behind the login like every page; a GET that may fetch a
 * page once but changes nothing a curator decided.
 */
export function registerReadingRoutes(app: FastifyInstance, context: ReviewContext, reader: PageReader): void {
  app.get('/items/:itemId/read', async (request, reply) => {
    const itemId = Number((request.params as { itemId: string }).itemId);
    if (!Number.isSafeInteger(itemId) || itemId < 1) throw new ReviewError('NOT_FOUND', 'no such item');
    const provenance = await loadItemProvenance(context.db, itemId);
    const force = (request.query as { retry?: string }).retry === '1';
    const page = await reader.read(provenance.canonicalUrl, { force });
    const fragment = renderReadingFragment(page, provenance, context.config.weekly.timezone);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(fragment);
  });
}
