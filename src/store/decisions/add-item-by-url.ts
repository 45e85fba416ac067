import type { Db } from '../../db/database.ts';
import { canonicalizeUrl } from '../../normalize/canonicalize-url.ts';
import { detectLanguage } from '../../normalize/detect-language.ts';
import { makeLinkItem } from '../../normalize/make-link-item.ts';
import { matchUrl } from '../match-url.ts';
import { upsertItems } from '../items/upsert-items.ts';
import { toDecision, type Decision } from './decision.ts';
import { lockWeek } from './save-decision.ts';
import { ReviewError } from '../../shared/review-error.ts';

export interface AddItemInput {
  week: string;
  url: string;
  title?: string;
  summary?: string;
  category?: string | null;
  note?: string;
  decidedBy: string;
  now: Date;
}

export interface AddItemResult {
  itemId: number;
  /** False when the canonical URL was already stored (found by a feed or another curator). */
  isNewItem: boolean;
  /** False when the item already had a decision this week: it is left as it was. */
  isNewDecision: boolean;
  decision: Decision;
}

/**
 * Makes a link a curator found elsewhere a candidate of `week`. The link is stored like a feed
 * item, deduplicated by canonical URL, so pasting a link the feeds already carried reuses that
 * item (its sources and score stay). The item gets a pending decision holding what the curator
 * typed (title, Chinese summary, category, note) as overrides; an item already decided this week
 * is not touched.
 */
export async function addItemByUrl(db: Db, input: AddItemInput): Promise<AddItemResult> {
  const url = input.url.trim();
  const canonicalUrl = canonicalizeUrl(url);
  if (!canonicalUrl) throw new ReviewError('BAD_URL', `not an http(s) link: ${JSON.stringify(url.slice(0, 200))}`);
  const title = input.title?.trim() || undefined;
  const summary = input.summary?.trim() || undefined;
  const note = input.note?.trim() || undefined;
  return db.transaction().execute(async (trx) => {
    await lockWeek(trx, input.week);
    // Already decided this week: touch nothing (not even the item's empty title or summary).
    const decided = await trx
      .selectFrom('decisions')
      .innerJoin('items', 'items.id', 'decisions.item_id')
      .selectAll('decisions')
      .where('decisions.week', '=', input.week)
      .where(matchUrl('items.canonical_url', canonicalUrl))
      .executeTakeFirst();
    if (decided) return { itemId: Number(decided.item_id), isNewItem: false, isNewDecision: false, decision: toDecision(decided) };
    const refs = await upsertItems(
      trx,
      [
        makeLinkItem({
          url,
          canonicalUrl,
          title: title ?? url,
          summary: summary ?? '',
          lang: detectLanguage(`${title ?? ''} ${summary ?? ''}`),
        }),
      ],
      input.now,
    );
    const ref = refs.get(canonicalUrl)!;
    const inserted = await trx
      .insertInto('decisions')
      .values({
        week: input.week,
        item_id: ref.id,
        status: 'pending',
        category: input.category ?? null,
        // A new item already carries the typed text; an existing one keeps its own and gets overrides.
        title: ref.isNew ? null : (title ?? null),
        summary: ref.isNew ? null : (summary ?? null),
        note: note ?? null,
        version: 1,
        decided_by: input.decidedBy,
        decided_at: input.now,
      })
      .onConflict((conflict) => conflict.columns(['week', 'item_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    const row =
      inserted ??
      (await trx
        .selectFrom('decisions')
        .selectAll()
        .where('week', '=', input.week)
        .where('item_id', '=', ref.id)
        .executeTakeFirstOrThrow());
    return { itemId: ref.id, isNewItem: ref.isNew, isNewDecision: Boolean(inserted), decision: toDecision(row) };
  });
}
