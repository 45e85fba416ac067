import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import { isHttpUrl } from '../../shared/parse-http-url.ts';
import type { Database } from '../../db/tables.ts';
import { toDecision, type Decision, type DecisionStatus } from './decision.ts';
import { ReviewError } from '../../shared/review-error.ts';

/** Fields a write changes; a field left out keeps its value, null clears an override. */
export interface DecisionPatch {
  status?: DecisionStatus;
  category?: string | null;
  title?: string | null;
  summary?: string | null;
  note?: string | null;
  /** An http(s) image URL, '' for no image, null for the item's own. */
  imageUrl?: string | null;
  imageAlt?: string | null;
}

export interface SaveDecisionInput {
  week: string;
  itemId: number;
  /** The version the curator's screen showed (0 when the item had no decision yet). */
  expectedVersion: number;
  patch: DecisionPatch;
  decidedBy: string;
  now: Date;
}

/**
 * Applies one curator action to an item's decision for a week, with optimistic concurrency: the
 * write happens only when the stored version is the one the curator saw, and bumps it. Otherwise
 * it throws ReviewError CONFLICT carrying the current decision, so a second curator editing the
 * same item gets told instead of silently overwriting. Actions on different items never touch
 * each other's rows.
 *
 * Accepting an item (or moving an accepted one to another category) puts it last in that
 * category's shortlist; any other status clears its position. Accepting needs a category.
 */
export async function saveDecision(db: Db, input: SaveDecisionInput): Promise<SavedDecision> {
  return db.transaction().execute(async (trx) => {
    await lockWeek(trx, input.week);
    return applyDecision(trx, input);
  });
}

/**
 * saveDecision's write inside a transaction the caller holds, with the week already locked
 * (lockWeek): saveDecisionBatch applies many in one transaction, all or none.
 */
export async function applyDecision(trx: Transaction<Database>, input: SaveDecisionInput): Promise<SavedDecision> {
  const row = await trx
    .selectFrom('items')
    .select(['id', 'title', 'summary', 'image_url'])
    .where(sql<number>`items.id`, '=', input.itemId)
    .executeTakeFirst();
  // A feed image that is not http(s) is never printed: to the curator the item has none.
  const item = row && {
    title: row.title,
    summary: row.summary,
    imageUrl: row.image_url && isHttpUrl(row.image_url) ? row.image_url : null,
  };
  if (!item) throw new ReviewError('NOT_FOUND', `item ${input.itemId} does not exist`);
  const currentRow = await trx
    .selectFrom('decisions')
    .selectAll()
    .where('week', '=', input.week)
    .where('item_id', '=', input.itemId)
    .forUpdate()
    .executeTakeFirst();
  const current = currentRow ? toDecision(currentRow) : null;
  if ((current?.version ?? 0) !== input.expectedVersion) {
    throw new ReviewError('CONFLICT', describeConflict(current), { current: { decision: current, item } });
  }

  const next = {
    status: input.patch.status ?? current?.status ?? 'pending',
    category: input.patch.category !== undefined ? input.patch.category : (current?.category ?? null),
    // Text equal to the feed's is no override: a later better summary from the feed still shows.
    title: input.patch.title !== undefined ? overrideOf(input.patch.title, item.title) : (current?.title ?? null),
    summary: input.patch.summary !== undefined ? overrideOf(input.patch.summary, item.summary) : (current?.summary ?? null),
    note: input.patch.note !== undefined ? input.patch.note : (current?.note ?? null),
    image_url: input.patch.imageUrl !== undefined ? overrideOf(input.patch.imageUrl, item.imageUrl ?? '') : (current?.imageUrl ?? null),
    image_alt: input.patch.imageAlt !== undefined ? emptyAsNull(input.patch.imageAlt) : (current?.imageAlt ?? null),
  };
  if (next.status === 'accepted' && !next.category) {
    throw new ReviewError('VALIDATION', 'accepting an item needs the category it goes in');
  }
  let position: number | null = null;
  if (next.status === 'accepted') {
    const stays = current?.status === 'accepted' && current.category === next.category && current.position !== null;
    position = stays ? current.position : await nextPosition(trx, input.week, next.category!);
  }

  const saved = await trx
    .insertInto('decisions')
    .values({
      week: input.week,
      item_id: input.itemId,
      ...next,
      position,
      version: 1,
      decided_by: input.decidedBy,
      decided_at: input.now,
    })
    .onConflict((conflict) =>
      conflict.columns(['week', 'item_id']).doUpdateSet({
        ...next,
        position,
        version: sql<number>`decisions.version + 1`,
        decided_by: input.decidedBy,
        decided_at: input.now,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return { decision: toDecision(saved), previous: current, item };
}

export interface SavedDecision {
  decision: Decision;
  /** The decision before this write (null when there was none): what an undo writes back. */
  previous: Decision | null;
  /** The feed's own text and image, which a null override falls back to. */
  item: DecisionItem;
}

/** What an item gives a decision without overrides. */
export interface DecisionItem {
  title: string;
  summary: string;
  imageUrl: string | null;
}

function overrideOf(text: string | null, original: string): string | null {
  if (text === null) return null;
  return text.trim() === original.trim() ? null : text.trim();
}

function emptyAsNull(text: string | null): string | null {
  return text === null || text.trim() === '' ? null : text.replace(/\s+/g, ' ').trim();
}

/**
 * Serializes decision writes of one week. Row locks alone would let two curators accepting two
 * different items into one category both take the same "last" position.
 */
export async function lockWeek(trx: Transaction<Database>, week: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`sift-decisions:${week}`}))`.execute(trx);
}

async function nextPosition(trx: Transaction<Database>, week: string, category: string): Promise<number> {
  const row = await trx
    .selectFrom('decisions')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('week', '=', week)
    .where('status', '=', 'accepted')
    .where('category', '=', category)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

function describeConflict(current: Decision | null): string {
  if (!current) return 'this item changed while you were looking at it; reload to see it';
  const who = current.decidedBy ? ` by ${current.decidedBy}` : '';
  return `this item was changed${who} at ${current.decidedAt.toISOString()} (now ${current.status}, version ${current.version}); your change was not saved`;
}
