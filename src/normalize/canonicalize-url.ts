import { parseHttpUrl } from '../shared/parse-http-url.ts';
import { applySiteRules } from './site-rules.ts';
import { isTrackingParam } from './tracking-params.ts';
import { unwrapRedirect } from './unwrap-redirect.ts';
import { decodeComponent, formatUrlParts, normalizePercentEncoding, type QueryParam, type UrlParts } from './url-parts.ts';

/** One site under several host names; the value is the name the dedupe key uses. */
const HOST_ALIASES = new Map([
  ['twitter.com', 'x.com'],
  ['mobile.twitter.com', 'x.com'],
  ['old.reddit.com', 'reddit.com'],
  ['new.reddit.com', 'reddit.com'],
  ['np.reddit.com', 'reddit.com'],
]);

/**
 * The dedupe key of a link: two URLs that open the same page for a reader get the same key, two
 * that open different pages never do. Null when `url` is not an absolute http(s) URL.
 *
 * Generic rules: https always; host lowercased without `www.`/`m.`, default ports, userinfo;
 * redirect wrappers (Google `/url?q=`, `out.reddit.com`, `l.facebook.com`, Zhihu/Juejin link
 * pages, …) unwrapped; equivalent percent-escapes unified; `index.html`/`index.htm` and the
 * trailing `/` dropped; tracking parameters dropped (see tracking-params.ts) and the rest sorted
 * by name; the fragment dropped unless it is a `#!`/`#/` client-side route. Paths keep their case
 * (only GitHub owner/repo are case-folded). Per-site forms for YouTube, GitHub, PyPI, arXiv,
 * WeChat, Bilibili and a few blog platforms live in site-rules.ts.
 *
 * The result is a working URL but not the display URL: NormalizedItem.url keeps what the feed gave.
 *
 * @example canonicalizeUrl('http://www.Example.com/post/?utm_source=rss&b=2&a=1#top')
 *   // → 'https://example.com/post?a=1&b=2'
 */
export function canonicalizeUrl(url: string): string | null {
  const parsed = parseHttpUrl(url);
  if (!parsed) return null;
  const target = unwrapRedirect(parsed);

  const host = normalizeHost(target.hostname);
  const path = normalizePath(target.pathname);
  const params = splitQuery(target.search);
  const context = { host, pathname: path, paramNames: new Set(params.map((param) => param.name)) };
  const query = params.filter((param) => !isTrackingParam(param.name, param.rawValue ?? '', context));
  const port = target.protocol === 'http:' && target.port === '443' ? '' : target.port;
  const fragment = /^#[!/]/.test(target.hash) ? normalizePercentEncoding(target.hash) : '';

  const parts: UrlParts = applySiteRules({ host, port, path, query, fragment });
  // A route on the root reads `https://host/#/route`, the way people write it.
  const rootPath = parts.path === '' && parts.fragment !== '' ? '/' : parts.path;
  return formatUrlParts({ ...parts, path: rootPath, query: sortQuery(parts.query) });
}

function normalizeHost(hostname: string): string {
  let host = hostname.toLowerCase().replace(/\.$/, '');
  // Only strip when a registrable name remains: `www.com` stays itself.
  while (/^(www|m)\.[^.]+\.[^.]+/.test(host)) host = host.replace(/^(www|m)\./, '');
  return HOST_ALIASES.get(host) ?? host;
}

function normalizePath(pathname: string): string {
  const path = normalizePercentEncoding(pathname)
    .replace(/\/index\.html?$/i, '/')
    .replace(/\/+$/, '');
  return path;
}

function splitQuery(search: string): QueryParam[] {
  const params: QueryParam[] = [];
  for (const piece of search.replace(/^\?/, '').split('&')) {
    if (piece === '') continue;
    const equals = piece.indexOf('=');
    const rawName = normalizePercentEncoding(equals === -1 ? piece : piece.slice(0, equals));
    const rawValue = equals === -1 ? null : normalizePercentEncoding(piece.slice(equals + 1));
    if (rawName === '') continue;
    params.push({ rawName, rawValue, name: decodeComponent(rawName).toLowerCase() });
  }
  return params;
}

/** Sorted by name so parameter order never splits one page in two; repeated names keep their order. */
function sortQuery(query: QueryParam[]): QueryParam[] {
  return [...query].sort((left, right) => (left.rawName < right.rawName ? -1 : left.rawName > right.rawName ? 1 : 0));
}
