import { Parser } from 'htmlparser2';
import { resolveUrl } from './resolve-url.ts';

/** Images that feed services inject into items: share buttons, comment counters, pixels. */
const WIDGET_IMAGE =
  /^https?:\/\/(feeds\.feedburner\.com|feeds\.wordpress\.com|stats\.wordpress\.com|pixel\.wp\.com|[^/]*\.feedsportal\.com|feedads\.g\.doubleclick\.net)\//i;

/**
 * The first real image in an HTML fragment, resolved against `bases` (see resolveUrl). Skips what
 * is not a picture of the article: `data:` placeholders (the lazy-loaded URL in `data-src` is used
 * instead), non-http sources, 1×1 tracking pixels, and the share buttons and counters that
 * FeedBurner and WordPress.com append to every item.
 */
export function findFirstImage(html: string, bases: Array<string | undefined>): string | null {
  // htmlparser2 only opens tags written `<img`: without one there is nothing to find, and parsing is the cost.
  if (!/<img/i.test(html)) return null;
  let found: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (found !== null || name !== 'img' || isTrackingPixel(attributes)) return;
        for (const candidate of [attributes.src, attributes['data-src'], attributes['data-original']]) {
          const resolved = resolveUrl(candidate, bases);
          if (resolved && !WIDGET_IMAGE.test(resolved)) {
            found = resolved;
            parser.pause(); // the rest of the document cannot change the answer
            return;
          }
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

function isTrackingPixel(attributes: Record<string, string>): boolean {
  return attributes.width === '1' || attributes.height === '1' || attributes.width === '0' || attributes.height === '0';
}
