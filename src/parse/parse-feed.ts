import { ParseError } from '../shared/errors.ts';
import { findRootElement, hasOnlyProlog } from './find-root-element.ts';
import { parseJsonFeed } from './parse-json-feed.ts';
import { parseXmlFeed } from './parse-xml-feed.ts';
import { readHtmlPage } from './read-html-page.ts';
import type { ParsedFeed } from './types.ts';

export interface ParseFeedOptions {
  /** The URL the document came from: named in error messages, base for xml:base and HTML feed links. */
  url?: string;
}

/**
 * Parses a decoded feed document: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 (recognised by
 * a leading `{`).
 *
 * Never throws anything but ParseError, whose message never quotes the document's text (its
 * title, its first bytes): the answer may come from a service the operator would not publish, and
 * the message is shown on the sources page.
 * - EMPTY: nothing but whitespace, a prolog or comments;
 * - NOT_A_FEED: an HTML page (the message names its URL and the feed it advertises, also set as
 *   `alternateUrl`), XML with another root element, JSON that is not a JSON Feed;
 * - MALFORMED: XML that does not parse even after repairing common errors, invalid JSON, a JSON Feed
 *   of the wrong shape, or anything unexpected inside the parser.
 *
 * @example
 * const { text } = decodeBody(bytes, contentType);
 * const feed = await parseFeed(text, { url: 'https://example.com/feed.xml' });
 */
export async function parseFeed(text: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  const where = options.url ?? 'document';
  try {
    const body = text.replace(/^[\s\uFEFF]+/, '');
    if (hasOnlyProlog(body)) throw new ParseError('EMPTY', `${where}: the document is empty, there is no feed in it`);
    if (body.startsWith('{') || body.startsWith('[')) return parseJsonFeed(body, where);
    const root = findRootElement(body);
    if (root === undefined ? /^<!doctype\s+html/i.test(body) : HTML_ROOTS.has(root.toLowerCase())) {
      throw describeHtmlPage(body, options.url);
    }
    if (root === undefined) {
      throw new ParseError('MALFORMED', `${where}: not XML or JSON: no root element and no JSON object (plain text or another format)`);
    }
    return await parseXmlFeed(body, root, where, options.url);
  } catch (error) {
    if (error instanceof ParseError) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ParseError('MALFORMED', `${where}: could not read the feed: ${reason}`, { cause: error });
  }
}

const HTML_ROOTS = new Set(['html', 'head', 'body']);

function describeHtmlPage(html: string, pageUrl: string | undefined): ParseError {
  const page = readHtmlPage(html, pageUrl);
  const name = pageUrl === undefined ? '' : `at ${pageUrl}`;
  const advice = page.alternateUrl
    ? `it advertises a feed at ${page.alternateUrl}; use that URL instead`
    : 'it advertises no feed (no <link rel="alternate"> to RSS, Atom or JSON Feed)';
  return new ParseError('NOT_A_FEED', `HTML page ${name}${name ? ' ' : ''}is not a feed: ${advice}`, { alternateUrl: page.alternateUrl });
}
