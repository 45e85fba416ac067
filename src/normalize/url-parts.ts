/** One query parameter exactly as written (percent-encoding already normalized), plus its decoded name. */
export interface QueryParam {
  rawName: string;
  /** Null for a bare `?flag` with no `=`. */
  rawValue: string | null;
  /** Decoded and lowercased, for matching against rule lists. */
  name: string;
}

/** A URL taken apart for canonicalization; always serialized as https. */
export interface UrlParts {
  /** Lowercased, no trailing dot, `www.`/`m.` stripped. */
  host: string;
  /** Empty for the scheme's default port. */
  port: string;
  /** Percent-normalized, no trailing slash, '' for the root. */
  path: string;
  query: QueryParam[];
  /** Kept only for `#!` and `#/` client-side routes; '' otherwise. */
  fragment: string;
}

/** The path split into non-empty segments (still percent-encoded). */
export function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** Looks up the first value of a parameter by its decoded, lowercased name. */
export function findParam(parts: UrlParts, name: string): string | null {
  const param = parts.query.find((candidate) => candidate.name === name);
  return param ? decodeComponent(param.rawValue ?? '') : null;
}

/** Decodes a query component (`+` is a space there); malformed escapes are returned as written. */
export function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    // Malformed percent-escape: the raw text is the best name we have for it.
    return value;
  }
}

/**
 * Makes equivalent percent-encodings identical: escapes of unreserved characters (`%7E` → `~`,
 * `%41` → `A`) are decoded, every other escape gets uppercase hex (`%e4` → `%E4`). Non-ASCII text
 * arrives already encoded by the WHATWG parser, so a CJK path written raw or escaped ends up the same.
 */
export function normalizePercentEncoding(value: string): string {
  return value.replace(/%([0-9a-fA-F]{2})/g, (_escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** Serializes parts as the canonical https URL string. */
export function formatUrlParts(parts: UrlParts): string {
  const port = parts.port ? `:${parts.port}` : '';
  const query = parts.query.map((param) => (param.rawValue === null ? param.rawName : `${param.rawName}=${param.rawValue}`)).join('&');
  return `https://${parts.host}${port}${parts.path}${query ? `?${query}` : ''}${parts.fragment}`;
}
