/**
 * A URL taken apart once for every classification rule: the host with and without `www.`, the
 * decoded lowercase path segments, whether it is a site's front page.
 */
export interface UrlShape {
  /** Lowercased host without `www.` / `m.` / `mobile.`. */
  host: string;
  /** Lowercased host as written (for sources.yaml rules, which say exactly what they mean). */
  rawHost: string;
  /** The path as written (not decoded, not lowercased). */
  path: string;
  /** Path segments, lowercased, empty ones dropped (`/a//b/` → ['a', 'b']). */
  segments: string[];
  /** True for `/`, `/index.html` and hash-routed roots (`/#/questions`). */
  isHome: boolean;
  search: URLSearchParams;
}

/** Parses a URL into the shape the rules read; null for something that is not an absolute URL. */
export function readUrlShape(raw: string): UrlShape | null {
  const parts = splitPlainUrl(raw) ?? splitByUrlParser(raw);
  if (parts === null) return null; // not a URL: the caller classifies it by the remaining steps
  const rawHost = parts.hostname.toLowerCase();
  // only a host starting with w or m can carry the prefix: the others skip the pattern
  const first = rawHost.charCodeAt(0);
  const host = first === 119 || first === 109 ? rawHost.replace(/^(www\d?|m|mobile)\./, '') : rawHost;
  const path = parts.pathname;
  // found by indexOf, not split: no array of pieces (empty ones included) for every link of a week
  const segments: string[] = [];
  for (let from = 0; from < path.length; ) {
    let to = path.indexOf('/', from);
    if (to === -1) to = path.length;
    if (to > from) {
      const segment = path.slice(from, to);
      // most paths carry no escapes: decoding is skipped for them
      segments.push((segment.includes('%') ? safeDecode(segment) : segment).toLowerCase());
    }
    from = to + 1;
  }
  const isHome = segments.length === 0 || (segments.length === 1 && /^index\.(html?|php)$/.test(segments[0]));
  return { host, rawHost, path, segments, isHome, search: parts.search };
}

interface UrlParts {
  hostname: string;
  pathname: string;
  search: URLSearchParams;
}

/**
 * An http(s) URL with nothing for the URL parser to rewrite: a lowercase scheme, an ASCII host of
 * letters, digits and hyphens (no port, user, IDN label or trailing dot; not an IPv4 address), and
 * a path and query of characters it keeps as written, without dot segments. Nearly every link of a
 * week is one (canonical URLs are), and the parser is its largest cost in ranking.
 */
const PLAIN_URL =
  /^https?:\/\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(\/[A-Za-z0-9\-._~!$&()*+,;=:@%/]*)?(?:\?([A-Za-z0-9\-._~!$&()*+,;=:@%/]*))?(?:#.*)?$/;
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/** `raw` taken apart as the URL parser would, when it is a plain URL (PLAIN_URL); null otherwise. */
function splitPlainUrl(raw: string): UrlParts | null {
  const match = PLAIN_URL.exec(raw);
  if (match === null) return null;
  const hostname = match[1];
  // a last label starting with a digit makes an IPv4 address (normalized by the parser, or refused)
  const lastLabel = hostname.charCodeAt(hostname.lastIndexOf('.') + 1);
  if (lastLabel >= 48 && lastLabel <= 57) return null;
  // punycode labels are validated by the parser
  if (hostname.includes('-') && /(?:^|\.)xn--/i.test(hostname)) return null;
  const pathname = match[2] ?? '/';
  if (pathname.includes('.') || pathname.includes('%')) {
    if (DOT_SEGMENT.test(pathname)) return null;
  }
  return { hostname: hostname.toLowerCase(), pathname, search: new URLSearchParams(match[3] ?? '') };
}

function splitByUrlParser(raw: string): UrlParts | null {
  try {
    // each getter of a URL builds a new string: each is read once
    const url = new URL(raw);
    return { hostname: url.hostname, pathname: url.pathname, search: url.searchParams };
  } catch {
    return null; // not a URL: readUrlShape says so
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray % stays as written; matching still works on the raw text
  }
}

/** `host` is `domain` or one of its subdomains. */
export function isHostUnder(host: string, domain: string): boolean {
  if (host === domain) return true;
  // endsWith plus a dot check: no string is built per call, this runs for every rule and link
  return host.length > domain.length && host.endsWith(domain) && host.charCodeAt(host.length - domain.length - 1) === 46;
}

export interface DomainList {
  domains: ReadonlySet<string>;
}

/** A domain list prepared for lookups by suffix (see isAnyHost). */
export function prepareDomains(domains: readonly string[]): DomainList {
  return { domains: new Set(domains) };
}

/**
 * `host` is one of the domains or a subdomain of one: its suffixes at each dot are looked up in the
 * set, a few lookups whatever the list's length (this runs for every link of a week).
 */
export function isAnyHost(host: string, list: DomainList): boolean {
  if (list.domains.has(host)) return true;
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
    if (list.domains.has(host.slice(dot + 1))) return true;
  }
  return false;
}
