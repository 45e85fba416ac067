import { canonicalizeUrl } from '../normalize/canonicalize-url.ts';
import { findRecurringLinks } from './find-recurring-links.ts';
import type { DigestExtraction } from './types.ts';

/**
 * The issues of one feed document with their recurring links (see findRecurringLinks) moved from
 * `links` to `skipped` as 'recurring', in every issue that carried them. Links are compared by
 * canonical URL, so `?utm_source=` variants of a standing link count as one. The input is left as it was.
 *
 * @example
 * const issues = feed.items.map((entry) => extractDigestLinksDetailed(contextOf(entry), entry.html));
 * const cleaned = dropRecurringLinks(issues);
 */
export function dropRecurringLinks(issues: readonly DigestExtraction[]): DigestExtraction[] {
  const keys = issues.map((issue) => issue.links.map((link) => canonicalizeUrl(link.url) ?? link.url));
  const recurring = findRecurringLinks(keys);
  return issues.map((issue, index) => {
    const isRecurring = (position: number): boolean => recurring.has(keys[index][position]);
    const dropped = issue.links.filter((_link, position) => isRecurring(position));
    return {
      links: issue.links.filter((_link, position) => !isRecurring(position)),
      skipped: [...issue.skipped, ...dropped.map((link) => ({ href: link.url, text: link.title, reason: 'recurring' as const }))],
    };
  });
}
