import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { currentWeek } from '../../calendar/week.ts';
import { isHttpUrl } from '../../shared/parse-http-url.ts';
import { DECISION_STATUSES, type Decision } from '../../store/decisions/decision.ts';
import type { BoardFilters } from '../load-board.ts';
import { renderWeekBoard } from '../render-week-board.ts';
import { readPageContext, readWeekParam, wantsJson, type ReviewContext } from '../review-context.ts';
import { ReviewError } from '../../shared/review-error.ts';
import { saveDecision, type DecisionItem } from '../../store/decisions/save-decision.ts';
import { parseBody } from './parse-body.ts';

/** The week board (`/`, `/weeks/:week`) and the one write it makes: a decision on an item. */
export function registerBoardRoutes(app: FastifyInstance, context: ReviewContext): void {
  const categoryIds = context.config.weekly.categories.map((category) => category.id) as [string, ...string[]];
  const decisionSchema = makeDecisionSchema(categoryIds);

  const showBoard = async (request: FastifyRequest, reply: FastifyReply, week: string) => {
    const filters = readFilters(request.query as Record<string, string | undefined>, categoryIds);
    const page = readPageContext(context, request, reply, week);
    const html = await renderWeekBoard(context, { week, filters, page });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  };

  app.get('/', async (request, reply) => showBoard(request, reply, currentWeek(context.clock.now(), context.config.weekly).label));
  app.get('/weeks/:week', async (request, reply) => showBoard(request, reply, readWeekParam(request)));

  app.post('/api/weeks/:week/items/:itemId/decision', async (request, reply) => {
    const week = readWeekParam(request);
    const itemId = Number((request.params as { itemId: string }).itemId);
    if (!Number.isSafeInteger(itemId) || itemId < 1) throw new ReviewError('NOT_FOUND', 'no such item');
    const { version, ...patch } = parseBody(decisionSchema, request.body);
    try {
      const saved = await saveDecision(context.db, {
        week,
        itemId,
        expectedVersion: version,
        patch,
        decidedBy: request.curator,
        now: context.clock.now(),
      });
      request.log.info({ week, itemId, status: saved.decision.status, version: saved.decision.version }, 'decision saved');
      if (saved.decision.status === 'accepted' && saved.previous?.status !== 'accepted')
        await requestFirstDraft(context, request, week, itemId);
      if (!wantsJson(request)) return reply.redirect(`/weeks/${week}#item-${itemId}`, 303);
      return { decision: saved.decision, previous: saved.previous, view: toView(saved.decision, saved.item) };
    } catch (error) {
      if (error instanceof ReviewError && error.code === 'CONFLICT' && wantsJson(request)) {
        const current = error.current as { decision: Decision | null; item: DecisionItem };
        return reply
          .code(409)
          .send({ error: 'CONFLICT', message: error.message, current: current.decision, view: toView(current.decision, current.item) });
      }
      throw error;
    }
  });
}

/** One decision write as the API takes it (the version the screen showed, then the fields to change). */
export function makeDecisionSchema(categoryIds: [string, ...string[]]) {
  const optionalText = (max: number) => z.string().max(max, `at most ${max} characters`).nullable().optional();
  return z.object({
    version: z.coerce.number().int().min(0),
    status: z.enum(DECISION_STATUSES).optional(),
    category: z
      .union([z.enum(categoryIds), z.literal(''), z.null()])
      .transform((value) => (value === '' ? null : value))
      .optional(),
    title: optionalText(500).refine((value) => value === undefined || value === null || value.trim() !== '', 'title cannot be empty'),
    summary: optionalText(5000),
    note: optionalText(2000).transform((value) => (typeof value === 'string' && value.trim() === '' ? null : value)),
    // The image printed under the item in the issue ('' = none) and its alt text.
    imageUrl: optionalText(2000).refine((value) => !value?.trim() || isHttpUrl(value), 'the image must be an http(s) URL'),
    imageAlt: optionalText(300),
  });
}

/**
 * An accepted item gets a draft in the background when drafting is configured (and it has none
 * yet). The decision is saved whatever happens here: a draft that cannot be queued is logged.
 */
export async function requestFirstDraft(context: ReviewContext, request: FastifyRequest, week: string, itemId: number): Promise<void> {
  try {
    await context.drafter?.request({ week, itemId, requestedBy: request.curator, isFirstOnly: true });
  } catch (error) {
    request.log.error({ err: error, week, itemId }, 'draft not queued');
  }
}

/** What a card shows for a decision: overrides where set, the feed's text otherwise. */
export function toView(decision: Decision | null, item: DecisionItem) {
  return {
    status: decision?.status ?? 'pending',
    category: decision?.category ?? null,
    title: decision?.title ?? item.title,
    summary: decision?.summary ?? item.summary,
    note: decision?.note ?? null,
    imageUrl: decision?.imageUrl ?? item.imageUrl ?? '',
    imageAlt: decision?.imageAlt ?? '',
    version: decision?.version ?? 0,
    decidedBy: decision?.decidedBy ?? null,
    decidedAt: decision?.decidedAt ?? null,
  };
}

function readFilters(query: Record<string, string | undefined>, categoryIds: readonly string[]): BoardFilters {
  const text = (value: string | undefined) => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : undefined);
  return {
    category: query.category && categoryIds.includes(query.category) ? query.category : undefined,
    source: text(query.source),
    lang: query.lang && ['zh', 'en', 'other'].includes(query.lang) ? query.lang : undefined,
    q: text(query.q),
    showRejected: query.rejected === '1' || query.rejected === 'on' || query.rejected === 'true',
  };
}
