import { canonicalizeUrl } from '../normalize/canonicalize-url.ts';
import { detectLanguage } from '../normalize/detect-language.ts';
import { detectMediaKindFromUrl } from '../normalize/detect-media-kind.ts';
import { makeLinkItem } from '../normalize/make-link-item.ts';
import { parseHttpUrl } from '../shared/parse-http-url.ts';
import { MAX_TITLE_LENGTH, summarize } from '../normalize/summarize.ts';
import { collapseWhitespace } from '../normalize/to-plain-text.ts';
import type { NormalizedItem } from '../normalize/types.ts';
import type { DigestLink } from './types.ts';

/**
 * Turns a link found inside a newsletter issue into an item, or null when the link is not an
 * absolute http(s) URL. Title and summary are already plain text (the digest stage extracted
 * them), so they are only tidied, never parsed as HTML: `List<int>` in an anchor stays. There is
 * no date (the store uses the sighting's time) and no image; the only engagement is the comment
 * count the newsletter printed for the link, if any. `context` is taken for symmetry with
 * normalizeItem; nothing here depends on the time yet.
 */
export function normalizeDigestLink(_context: { now: Date }, link: DigestLink): NormalizedItem | null {
  const url = parseHttpUrl(link.url)?.href;
  const canonicalUrl = url ? canonicalizeUrl(url) : null;
  if (!url || !canonicalUrl) return null;
  const summary = summarize(collapseWhitespace(link.summary));
  const title = summarize(collapseWhitespace(link.title), MAX_TITLE_LENGTH) || summarize(summary, 80) || url;
  const comments = Number.isSafeInteger(link.comments) && (link.comments ?? -1) >= 0 ? link.comments : undefined;
  return makeLinkItem({
    url,
    canonicalUrl,
    title,
    summary,
    lang: detectLanguage(`${title} ${summary}`),
    mediaKind: detectMediaKindFromUrl(url),
    comments,
  });
}
