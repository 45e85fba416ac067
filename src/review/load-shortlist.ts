import type { CategoryConfig, WeeklyConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import { readDomain, toSafeHref } from './safe-url.ts';

export interface ShortlistRow {
  itemId: number;
  url: string;
  href: string | null;
  domain: string;
  title: string;
  summary: string;
  /** True when the curator wrote the summary (printed as Markdown) rather than the feed (escaped). */
  isSummaryEdited: boolean;
  lang: string;
  imageUrl: string | null;
  note: string | null;
  position: number | null;
  version: number;
}

export interface ShortlistSection {
  category: CategoryConfig;
  rows: ShortlistRow[];
}

/**
 * The accepted items of a week per configured category, in print order (position, then the time
 * they were accepted). Every configured category is listed, empty ones too, so the page can show
 * "0 / 3" against the slots.
 */
export async function loadShortlist(db: Db, weekly: Pick<WeeklyConfig, 'categories'>, week: string): Promise<ShortlistSection[]> {
  const rows = await db
    .selectFrom('decisions')
    .innerJoin('items', 'items.id', 'decisions.item_id')
    .select([
      'decisions.item_id',
      'decisions.category',
      'decisions.title as edited_title',
      'decisions.summary as edited_summary',
      'decisions.note',
      'decisions.position',
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
  return weekly.categories.map((category) => ({
    category,
    rows: rows
      .filter((row) => row.category === category.id)
      .map((row) => ({
        itemId: Number(row.item_id),
        url: row.url,
        href: toSafeHref(row.url),
        domain: readDomain(row.url),
        title: row.edited_title ?? row.title,
        summary: row.edited_summary ?? row.summary,
        isSummaryEdited: row.edited_summary !== null,
        lang: row.lang,
        imageUrl: row.image_url,
        note: row.note,
        position: row.position,
        version: row.version,
      })),
  }));
}
