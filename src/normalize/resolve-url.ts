import { parseHttpUrl } from '../shared/parse-http-url.ts';

/**
 * Resolves a possibly relative `href` the way a feed reader must: against the xml:base in effect,
 * then the item's link, then the feed's own base/site, then the URL the feed was finally fetched
 * from — `bases` lists them most specific first, and each base that is itself relative is resolved
 * against the ones after it (an xml:base of `/blog/` means nothing without the feed's host).
 *
 * Returns only absolute http(s) URLs: `javascript:`, `data:`, `mailto:` and friends give null, as
 * does a relative href with no absolute base to anchor it.
 *
 * @example resolveUrl('../a.png', ['/blog/2024/', 'https://example.com/feed.xml'])
 *   // → 'https://example.com/blog/a.png'
 */
export function resolveUrl(href: string | undefined, bases: Array<string | undefined>): string | null {
  if (href === undefined) return null;
  const trimmed = href.trim();
  if (trimmed === '') return null;
  // An explicit non-http scheme never becomes an http link, whatever the base.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  if (scheme && !/^https?$/i.test(scheme[1])) return null;

  const base = buildEffectiveBase(bases);
  // A protocol-relative `//host/path` with nothing to inherit a scheme from is taken as https.
  const absolute = !base && trimmed.startsWith('//') ? `https:${trimmed}` : trimmed;
  let resolved: URL;
  try {
    resolved = base ? new URL(absolute, base) : new URL(absolute);
  } catch {
    // Unresolvable (relative with no base, or malformed): no usable link, reported as null.
    return null;
  }
  return parseHttpUrl(resolved.href)?.href ?? null;
}

/** Folds the base chain from least to most specific into one absolute http(s) base, if any. */
function buildEffectiveBase(bases: Array<string | undefined>): URL | null {
  let effective: URL | null = null;
  for (let index = bases.length - 1; index >= 0; index -= 1) {
    const candidate = bases[index]?.trim();
    if (!candidate) continue;
    let next: URL | null = null;
    try {
      next = effective ? new URL(candidate, effective) : new URL(candidate);
    } catch {
      // A malformed base is skipped; the less specific base already in `effective` still applies.
      next = null;
    }
    if (next && (next.protocol === 'http:' || next.protocol === 'https:') && next.hostname !== '') {
      effective = next;
    }
  }
  return effective;
}
