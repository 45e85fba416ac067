import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Decision } from '../../store/decisions/decision.ts';
import { readWeekParam, type ReviewContext } from '../review-context.ts';
import { ReviewError } from '../../shared/review-error.ts';
import { saveDecisionBatch } from '../save-decision-batch.ts';
import type { DecisionItem } from '../../store/decisions/save-decision.ts';
import { makeDecisionSchema, requestFirstDraft, toView } from './register-board-routes.ts';
import { parseBody } from './parse-body.ts';

/** A bulk write holds at most this many items: a week's board is a few hundred cards. */
const MAX_BULK_ITEMS = 1000;

/**
 * Bulk decisions: `POST /api/weeks/:week/decisions` with `{ items: [{ itemId, version, …fields }] }`,
 * the same fields as one decision. review.js sends "accept the top N of a section, reject the rest"
 * (and the undo of it) as one request; CSRF and same-origin checks are the app's, as for every POST.
 */
export function registerBulkRoutes(app: FastifyInstance, context: ReviewContext): void {
  const categoryIds = context.config.weekly.categories.map((category) => category.id) as [string, ...string[]];
  const bulkSchema = z.object({
    items: z
      .array(makeDecisionSchema(categoryIds).extend({ itemId: z.coerce.number().int().positive() }))
      .min(1, 'no items')
      .max(MAX_BULK_ITEMS, `at most ${MAX_BULK_ITEMS} items`),
  });

  app.post('/api/weeks/:week/decisions', async (request, reply) => {
    const week = readWeekParam(request);
    const { items } = parseBody(bulkSchema, request.body);
    try {
      const saved = await saveDecisionBatch(context.db, {
        week,
        entries: items.map(({ itemId, version, ...patch }) => ({ itemId, expectedVersion: version, patch })),
        decidedBy: request.curator,
        now: context.clock.now(),
      });
      request.log.info({ week, count: saved.length }, 'bulk decisions saved');
      for (const entry of saved) {
        if (entry.decision.status === 'accepted' && entry.previous?.status !== 'accepted')
          await requestFirstDraft(context, request, week, entry.decision.itemId);
      }
      return {
        results: saved.map((entry) => ({
          itemId: entry.decision.itemId,
          decision: entry.decision,
          previous: entry.previous,
          view: toView(entry.decision, entry.item),
        })),
      };
    } catch (error) {
      if (error instanceof ReviewError && error.code === 'CONFLICT') {
        const current = error.current as { itemId: number; decision: Decision | null; item: DecisionItem };
        return reply.code(409).send({
          error: 'CONFLICT',
          message: error.message,
          itemId: current.itemId,
          current: current.decision,
          view: toView(current.decision, current.item),
        });
      }
      throw error;
    }
  });
}
