import type { Db } from '../db/database.ts';
import { loadAcceptedDecisions } from '../store/load-accepted-decisions.ts';
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
  const result: AcceptedShortlist = { entries: [], skipped: [] };
  const accepted = (await loadAcceptedDecisions(db, week)).filter((decision) => decision.category !== null);
  // sections in a fixed order (a category nobody configured prints after the configured ones, by name)
  accepted.sort((left, right) => (left.category! < right.category! ? -1 : left.category! > right.category! ? 1 : 0));
  for (const decision of accepted) {
    if (!isHttpUrl(decision.url)) {
      result.skipped.push({ itemId: decision.itemId, url: decision.url });
      continue;
    }
    result.entries.push({
      title: decision.editedTitle ?? decision.title,
      summary: decision.editedSummary ?? decision.summary,
      summaryFormat: decision.editedSummary !== null ? 'markdown' : 'text',
      url: decision.url,
      imageUrl: decision.imageUrl && isHttpUrl(decision.imageUrl) ? decision.imageUrl : null,
      category: decision.category!,
      position: decision.position,
      isEnglish: decision.lang === 'en',
    });
  }
  return result;
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^/\s]/i.test(url.trim());
}
