import { truncateText } from './clean-text.ts';
import { classifyUrl } from './classify-url.ts';
import { hasSponsorMarker, isChromeText, isGenericTitle } from './classify-text.ts';
import { collectBlocks, type AnchorRecord, type TextBlock } from './collect-blocks.ts';
import { createOwnSiteMatcher } from './create-own-site-matcher.ts';
import { layoutItems, type BlockPlacement } from './layout-items.ts';
import { unwrapRedirect } from './unwrap-redirect.ts';
import type { DigestContext, DigestExtraction, DigestLink, DigestSkipReason, SkippedDigestAnchor } from './types.ts';

const MAX_SUMMARY_CHARS = 500;

/** The newsletter's own click-through redirect (`pycoders.com/link/12345/web`): content behind its own host. */
const OWN_REDIRECT_PATH = /^\/link\/\d+(?:\/|$)/;

/**
 * The links a newsletter issue recommends, in issue order, one per distinct URL.
 *
 * Left out: the newsletter itself (its own site, issue and feed hosts, with their subdomains), email
 * trackers it cannot see through, subscribe / unsubscribe / preferences / "view in browser" /
 * forward / share links, sponsored items (a section titled Sponsor / 赞助, a `SPONSOR` tag or
 * `[Sponsor]` marker on the item, a sponsor class, `utm_medium=sponsor`), job sections, donation
 * pages, social profiles (posts stay), images, `mailto:` and `javascript:`, anchors with no text,
 * and navigation bars (three or more links with only separators between them).
 *
 * Kept on the newsletter's own host: its click-through redirects (PyCoder's links every item as
 * `pycoders.com/link/N/…`), flagged `isRedirect` for the caller to resolve.
 *
 * Duplicates: the first anchor for a URL decides position and summary; a later anchor only replaces
 * the title when the first said nothing ("REALPYTHON.COM", "read more", a bare URL).
 *
 * Summary: for a linked heading or a paragraph that is only its link (PyCoder's, Django News,
 * `1、<a>标题</a>` weeklies) the paragraph that follows; for a link that opens its paragraph or list
 * item (`Title<br>description`, `<a>uv</a> – …`) the rest of it; otherwise the whole paragraph or
 * list item around the link. Plain text, at most 500 characters.
 *
 * @example
 * extractDigestLinks({ issueUrl: 'https://pycoders.com/issues/650', feedUrl: 'https://pycoders.com/feed' }, html)
 */
export function extractDigestLinks(context: DigestContext, html: string): DigestLink[] {
  return extractDigestLinksDetailed(context, html).links;
}

/** extractDigestLinks, plus every anchor left out and why (for logs, debugging a source, and tests). */
export function extractDigestLinksDetailed(context: DigestContext, html: string): DigestExtraction {
  const { segments, baseHref } = collectBlocks(html);
  const base = resolveBase(context.issueUrl, baseHref);
  const isOwnSite = createOwnSiteMatcher([context.issueUrl, context.feedUrl, context.siteUrl]);

  const resolved = new Map<AnchorRecord, URL | null>();
  for (const segment of segments) {
    if (segment.kind === 'block') for (const anchor of segment.anchors) resolved.set(anchor, resolveHref(anchor.href, base));
  }
  const keyOf = (anchor: AnchorRecord): string | null => {
    const url = resolved.get(anchor);
    return url === null || url === undefined ? null : withoutHash(url);
  };
  const isAnchorSponsored = (anchor: AnchorRecord): boolean => {
    const url = resolved.get(anchor);
    return anchor.isInSponsorContainer || hasSponsorMarker(anchor.text) || (url != null && classifyUrl(url) === 'sponsor');
  };
  const placements = layoutItems(segments, keyOf, isAnchorSponsored);

  const links: DigestLink[] = [];
  const skipped: SkippedDigestAnchor[] = [];
  const byKey = new Map<string, DigestLink>();
  for (const segment of segments) {
    if (segment.kind !== 'block') continue;
    const placement = placements.get(segment) ?? null;
    const isNavigation = isNavigationBar(segment, keyOf);
    for (const anchor of segment.anchors) {
      const url = resolved.get(anchor) ?? null;
      const href = url?.href ?? anchor.href ?? '';
      const reason = judgeHref(anchor.href) ?? judgeAnchor(anchor, url, placement, isAnchorSponsored(anchor));
      if (reason !== null || url === null) {
        skipped.push({ href, text: anchor.text, reason: reason ?? 'bad-url' });
        continue;
      }
      const siteReason = isOwnSite(url) && !OWN_REDIRECT_PATH.test(url.pathname) ? 'own-site' : isNavigation ? 'navigation' : null;
      if (siteReason !== null) {
        skipped.push({ href, text: anchor.text, reason: siteReason });
        continue;
      }
      const key = withoutHash(url);
      const earlier = byKey.get(key);
      if (earlier !== undefined) {
        if (isGenericTitle(earlier.title, url) && !isGenericTitle(anchor.text, url)) earlier.title = anchor.text;
        skipped.push({ href, text: anchor.text, reason: 'duplicate' });
        continue;
      }
      const link: DigestLink = { url: url.href, title: anchor.text, summary: summarize(segment, anchor, placement) };
      if (isOwnSite(url)) link.isRedirect = true;
      byKey.set(key, link);
      links.push(link);
    }
  }
  return { links, skipped };
}

