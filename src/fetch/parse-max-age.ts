/**
 * Reads `max-age` from a `Cache-Control` header, in seconds: the publisher's hint of how long the
 * feed stays fresh, which the scheduler may use to avoid polling sooner.
 *
 * Directive names are case-insensitive and the value may be quoted (`max-age="600"`), both allowed
 * by RFC 9111. `s-maxage` is for shared caches and ignored. A missing, negative or non-integer
 * value gives `undefined`; when the directive repeats, the first one wins.
 *
 * @example parseMaxAge('public, max-age=3600') // 3600
 */
export function parseMaxAge(cacheControl: string | null): number | undefined {
  if (cacheControl === null) return undefined;
  for (const directive of cacheControl.split(',')) {
    const [name, rawValue] = directive.split('=', 2).map((part) => part.trim());
    if (name.toLowerCase() !== 'max-age' || rawValue === undefined) continue;
    const value = rawValue.replace(/^"(.*)"$/, '$1');
    return /^\d+$/.test(value) ? Number(value) : undefined;
  }
  return undefined;
}
