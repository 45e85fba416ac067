import { parseHttpUrl } from './parse-http-url.ts';

/**
 * The URL to put in an `href` or `src`, or null when it must not be one. Only absolute http(s)
 * URLs pass: `javascript:`, `data:`, `vbscript:`, relative and protocol-relative links from a feed
 * are rendered as plain text instead. The result is the URL as the WHATWG parser serializes it,
 * so control characters and quotes come out percent-encoded.
 */
export function toSafeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  // `http:example.com` parses, but a link written without its slashes is not rendered as one
  if (!/^https?:\/\//i.test(trimmed)) return null;
  return parseHttpUrl(trimmed)?.href ?? null; // null: the caller renders the text without a link
}

/** The host a reader recognizes (`realpython.com`), without `www.`; '' when the URL does not parse. */
export function readDomain(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return ''; // shown as no domain
  }
}
