import type { CategoryConfig, WeeklyConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import { loadAcceptedDecisions } from '../store/decisions/load-accepted-decisions.ts';
import { readDomain, toSafeHref } from '../shared/safe-url.ts';

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
  const accepted = await loadAcceptedDecisions(db, week);
  return weekly.categories.map((category) => ({
    category,
    rows: accepted
      .filter((decision) => decision.category === category.id)
      .map((decision) => ({
        itemId: decision.itemId,
        url: decision.url,
        href: toSafeHref(decision.url),
        domain: readDomain(decision.url),
        title: decision.editedTitle ?? decision.title,
        summary: decision.editedSummary ?? decision.summary,
        isSummaryEdited: decision.editedSummary !== null,
        lang: decision.lang,
        imageUrl: decision.editedImageUrl ?? decision.imageUrl,
        note: decision.note,
        position: decision.position,
        version: decision.version,
      })),
  }));
}
