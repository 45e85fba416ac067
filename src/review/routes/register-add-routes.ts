import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addItemByUrl } from '../../store/decisions/add-item-by-url.ts';
import { readPageContext, readWeekParam, wantsJson, type ReviewContext } from '../review-context.ts';
import { ReviewError } from '../../shared/review-error.ts';
import { describeExistingDecision, renderAddPage } from '../views/render-add-page.ts';

/** "Add by URL": a link a curator found elsewhere becomes a candidate of the week. */
export function registerAddRoutes(app: FastifyInstance, context: ReviewContext): void {
  const { weekly } = context.config;
  const categoryIds = weekly.categories.map((category) => category.id) as [string, ...string[]];
  const addSchema = z.object({
    url: z.string().trim().min(1, 'paste a link').max(4000),
    title: z.string().max(500).optional(),
    summary: z.string().max(5000).optional(),
    category: z
      .union([z.enum(categoryIds), z.literal('')])
      .optional()
      .transform((value) => value || null),
    note: z.string().max(2000).optional(),
  });

  app.get('/weeks/:week/add', async (request, reply) => {
    const week = readWeekParam(request);
    const url = (request.query as Record<string, string | undefined>).url;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderAddPage({ week, values: { url } }, weekly, readPageContext(context, request, reply, week)));
  });

  app.post('/weeks/:week/add', async (request, reply) => {
    const week = readWeekParam(request);
    const body = { ...((request.body ?? {}) as Record<string, unknown>) };
    delete body._csrf;
    const parsed = addSchema.safeParse(body);
    const values = Object.fromEntries(Object.entries(body).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
    const fail = (message: string) => {
      if (wantsJson(request)) return reply.code(400).send({ error: 'VALIDATION', message });
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(renderAddPage({ week, values, error: message }, weekly, readPageContext(context, request, reply, week)));
    };
    if (!parsed.success) return fail(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    try {
      const result = await addItemByUrl(context.db, { week, ...parsed.data, decidedBy: request.curator, now: context.clock.now() });
      if (!result.isNewDecision) {
        // Nothing was changed: say what the week already holds and give the curator's text back.
        const message = describeExistingDecision(result.decision, weekly.timezone);
        if (wantsJson(request)) return reply.code(409).send({ error: 'ALREADY_DECIDED', message, ...result });
        const page = renderAddPage(
          { week, values, error: message, existingItemId: result.itemId },
          weekly,
          readPageContext(context, request, reply, week),
        );
        return reply.code(409).type('text/html; charset=utf-8').send(page);
      }
      request.log.info({ week, itemId: result.itemId, isNewItem: result.isNewItem }, 'item added by hand');
      if (wantsJson(request)) return reply.code(201).send(result);
      // `added` lets the board confirm the add (a toast) and select the card under the sticky headers.
      return reply.redirect(`/weeks/${week}?added=${result.itemId}#item-${result.itemId}`, 303);
    } catch (error) {
      if (error instanceof ReviewError && error.code === 'BAD_URL') return fail(error.message);
      throw error;
    }
  });
}