/** Reasons readable from the raw href alone: nothing to follow, or not a web page. */
function judgeHref(href: string | null): DigestSkipReason | null {
  if (href === null || href === '') return 'no-href';
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (scheme === 'mailto') return 'mailto';
  if (scheme === 'javascript') return 'javascript';
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return 'not-http';
  return null;
}

function judgeAnchor(anchor: AnchorRecord, url: URL | null, placement: BlockPlacement | null, isSponsored: boolean): DigestSkipReason | null {
  if (url === null) return 'bad-url';
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not-http';
  if (anchor.text === '') return anchor.hasImage ? 'image' : 'no-text';
  if (placement?.section === 'chrome' || isChromeText(anchor.text)) return 'newsletter-chrome';
  if (placement?.section === 'sponsor' || placement?.isItemSponsored || isSponsored) return 'sponsor';
  if (placement?.section === 'jobs') return 'jobs';
  return classifyUrl(url);
}

/** Three or more links to different places with nothing but separators between them: a menu. */
function isNavigationBar(block: TextBlock, keyOf: (anchor: AnchorRecord) => string | null): boolean {
  if (block.anchors.length < 3 || /\p{L}/u.test(block.outsideText)) return false;
  return new Set(block.anchors.map(keyOf)).size >= 3;
}

/**
 * A head's summary is the paragraph after it. A link that opens its paragraph (`<a>uv</a> – An
 * extremely fast…`, Python Weekly's `Title<br>description`) gets the paragraph without its own title;
 * any other link the whole paragraph.
 */
function summarize(block: TextBlock, anchor: AnchorRecord, placement: BlockPlacement | null): string {
  if (placement?.isHead) return truncateText(placement.headSummary, MAX_SUMMARY_CHARS);
  let text = block.text;
  const start = anchor.text === '' ? -1 : text.indexOf(anchor.text);
  if (block.anchors[block.leadingAnchor ?? -1] === anchor && start !== -1 && !/\p{L}/u.test(text.slice(0, start))) {
    text = text.slice(start + anchor.text.length).replace(/^[\s\-–—:：|·•,，.。]+/u, '');
  }
  return truncateText(text, MAX_SUMMARY_CHARS);
}

function resolveBase(issueUrl: string, baseHref: string | null): URL | null {
  const issue = parseUrl(issueUrl, undefined);
  if (baseHref === null) return issue;
  return parseUrl(baseHref, issue ?? undefined) ?? issue;
}

/** Resolves an href against the issue; after unwrapping redirectors that name their destination. */
function resolveHref(href: string | null, base: URL | null): URL | null {
  if (href === null || href === '') return null;
  const url = parseUrl(href, base ?? undefined);
  return url === null ? null : unwrapRedirect(url);
}

function parseUrl(value: string, base: URL | undefined): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null; // reported by the caller as 'bad-url' (hrefs) or ignored (context URLs)
  }
}

function withoutHash(url: URL): string {
  return url.href.replace(/#.*$/, '');
}
