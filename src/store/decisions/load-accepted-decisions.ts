import type { Db } from '../../db/database.ts';

/** A week's accepted item with the curator's edits beside the item's own text. */
export interface AcceptedDecision {
  itemId: number;
  /** Null when accepted without a section (an old decision, or one filed before categories existed). */
  category: string | null;
  position: number | null;
  editedTitle: string | null;
  editedSummary: string | null;
  /** The curator's image for the issue; null = the item's own (`imageUrl`). */
  editedImageUrl: string | null;
  /** Alt text of the printed image; null = none. */
  imageAlt: string | null;
  note: string | null;
  version: number;
  url: string;
  title: string;
  summary: string;
  lang: string;
  imageUrl: string | null;
}

/**
 * The week's accepted decisions joined to their items, in print order: position (unpositioned
 * last), then the time they were accepted, then item id. What the shortlist page shows and what
 * `sift export` prints, read by one query.
 */
export async function loadAcceptedDecisions(db: Db, week: string): Promise<AcceptedDecision[]> {
  const rows = await db
    .selectFrom('decisions')
    .innerJoin('items', 'items.id', 'decisions.item_id')
    .select([
      'decisions.item_id',
      'decisions.category',
      'decisions.position',
      'decisions.title as edited_title',
      'decisions.summary as edited_summary',
      'decisions.image_url as edited_image_url',
      'decisions.image_alt',
      'decisions.note',
      'decisions.version',
      'items.url',
      'items.title',
      'items.summary',
      'items.lang',
      'items.image_url',
    ])
    .where('decisions.week', '=', week)
    .where('decisions.status', '=', 'accepted')
    .orderBy('decisions.position')
    .orderBy('decisions.decided_at')
    .orderBy('decisions.item_id')
    .execute();
  return rows.map((row) => ({
    itemId: Number(row.item_id),
    category: row.category,
    position: row.position,
    editedTitle: row.edited_title,
    editedSummary: row.edited_summary,
    editedImageUrl: row.edited_image_url,
    imageAlt: row.image_alt,
    note: row.note,
    version: row.version,
    url: row.url,
    title: row.title,
    summary: row.summary,
    lang: row.lang,
    imageUrl: row.image_url,
  }));
}
