/**
 * Parses `value` as an absolute http(s) URL with a host, or returns null. The one check of "is this
 * a link sift may follow, store or print" for every room (configuration, feeds, newsletters, the
 * review UI, the export): feeds put every kind of string in link-ish fields (tag: URIs, bare ids,
 * `javascript:`), so callers check before trusting.
 */
export function parseHttpUrl(value: string | null | undefined): URL | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    // Not an absolute URL at all: the caller treats null as "no usable link".
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '') return null;
  return parsed;
}

/** True when `url` is an absolute http(s) URL (what the store and the review UI can link to). */
export function isHttpUrl(url: string | null | undefined): boolean {
  return parseHttpUrl(url) !== null;
}
