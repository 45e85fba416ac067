import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { weekWindow } from '../../calendar/week.ts';
import { assembleIssue } from '../../curate/assemble-issue.ts';
import { loadShortlist } from '../load-shortlist.ts';
import { reorderShortlist } from '../../store/decisions/reorder-shortlist.ts';
import { guessNextIssue } from '../../store/issues/guess-next-issue.ts';
import { readPageContext, readWeekParam, type ReviewContext } from '../review-context.ts';
import { ReviewError } from '../../shared/review-error.ts';
import { renderShortlistPage } from '../views/render-shortlist-page.ts';
import { parseBody } from './parse-body.ts';

const orderSchema = z.object({ itemIds: z.array(z.coerce.number().int().positive()).max(500) });

/** The shortlist page, its reorder API and the Markdown export (preview, copy, download). */
export function registerShortlistRoutes(app: FastifyInstance, context: ReviewContext): void {
  const { weekly } = context.config;

  const readExportOptions = async (request: FastifyRequest) => {
    const query = request.query as Record<string, string | undefined>;
    const typed = Number(query.issue);
    const issueNumber = Number.isInteger(typed) && typed > 0 && typed < 1_000_000 ? typed : await guessNextIssue(context.db);
    return { issueNumber, issueTitle: (query.title ?? '').trim().slice(0, 200) };
  };
  /** The issue's Markdown by the same use-case as `sift export`, so the preview is the export. */
  const renderPreview = async (week: string, options: { issueNumber: number; issueTitle: string }) =>
    (await assembleIssue(context, { week: weekWindow(week, weekly), number: options.issueNumber, title: options.issueTitle })).markdown;

  app.get('/weeks/:week/shortlist', async (request, reply) => {
    const week = readWeekParam(request);
    const sections = await loadShortlist(context.db, weekly, week);
    const options = await readExportOptions(request);
    const markdown = await renderPreview(week, options);
    const page = readPageContext(context, request, reply, week);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderShortlistPage({ week, sections, markdown, ...options }, weekly, page));
  });

  app.get('/weeks/:week/export.md', async (request, reply) => {
    const week = readWeekParam(request);
    const options = await readExportOptions(request);
    const markdown = await renderPreview(week, options);
    const isInline = (request.query as Record<string, string | undefined>).inline === '1';
    reply.type('text/markdown; charset=utf-8').header('cache-control', 'no-store');
    if (!isInline) reply.header('content-disposition', `attachment; filename="issue-${options.issueNumber}.md"`);
    return reply.send(markdown);
  });

  app.post('/api/weeks/:week/shortlist/:category/order', async (request, reply) => {
    const week = readWeekParam(request);
    const category = (request.params as { category: string }).category;
    if (!weekly.categories.some((entry) => entry.id === category))
      throw new ReviewError('NOT_FOUND', `no category ${JSON.stringify(category)}`);
    const { itemIds } = parseBody(orderSchema, request.body);
    try {
      const order = await reorderShortlist(context.db, { week, category, itemIds });
      request.log.info({ week, category, count: order.length }, 'shortlist reordered');
      return { category, itemIds: order };
    } catch (error) {
      if (error instanceof ReviewError && error.code === 'CONFLICT') {
        return reply.code(409).send({ error: 'CONFLICT', message: error.message, current: error.current });
      }
      throw error;
    }
  });
}
