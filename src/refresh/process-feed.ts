import { extractDigestLinks } from '../digest/extract-digest-links.ts';
import { decodeBody } from '../fetch/decode-body.ts';
import { normalizeDigestLink, normalizeItem } from '../normalize/normalize-item.ts';
import type { NormalizedItem } from '../normalize/types.ts';
import { parseFeed } from '../parse/parse-feed.ts';

export interface FeedDocument {
  bytes: Uint8Array;
  contentType: string | null;
  /** The URL configured for the source. */
  feedUrl: string;
  /** The URL that answered, after redirects: the last base for relative links. */
  finalUrl: string;
  /** Digest sources yield the links inside each issue instead of the issues themselves. */
  isDigest: boolean;
  now: Date;
}

export interface FoundItem extends NormalizedItem {
  /** For links found inside a newsletter issue: that issue's URL. */
  digestIssueUrl: string | null;
  /** A newsletter's click-through link, to be resolved to its target before storing. */
  isRedirect?: boolean;
}

export interface ProcessedFeed {
  title: string | null;
  ttlMinutes: number | null;
  charset: string;
  /** Entries in the feed document (issues, for a digest). */
  entryCount: number;
  items: FoundItem[];
}

/**
 * The CPU-bound part of a refresh, with no I/O: decode the bytes, parse, normalize, and for a
 * digest extract the links inside each issue. Pure given its input, so it can run on a worker
 * thread. Throws ParseError for a document that is not a usable feed.
 */
export async function processFeed(document: FeedDocument): Promise<ProcessedFeed> {
  const { text, charset } = decodeBody(document.bytes, document.contentType);
  const feed = await parseFeed(text, { url: document.finalUrl });
  const context = { feedUrl: document.finalUrl, feedBaseUrl: feed.baseUrl, siteUrl: feed.siteUrl, now: document.now };
  const items: FoundItem[] = [];
  for (const entry of feed.items) {
    const item = normalizeItem(context, entry);
    if (!item) continue;
    if (!document.isDigest) {
      items.push({ ...item, digestIssueUrl: null });
      continue;
    }
    const links = extractDigestLinks({ issueUrl: item.url, feedUrl: document.feedUrl, siteUrl: feed.siteUrl }, entry.contentHtml ?? entry.summaryHtml ?? '');
    for (const link of links) {
      const linked = normalizeDigestLink({ now: document.now }, link);
      if (linked) items.push({ ...linked, publishedAt: linked.publishedAt ?? item.publishedAt, digestIssueUrl: item.url, isRedirect: link.isRedirect === true });
    }
  }
  return { title: feed.title ?? null, ttlMinutes: feed.ttlMinutes ?? null, charset, entryCount: feed.items.length, items };
}
