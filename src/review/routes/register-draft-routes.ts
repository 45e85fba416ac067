import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DraftRow } from '../../db/tables.ts';
import { loadDraftUsage } from '../../store/drafts/load-draft-usage.ts';
import { listWeekDrafts } from '../../store/drafts/list-week-drafts.ts';
import { loadDraft } from '../../store/drafts/load-draft.ts';
import { findItemLanguage } from '../../store/items/find-item-language.ts';
import { itemExists } from '../../store/items/item-exists.ts';
import { loadReadablePage } from '../../store/pages/readable-pages.ts';
import { readWeekParam, type ReviewContext } from '../review-context.ts';
import { ReviewError } from '../../shared/review-error.ts';

/** A draft as the board's script sees it. Text goes into the page through textContent / value only. */
export interface DraftView {
  itemId: number;
  /** queued | drafting | ready | failed */
  status: string;
  title: string | null;
  summary: string | null;
  /** An English original: the export prints `(英)` after it. */
  isEnglish: boolean;
  error: string | null;
  model: string | null;
  requestedBy: string | null;
  finishedAt: Date | null;
}

/**
 * Drafting on the board (src/draft/): the week's drafts with the budget spent, one item's draft
 * (or, with no endpoint configured, its article's lead paragraph to start the summary from), and
 * the "draft" button. None of these touches the decision: the curator applies a draft into the
 * edit form and saves it there.
 */
export function registerDraftRoutes(app: FastifyInstance, context: ReviewContext): void {
  const drafter = context.drafter;

  app.get('/api/weeks/:week/drafts', async (request) => {
    const week = readWeekParam(request);
    const rows = await listWeekDrafts(context.db, week);
    const usage = await loadDraftUsage(context.db, week);
    return {
      isConfigured: Boolean(drafter),
      budget: drafter ? { limit: drafter.settings.weeklyBudget, ...usage } : null,
      drafts: rows.map(toDraftView),
    };
  });

  app.get('/api/weeks/:week/items/:itemId/draft', async (request) => {
    const week = readWeekParam(request);
    const itemId = readItemId(request);
    const item = await findItemLanguage(context.db, itemId);
    if (!item) throw new ReviewError('NOT_FOUND', `item ${itemId} does not exist`);
    const row = await loadDraft(context.db, { week, itemId });
    const page = drafter ? null : await loadReadablePage(context.db, item.canonical_url);
    return {
      isConfigured: Boolean(drafter),
      draft: row ? toDraftView(row) : null,
      isEnglish: item.lang === 'en',
      leadParagraph: page?.leadParagraph ?? null,
    };
  });

  app.post('/api/weeks/:week/items/:itemId/draft', async (request, reply) => {
    const week = readWeekParam(request);
    const itemId = readItemId(request);
    if (!drafter) {
      return reply.code(409).send({
        error: 'NOT_CONFIGURED',
        message: 'drafting is off: set SIFT_LLM_URL and SIFT_LLM_MODEL (see the README, Drafting summaries) and restart',
      });
    }
    if (!(await itemExists(context.db, itemId))) throw new ReviewError('NOT_FOUND', `item ${itemId} does not exist`);
    const row = await drafter.request({ week, itemId, requestedBy: request.curator ?? null, isFirstOnly: false });
    request.log.info({ week, itemId, status: row.status }, 'draft requested');
    return reply.code(202).send({ draft: toDraftView(row) });
  });
}

function readItemId(request: FastifyRequest): number {
  const itemId = Number((request.params as { itemId: string }).itemId);
  if (!Number.isSafeInteger(itemId) || itemId < 1) throw new ReviewError('NOT_FOUND', 'no such item');
  return itemId;
}

function toDraftView(row: DraftRow): DraftView {
  return {
    itemId: Number(row.item_id),
    status: row.status,
    title: row.title,
    summary: row.summary,
    isEnglish: row.is_english,
    error: row.error,
    model: row.model,
    requestedBy: row.requested_by,
    finishedAt: row.finished_at,
  };
}
