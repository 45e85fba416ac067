import type { ShortlistEntry } from '../export/build-issue-from-shortlist.ts';
import { isHttpUrl } from '../shared/parse-http-url.ts';
import { stripTrackingParams } from '../normalize/strip-tracking-params.ts';
import type { AcceptedDecision } from '../store/decisions/load-accepted-decisions.ts';

/**
 * The week's accepted decisions (in print order) as shortlist entries: the one row mapping of an
 * issue. Title and summary are the curator's when edited (the summary then prints as Markdown),
 * else the item's (escaped on print); the image is the curator's, else the item's, and is dropped
 * when not http(s); English is the item's detected language. The link prints without tracking
 * parameters (`?utm_source=feed`: the clean URL the other sources carried). A decision without a
 * category cannot be placed and one whose link is not http(s) could not be opened: the latter is
 * returned in `skipped` so the caller can say so. Sections come in a fixed order, by category id
 * (buildIssueFromShortlist then puts them in sources.yaml's order).
 */
export function toShortlistEntries(accepted: readonly AcceptedDecision[]): {
  entries: ShortlistEntry[];
  skipped: Array<{ itemId: number; url: string }>;
} {
  const entries: ShortlistEntry[] = [];
  const skipped: Array<{ itemId: number; url: string }> = [];
  const placed = accepted.filter((decision) => decision.category !== null);
  placed.sort((left, right) => (left.category! < right.category! ? -1 : left.category! > right.category! ? 1 : 0));
  for (const decision of placed) {
    if (!isHttpUrl(decision.url)) {
      skipped.push({ itemId: decision.itemId, url: decision.url });
      continue;
    }
    const imageUrl = decision.editedImageUrl ?? decision.imageUrl;
    const hasImage = imageUrl !== null && isHttpUrl(imageUrl);
    entries.push({
      title: decision.editedTitle ?? decision.title,
      summary: decision.editedSummary ?? decision.summary,
      summaryFormat: decision.editedSummary !== null ? 'markdown' : 'text',
      url: stripTrackingParams(decision.url.trim()),
      imageUrl: hasImage ? imageUrl.trim() : null,
      imageAlt: hasImage ? (decision.imageAlt ?? null) : null,
      category: decision.category!,
      position: decision.position,
      isEnglish: decision.lang === 'en',
    });
  }
  return { entries, skipped };
}
