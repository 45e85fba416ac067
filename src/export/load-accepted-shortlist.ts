import type { Db } from '../db/database.ts';
import type { ShortlistEntry } from './build-issue-from-shortlist.ts';

export interface AcceptedShortlist {
  entries: ShortlistEntry[];
  /** Accepted items left out because their link is not http(s) (nothing a reader could open). */
  skipped: Array<{ itemId: number; url: string }>;
}

/**
 * The week's accepted decisions as shortlist entries, in print order within each category
 * (position, then the time they were accepted, then item id — the review page's order). Title
 * and summary are the curator's when edited (the summary then prints as Markdown), else the
 * item's (escaped on print). An image that is not http(s) is dropped; English is the item's
 * detected language.
 */
export async function loadAcceptedShortlist(db: Db, week: string): Promise<AcceptedShortlist> {
  const rows = await db
    .selectFrom('decisions')
    .innerJoin('items', 'items.id', 'decisions.item_id')
    .select([
      'decisions.item_id',
      'decisions.category',
      'decisions.position',
      'decisions.title as edited_title',
      'decisions.summary as edited_summary',
      'items.url',
      'items.title',
      'items.summary',
      'items.lang',
      'items.image_url',
    ])
    .where('decisions.week', '=', week)
    .where('decisions.status', '=', 'accepted')
    .where('decisions.category', 'is not', null)
    .orderBy('decisions.category')
    .orderBy('decisions.position')
    .orderBy('decisions.decided_at')
    .orderBy('decisions.item_id')
    .execute();

  const result: AcceptedShortlist = { entries: [], skipped: [] };
  for (const row of rows) {
    if (!isHttpUrl(row.url)) {
      result.skipped.push({ itemId: Number(row.item_id), url: row.url });
      continue;
    }
    result.entries.push({
      title: row.edited_title ?? row.title,
      summary: row.edited_summary ?? row.summary,
      summaryFormat: row.edited_summary !== null ? 'markdown' : 'text',
      url: row.url,
      imageUrl: row.image_url && isHttpUrl(row.image_url) ? row.image_url : null,
      category: row.category!,
      position: row.position,
      isEnglish: row.lang === 'en',
    });
  }
  return result;
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^/\s]/i.test(url.trim());
}
