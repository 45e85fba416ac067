import { dropRecurringLinks } from '../digest/drop-recurring-links.ts';
import { extractDigestLinksDetailed } from '../digest/extract-digest-links.ts';
import type { DigestExtraction, SkippedDigestAnchor } from '../digest/types.ts';
import { decodeBody } from '../fetch/decode-body.ts';
import { normalizeDigestLink } from '../digest/normalize-digest-link.ts';
import { normalizeItem } from '../normalize/normalize-item.ts';
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

/**
 * An item found in a feed, ready to store. Its `contentHtml` is null: the HTML served the digest
 * stage here and is not stored, and a found item leaves the parse thread by copy (for feeds with
 * full articles, most of what was copied back was that HTML; bench/, case process).
 */
export interface FoundItem extends NormalizedItem {
  /** For links found inside a newsletter issue: that issue's URL. */
  digestIssueUrl: string | null;
  /** A newsletter's click-through link, to be resolved to its target before storing. */
  isRedirect?: boolean;
  /** 1-based place in the feed document (feed order), or in its issue for a newsletter's link: a ranking for a `ranked` source. */
  position: number;
}

/** An anchor of a newsletter issue that did not become an item, and why: for a debug log line. */
export interface SkippedDigestLink extends SkippedDigestAnchor {
  issueUrl: string;
}

export interface ProcessedFeed {
  title: string | null;
  ttlMinutes: number | null;
  charset: string;
  /** Entries in the feed document (issues, for a digest). */
  entryCount: number;
  items: FoundItem[];
  /** For a digest, every anchor of its issues left out, with the reason (chrome, sponsor, recurring, …); empty otherwise. */
  skippedLinks: SkippedDigestLink[];
}

/**
 * The CPU-bound part of a refresh, with no I/O: decode the bytes, parse, normalize, and for a
 * digest extract the links inside each issue. Pure given its input, so it can run on a worker
 * thread. Throws ParseError for a document that is not a usable feed.
 *
 * A digest feed usually holds its last few issues: links that recur in most of them (a standing
 * releases block, the community invite, a sponsor slot) are dropped from all of them as
 * 'recurring' (see findRecurringLinks; nothing is learned from fewer than three issues). A link's
 * comment count from the issue ("642 comments in 2 discussions") becomes the item's `comments`.
 */
export async function processFeed(document: FeedDocument): Promise<ProcessedFeed> {
  const { text, charset } = decodeBody(document.bytes, document.contentType);
  const feed = await parseFeed(text, { url: document.finalUrl });
  const context = { feedUrl: document.finalUrl, feedBaseUrl: feed.baseUrl, siteUrl: feed.siteUrl, now: document.now };
  const items: FoundItem[] = [];
  const issues: NormalizedItem[] = [];
  const extractions: DigestExtraction[] = [];
  for (const [index, entry] of feed.items.entries()) {
    const item = normalizeItem(context, entry);
    if (!item) continue;
    if (!document.isDigest) {
      items.push({ ...item, contentHtml: null, digestIssueUrl: null, position: index + 1 });
      continue;
    }
    issues.push(item);
    extractions.push(
      extractDigestLinksDetailed(
        { issueUrl: item.url, feedUrl: document.feedUrl, siteUrl: feed.siteUrl },
        entry.contentHtml ?? entry.summaryHtml ?? '',
      ),
    );
  }
  const skippedLinks: SkippedDigestLink[] = [];
  dropRecurringLinks(extractions).forEach(({ links, skipped }, index) => {
    const issue = issues[index];
    for (const [place, link] of links.entries()) {
      const linked = normalizeDigestLink({ now: document.now }, link);
      if (linked)
        items.push({
          ...linked,
          publishedAt: linked.publishedAt ?? issue.publishedAt,
          digestIssueUrl: issue.url,
          isRedirect: link.isRedirect === true,
          position: place + 1,
        });
    }
    for (const anchor of skipped) skippedLinks.push({ ...anchor, issueUrl: issue.url });
  });
  return { title: feed.title ?? null, ttlMinutes: feed.ttlMinutes ?? null, charset, entryCount: feed.items.length, items, skippedLinks };
}
