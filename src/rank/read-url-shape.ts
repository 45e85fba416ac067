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
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null; // not a URL: the caller classifies it by the remaining steps
  }
  const rawHost = url.hostname.toLowerCase();
  // only a host starting with w or m can carry the prefix: the others skip the pattern
  const first = rawHost.charCodeAt(0);
  const host = first === 119 || first === 109 ? rawHost.replace(/^(www\d?|m|mobile)\./, '') : rawHost;
  // each getter of a URL builds a new string: the path is read once (this runs for every link of a week)
  const path = url.pathname;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    // most paths carry no escapes: decoding is skipped for them
    if (segment !== '') segments.push((segment.includes('%') ? safeDecode(segment) : segment).toLowerCase());
  }
  const isHome = segments.length === 0 || (segments.length === 1 && /^index\.(html?|php)$/.test(segments[0]));
  return { host, rawHost, path, segments, isHome, search: url.searchParams };
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
