import { truncateText } from './clean-text.ts';
import { classifyUrl } from './classify-url.ts';
import { classifyAnchorRole } from './classify-anchor-role.ts';
import { classifyOwnLink } from './classify-own-link.ts';
import { hasSponsorMarker, isChromeText, isGenericTitle } from './classify-text.ts';
import { collectBlocks, type AnchorRecord, type TextBlock } from './collect-blocks.ts';
import { createOwnSiteMatcher } from './create-own-site-matcher.ts';
import { repositoryKey } from './find-own-repositories.ts';
import { hasNewsletterTag } from './has-newsletter-tag.ts';
import { layoutItems, type BlockPlacement } from './layout-items.ts';
import { readBrandLabels } from './read-brand-labels.ts';
import { findDiscussedUrl, readDiscussionCount } from './read-discussion-count.ts';
import { surveyIssue, type IssueSurvey } from './survey-issue.ts';
import { unwrapClickThrough, type ClickThrough } from './unwrap-click-through.ts';
import type { DigestContext, DigestExtraction, DigestLink, DigestSkipReason, SkippedDigestAnchor } from './types.ts';

const MAX_SUMMARY_CHARS = 500;

/** Real issues carry tens of links, a few hundred at most; past this a page is a link dump and only its start is read. */
export const MAX_LINKS_PER_ISSUE = 500;

