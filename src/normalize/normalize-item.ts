import type { ParsedItem } from '../parse/types.ts';
import { canonicalizeUrl } from './canonicalize-url.ts';
import { detectLanguage } from './detect-language.ts';
import { classifyEnclosure, detectMediaKind } from './detect-media-kind.ts';
import { extractEngagement } from './extract-engagement.ts';
import { findFirstImage } from './find-first-image.ts';
import { parseDate } from './parse-date.ts';
import { parseHttpUrl } from '../shared/parse-http-url.ts';
import { resolveUrl } from './resolve-url.ts';
import { MAX_TITLE_LENGTH, summarize } from './summarize.ts';
import { toPlainText } from './to-plain-text.ts';
import type { NormalizedItem } from './types.ts';

export interface NormalizeContext {
  /** The URL the feed was finally fetched from (after redirects): the last resort base. */
  feedUrl: string;
  /** xml:base of the feed element. */
  feedBaseUrl?: string;
  /** The site the feed belongs to; relative item links are relative to it. */
  siteUrl?: string;
  now: Date;
}

/** A title made from the summary is cut shorter than the summary itself. */
const TITLE_FROM_SUMMARY_LENGTH = 80;

/**
 * Turns one parsed feed item into an item ready to store, or null when it has no usable http(s)
 * link (nothing to dedupe on, nothing a curator could open).
 *
 * The link is feedburner's origLink, else the link, else the guid when it is an absolute http(s)
 * URL (a bare id would resolve into a made-up URL), else the first audio/video enclosure (podcasts
 * without a page), else the YouTube video id. Relative links resolve against xml:base, the feed's base, the
 * site and the fetch URL; images in the content also against the item's own link.
 */
export function normalizeItem(context: NormalizeContext, item: ParsedItem): NormalizedItem | null {
  const linkBases = [item.baseUrl, context.feedBaseUrl, context.siteUrl, context.feedUrl];
  const url = pickLink(item, linkBases);
  const canonicalUrl = url ? canonicalizeUrl(url) : null;
  if (!url || !canonicalUrl) return null;

  const summarySource = keepNonBlank(item.summaryHtml) ?? keepNonBlank(item.contentHtml) ?? '';
  const engagement = extractEngagement(toPlainText(summarySource));
  const summary = summarize(engagement.text);
  const title = summarize(toPlainText(item.title ?? ''), MAX_TITLE_LENGTH) || summarize(summary, TITLE_FROM_SUMMARY_LENGTH) || url;
  const contentHtml = keepNonBlank(item.contentHtml) ?? keepNonBlank(item.summaryHtml) ?? null;

  return {
    url,
    canonicalUrl,
    title,
    summary,
    lang: detectLanguage(`${title} ${summary}`),
    publishedAt: parseDate(item.published, context.now),
    imageUrl: pickImage(item, [item.baseUrl, url, context.feedBaseUrl, context.siteUrl, context.feedUrl]),
    mediaKind: detectMediaKind(url, item.enclosures, item.youtubeVideoId),
    guid: keepNonBlank(item.guid?.trim()) ?? null,
    points: engagement.points,
    comments: engagement.comments,
    contentHtml,
  };
}

function pickLink(item: ParsedItem, bases: Array<string | undefined>): string | null {
  const guidUrl = parseHttpUrl(item.guid)?.href;
  const videoUrl = item.youtubeVideoId ? `https://www.youtube.com/watch?v=${encodeURIComponent(item.youtubeVideoId)}` : undefined;
  const media = item.enclosures.filter((enclosure) => ['audio', 'video'].includes(classifyEnclosure(enclosure) ?? ''));
  const candidates = [item.origLink, item.link, guidUrl, ...media.map((enclosure) => enclosure.url), videoUrl];
  for (const candidate of candidates) {
    const resolved = resolveUrl(candidate, bases);
    if (resolved) return resolved;
  }
  return null;
}

/** An image enclosure, then the feed's thumbnails, then the first `<img>` of the content or summary. */
function pickImage(item: ParsedItem, bases: Array<string | undefined>): string | null {
  const enclosure = item.enclosures.find((candidate) => classifyEnclosure(candidate) === 'image');
  for (const candidate of [enclosure?.url, ...item.thumbnails]) {
    const resolved = resolveUrl(candidate, bases);
    if (resolved) return resolved;
  }
  for (const html of [item.contentHtml, item.summaryHtml]) {
    const found = html ? findFirstImage(html, bases) : null;
    if (found) return found;
  }
  return null;
}

function keepNonBlank(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
