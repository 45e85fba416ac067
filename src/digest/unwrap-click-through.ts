import { parseHttpUrl } from '../shared/parse-http-url.ts';
import { isKnownRedirectWrapper } from '../normalize/unwrap-redirect.ts';
import { isTrackingUrl } from './classify-url.ts';
import { TARGET_PARAMS, unwrapRedirect } from './unwrap-redirect.ts';

/** Path segments of click-through endpoints on any host: `/click/`, `/out/`, `/redirect`, `/go/`, `/link/123`. */
const CLICK_SEGMENTS = new Set([
  'away',
  'c',
  'click',
  'clicks',
  'exit',
  'external',
  'go',
  'goto',
  'jump',
  'l',
  'link',
  'links',
  'out',
  'outbound',
  'r',
  'redir',
  'redirect',
  'track',
  'tracking',
  'visit',
]);

/** First path segments that make any host's URL a click tracker (`/click/0a9f2b`, `/redirect/…`), target or not. */
const TRACKER_SEGMENTS = new Set(['click', 'clicks', 'redir', 'redirect', 'track', 'tracking']);

/** A value that was meant as an address, even when it is not a usable one (`javascript:…`, `https://`, `//host`). */
const URL_LIKE = /^(?:[a-z][a-z\d+.-]*:\/\/|\/\/|www\.|javascript:|data:|vbscript:)/i;

/** Wrappers can wrap wrappers (an own click-through to a Zhihu link page); a few levels is plenty. */
const MAX_DEPTH = 3;

export type ClickThrough =
  /** An ordinary page: not a wrapper, or the target a wrapper named. */
  | { kind: 'page'; url: URL }
  /** The newsletter's own click-through with no readable target: content, known only by following it. */
  | { kind: 'opaque'; url: URL }
  /** Another site's click tracker with no readable target (`clicks.example.net/click/0a9f2b`): an unknown wrapper. */
  | { kind: 'unknown-wrapper'; url: URL }
  /** A wrapper whose target parameter is there but is not an absolute http(s) URL. */
  | { kind: 'bad-target'; url: URL; target: string };

/**
 * Reads through click-through wrappers that name their target in a query parameter (`target`,
 * `url`, `u`, `to`, `dest`, `redirect`, `link`, `goto`, …; percent-encoded once or twice): HelloGitHub
 * links every project as `hellogithub.com/periodical/statistics/click/?target=https://github.com/…`.
 *
 * A URL counts as a wrapper when it is on the newsletter's own site (where it would otherwise be
 * dropped as the newsletter itself), has a click-through path segment (`/click/`, `/out/`, `/go/`…),
 * or is a known wrapper or email tracker. Any other page keeps its parameters: `example.com/?url=…`
 * is a page about that URL, not a redirect to it.
 *
 * A wrapper whose target is malformed (`?target=javascript:…`, `?url=https://`) is reported as
 * 'bad-target', never thrown. The newsletter's own click-through without a target
 * (`pycoders.com/link/13214/feed`) is 'opaque': the caller follows it over HTTP. Another site's URL
 * whose path starts like a tracker (`/click/…`, `/redirect/…`) without a target is an
 * 'unknown-wrapper': where it leads is unknown, and following trackers is not this stage's job.
 *
 * @example
 * unwrapClickThrough(new URL('https://news.example/click/?target=https%3A%2F%2Fgithub.com%2Fa%2Fb'), () => false)
 * // → { kind: 'page', url: URL('https://github.com/a/b') }
 */
export function unwrapClickThrough(url: URL, isOwnSite: (url: URL) => boolean): ClickThrough {
  let current = unwrapRedirect(url);
  for (let depth = 0; depth < MAX_DEPTH && isWrapper(current, isOwnSite); depth += 1) {
    const found = findTarget(current);
    if (found === null) break;
    if (found.url === null) return { kind: 'bad-target', url: current, target: found.value };
    current = unwrapRedirect(found.url);
  }
  if (isOwnSite(current) && isOpaqueClickThrough(current)) return { kind: 'opaque', url: current };
  if (!isOwnSite(current) && isTrackerPath(current)) return { kind: 'unknown-wrapper', url: current };
  return { kind: 'page', url: current };
}

function isWrapper(url: URL, isOwnSite: (url: URL) => boolean): boolean {
  return isOwnSite(url) || hasClickPath(url) || isKnownRedirectWrapper(url) || isTrackingUrl(url);
}

function hasClickPath(url: URL): boolean {
  return url.pathname.split('/').some((segment) => CLICK_SEGMENTS.has(segment.toLowerCase()));
}

/** A click segment with something after it (an id, a query): `/link/13214/feed`, `/click/?id=5`; not a page named `/links`. */
function isOpaqueClickThrough(url: URL): boolean {
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const index = segments.findIndex((segment) => CLICK_SEGMENTS.has(segment.toLowerCase()));
  return index !== -1 && (index < segments.length - 1 || url.search !== '');
}

function isTrackerPath(url: URL): boolean {
  const first = url.pathname.split('/').find((segment) => segment !== '');
  return first !== undefined && TRACKER_SEGMENTS.has(first.toLowerCase()) && (url.pathname.split('/').length > 2 || url.search !== '');
}

/** The first target parameter that holds an address; `url` null when that address is unusable. */
function findTarget(url: URL): { value: string; url: URL | null } | null {
  for (const name of TARGET_PARAMS) {
    const value = url.searchParams.get(name);
    if (value === null || value.trim() === '') continue;
    const decoded = decodeNested(value.trim());
    if (/^https?:\/\//i.test(decoded)) return { value, url: parseHttpUrl(decoded) };
    if (URL_LIKE.test(decoded) || /^https?%3a/i.test(decoded)) return { value, url: null };
  }
  return null;
}

/** `https%3A%2F%2F…` left encoded once more than the query decoding undid. */
function decodeNested(value: string): string {
  let current = value;
  for (let round = 0; round < 2 && /^https?%3a/i.test(current); round += 1) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return current; // a broken escape: the caller sees an unusable address and reports it
    }
  }
  return current;
}
