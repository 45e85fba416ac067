import { Parser } from 'htmlparser2';
import { resolveReference } from './resolve-reference.ts';

export interface HtmlPageInfo {
  /** The first feed the page advertises with `<link rel="alternate" type="…">`, absolute when a base is known. */
  alternateUrl?: string;
}

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/rdf+xml']);

/**
 * Reads what a feed URL that serves a web page can tell us: the feed it advertises (feed
 * autodiscovery). Only the `<head>` is read when it can be found: pages can be large, the links
 * live there. `<base href>` is honoured, as browsers do. The title is not read: error messages
 * never quote a response's text.
 */
export function readHtmlPage(html: string, pageUrl?: string): HtmlPageInfo {
  const headEnd = html.search(/<\/head\s*>/i);
  const head = headEnd === -1 ? html : html.slice(0, headEnd);
  let baseHref: string | undefined;
  const candidates: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'base' && attributes.href && baseHref === undefined) baseHref = attributes.href;
        if (name !== 'link' || !attributes.href) return;
        const rels = (attributes.rel ?? '').toLowerCase().split(/\s+/);
        const type = (attributes.type ?? '').toLowerCase().split(';')[0].trim();
        if (rels.includes('alternate') && FEED_TYPES.has(type)) candidates.push(attributes.href);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(head);
  parser.end();
  const base = resolveReference(baseHref, pageUrl) ?? pageUrl;
  return {
    alternateUrl: candidates.length > 0 ? resolveReference(candidates[0], base) : undefined,
  };
}