/**
 * The links a newsletter issue recommends, in issue order, one per distinct URL.
 *
 * Left out: the newsletter itself (its home, archive, tag, feed, about, subscribe and people pages,
 * the issue and its other issues, its own repository on a code host), email trackers it cannot see
 * through, subscribe / unsubscribe / preferences / "view in browser" / forward / share links,
 * sponsored items (a section titled Sponsor / 赞助, a `SPONSOR` tag or `[Sponsor]` marker on the item,
 * a sponsor class, `utm_medium=sponsor`), ad copy ("这里报名", "点击这里" in a paragraph selling
 * tickets, a link carrying the newsletter's own name as `utm_source` when few links do), job
 * sections and job threads (《谁在招人》), credits (`（@name 投稿）`, "via"), discussion counts
 * ("642 comments in 2 discussions", whose count goes to the link before it as `comments`),
 * donation pages, social profiles (posts stay), images, licences, `mailto:` and `javascript:`,
 * anchors with no text, and navigation bars (three or more links with only separators between them).
 *
 * Kept on the newsletter's own site: the posts, guides and tutorials it links (a publisher's
 * newsletter recommending its own blog), and its click-through redirects: those that name their
 * target (`?target=https://github.com/…`) become the target, those that do not
 * (`pycoders.com/link/N/…`) are flagged `isRedirect` for the caller to resolve.
 *
 * Duplicates: the first anchor for a URL decides position and summary; a later anchor only replaces
 * the title when the first said nothing ("REALPYTHON.COM", "read more", a bare URL).
 *
 * Summary: for a linked heading or a paragraph that is only its link (PyCoder's, Django News,
 * `1、<a>标题</a>` weeklies) the paragraph that follows; for a link that opens its paragraph or list
 * item (`Title<br>description`, `<a>uv</a> – …`) the rest of it; otherwise the whole paragraph or
 * list item around the link. Plain text, at most 500 characters.
 *
 * Never throws on bad input: a malformed href or wrapper target, another site's click tracker that
 * does not say where it leads ('tracking'), or links past the first 500, are
 * reported in `skipped` (see extractDigestLinksDetailed) and the rest of the issue is still read.
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
  const contextUrls = [context.issueUrl, context.feedUrl, context.siteUrl];
  const isOwnSite = memoizeByHref(createOwnSiteMatcher(contextUrls));
  const issueUrl = parseUrl(context.issueUrl, undefined);
  const brandLabels = readBrandLabels(contextUrls);

  const blocks = segments.filter((segment): segment is TextBlock => segment.kind === 'block');
  const resolved = new Map<AnchorRecord, ClickThrough | null>();
  for (const block of blocks) for (const anchor of block.anchors) resolved.set(anchor, resolveHref(anchor.href, base, isOwnSite));
  const urlOf = (anchor: AnchorRecord): URL | null => {
    const target = resolved.get(anchor);
    return target == null || target.kind === 'bad-target' ? null : target.url;
  };
  const keyOf = (anchor: AnchorRecord): string | null => {
    const url = urlOf(anchor);
    return url === null ? null : withoutHash(url);
  };
  const isAnchorSponsored = (anchor: AnchorRecord): boolean => {
    const url = urlOf(anchor);
    return (
      anchor.isInSponsorContainer ||
      /\bsponsored\b/.test(anchor.rel) ||
      hasSponsorMarker(anchor.text) ||
      (url != null && classifyUrl(url) === 'sponsor')
    );
  };
  const placements = layoutItems(segments, keyOf, isAnchorSponsored);

  const samples = blocks.flatMap((block) =>
    block.anchors.map((anchor) => ({ url: urlOf(anchor), text: anchor.text, blockText: block.text })),
  );
  const survey = surveyIssue(samples, { contextUrls, brandLabels, isOwnSite });

  const links: DigestLink[] = [];
  const skipped: SkippedDigestAnchor[] = [];
  const byKey = new Map<string, DigestLink>();
  /** The link the next discussion count belongs to: the last anchor kept (or merged into a kept link). */
  let previous: DigestLink | null = null;
  for (const block of blocks) {
    const placement = placements.get(block) ?? null;
    const isNavigation = isNavigationBar(block, keyOf);
    for (const anchor of block.anchors) {
      const target = resolved.get(anchor) ?? null;
      const url = urlOf(anchor);
      const href = url?.href ?? anchor.href ?? '';
      const skip = (reason: DigestSkipReason): void => {
        skipped.push({ href, text: anchor.text, reason });
        previous = null;
      };

      const count = readDiscussionCount(anchor.text);
      if (count !== null) {
        const discussed = url === null ? undefined : byKey.get(withoutHash(findDiscussedUrl(url) ?? url));
        const owner = discussed ?? previous;
        if (owner !== null) owner.comments = Math.max(owner.comments ?? 0, count);
        skipped.push({ href, text: anchor.text, reason: 'engagement' });
        continue;
      }
      const reason =
        judgeHref(anchor.href) ??
        judgeClickThrough(target) ??
        judgeAnchor(anchor, url, placement, isAnchorSponsored(anchor)) ??
        judgeRole(anchor, block, url, url !== null && !isOwnSite(url) ? survey.adTagLabels : []);
      if (reason !== null || url === null) {
        skip(reason ?? 'bad-url');
        continue;
      }
      const siteReason = judgeSite(url, {
        isOwnChrome: isOwnSite(url) && target?.kind !== 'opaque' && classifyOwnLink(url, issueUrl) !== 'content',
        isNavigation,
        isHead: placement?.isHead === true,
        survey,
      });
      if (siteReason !== null) {
        skip(siteReason);
        continue;
      }
      const key = withoutHash(url);
      const earlier = byKey.get(key);
      if (earlier !== undefined) {
        if (isGenericTitle(earlier.title, url) && !isGenericTitle(anchor.text, url)) earlier.title = anchor.text;
        skipped.push({ href, text: anchor.text, reason: 'duplicate' });
        previous = earlier;
        continue;
      }
      if (links.length >= MAX_LINKS_PER_ISSUE) {
        skip('too-many-links');
        continue;
      }
      const link: DigestLink = { url: url.href, title: anchor.text, summary: summarize(block, anchor, placement) };
      if (target?.kind === 'opaque') link.isRedirect = true;
      byKey.set(key, link);
      links.push(link);
      previous = link;
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

function judgeAnchor(
  anchor: AnchorRecord,
  url: URL | null,
  placement: BlockPlacement | null,
  isSponsored: boolean,
): DigestSkipReason | null {
  if (url === null) return 'bad-url';
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not-http';
  if (anchor.text === '') return anchor.hasImage ? 'image' : 'no-text';
  if (placement?.section === 'chrome' || isChromeText(anchor.text) || /\blicense\b/.test(anchor.rel)) return 'newsletter-chrome';
  if (placement?.section === 'sponsor' || placement?.isItemSponsored || isSponsored) return 'sponsor';
  if (placement?.section === 'jobs') return 'jobs';
  return classifyUrl(url);
}

function judgeClickThrough(target: ClickThrough | null): DigestSkipReason | null {
  if (target?.kind === 'bad-target') return 'bad-redirect';
  return target?.kind === 'unknown-wrapper' ? 'tracking' : null;
}

/** Credits, job threads and ad copy, told by the anchor's words; a link tagged with the newsletter's own name when such tags mark ads. */
function judgeRole(anchor: AnchorRecord, block: TextBlock, url: URL | null, adTagLabels: readonly string[]): DigestSkipReason | null {
  const role = classifyAnchorRole(anchor.text, block.text, url);
  if (role === 'credit') return 'credit';
  if (role === 'jobs') return 'jobs';
  if (role === 'call-to-action' || role === 'sponsor-read') return 'sponsor';
  return url !== null && hasNewsletterTag(url, adTagLabels) ? 'sponsor' : null;
}

/**
 * The newsletter itself, by where the link goes: its own site's chrome, issues and navigation bars
 * ('own-site', 'navigation'), its own repository unless the link is an item's head (a pick whose
 * only link is its submission thread), and the aggregator a recap is made from.
 */
function judgeSite(
  url: URL,
  facts: { isOwnChrome: boolean; isNavigation: boolean; isHead: boolean; survey: IssueSurvey },
): DigestSkipReason | null {
  if (facts.isOwnChrome) return 'own-site';
  if (facts.isNavigation) return 'navigation';
  if (!facts.isHead && facts.survey.ownRepositories.has(repositoryKey(url) ?? '')) return 'own-site';
  return facts.survey.aggregatorHosts.has(url.hostname) ? 'newsletter-chrome' : null;
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

/** Resolves an href against the issue, then reads through click-through wrappers (see unwrapClickThrough). */
function resolveHref(href: string | null, base: URL | null, isOwnSite: (url: URL) => boolean): ClickThrough | null {
  if (href === null || href === '') return null;
  const url = parseUrl(href, base ?? undefined);
  return url === null ? null : unwrapClickThrough(url, isOwnSite);
}

function parseUrl(value: string, base: URL | undefined): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null; // reported by the caller as 'bad-url' (hrefs) or ignored (context URLs)
  }
}

/** The own-site test runs several times per anchor (unwrapping, ads, chrome): once per distinct URL is enough. */
function memoizeByHref(test: (url: URL) => boolean): (url: URL) => boolean {
  const answers = new Map<string, boolean>();
  return (url) => {
    let answer = answers.get(url.href);
    if (answer === undefined) answers.set(url.href, (answer = test(url)));
    return answer;
  };
}

function withoutHash(url: URL): string {
  return url.href.replace(/#.*$/, '');
}
