import { sql } from 'kysely';
import type { WeeklyConfig } from '../../config/schema.ts';
import type { Db } from '../../db/database.ts';
import { loadReadablePage } from '../pages/readable-pages.ts';
import type { DraftSubject } from '../../draft/build-draft-messages.ts';
import { DraftError } from '../../draft/draft-error.ts';

/** The item a draft is about, with the category it is filed under this week. */
export interface LoadedSubject extends DraftSubject {
  category: string | null;
  /** Where `text` came from: the page read for the reading pane, or the feed's one-liner. */
  textSource: 'page' | 'feed';
}

/**
 * What the model is given about an item: its title and link, the category the curator accepted
 * it into (else nothing), whether it is an English original (the item's detected language, the
 * same fact the export's `(英)` marker reads), and the article's extracted text when the reading
 * pane has read the page; the feed's summary otherwise.
 *
 * @throws DraftError NOT_FOUND when the item does not exist
 */
export async function loadDraftSubject(db: Db, weekly: WeeklyConfig, week: string, itemId: number): Promise<LoadedSubject> {
  const item = await db
    .selectFrom('items')
    .leftJoin('decisions', (join) => join.onRef('decisions.item_id', '=', 'items.id').on('decisions.week', '=', week))
    .select(['items.title', 'items.url', 'items.canonical_url', 'items.summary', 'items.lang', 'decisions.category'])
    .where(sql<number>`items.id`, '=', itemId)
    .executeTakeFirst();
  if (!item) throw new DraftError('NOT_FOUND', `item ${itemId} does not exist`);
  const page = await loadReadablePage(db, item.canonical_url);
  const pageText = page?.status === 'ok' ? (page.text ?? '').trim() : '';
  const category = item.category ?? null;
  return {
    title: item.title,
    url: item.url,
    category,
    section: weekly.categories.find((entry) => entry.id === category)?.title ?? null,
    isEnglish: item.lang === 'en',
    text: pageText || item.summary,
    textSource: pageText ? 'page' : 'feed',
  };
}
