import { ParseError } from '../shared/errors.ts';
import { createRssParser, type RssParserFeed } from './create-rss-parser.ts';
import { mapRssFeed } from './map-rss-feed.ts';
import { repairXml } from './repair-xml.ts';
import type { ParsedFeed } from './types.ts';
import { unprefixFeedElements } from './unprefix-feed-elements.ts';

/** One parser for the module: its xml2js instance is reset per document and holds no feed state. */
const rssParser = createRssParser();

const CONTROL_CHARACTERS = /[\x00-\x08\x0B\x0C\x0E-\x1F]/g;

const FEED_FORMATS: Record<string, ParsedFeed['format']> = { rss: 'rss', feed: 'atom', 'rdf:RDF': 'rdf' };

/**
 * Parses an RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 document whose root element is `root`.
 *
 * Feeds that prefix the RSS/Atom namespace are unprefixed first (see unprefixFeedElements). A strict
 * parse comes first; if the XML is not well-formed, the commonly recoverable errors are repaired
 * (see repairXml) and the parse retried once. Errors: NOT_A_FEED for another root element,
 * MALFORMED with the parser's reason and position otherwise. A feed root with nothing usable inside
 * (`<rss></rss>`) is an empty feed, not an error: the source exists, it just has no items.
 */
export async function parseXmlFeed(document: string, rootElement: string, where: string, feedUrl?: string): Promise<ParsedFeed> {
  const { text, root } = unprefixFeedElements(document, rootElement);
  const format = FEED_FORMATS[root];
  if (format === undefined) {
    throw new ParseError('NOT_A_FEED', `${where}: root element <${root}> is not <rss>, <feed> or <rdf:RDF>; not a feed`);
  }
  // Control characters are illegal anywhere in XML 1.0, yet sax lets them through into titles.
  const cleanText = text.replace(CONTROL_CHARACTERS, '');
  let output: RssParserFeed;
  try {
    output = await parseWithRssParser(cleanText);
  } catch (error) {
    if (isNotRecognised(error)) return { format, items: [] };
    if (!isSyntaxError(error)) throw toParseError(error, where);
    // Repairing is done only on failure: well-formed feeds (nearly all) pay nothing for it.
    const repaired = repairXml(cleanText);
    if (repaired === cleanText) throw toParseError(error, where);
    try {
      output = await parseWithRssParser(repaired);
    } catch {
      throw toParseError(error, where); // the original error says what is wrong with the document
    }
  }
  return mapRssFeed(output, feedUrl);
}

async function parseWithRssParser(text: string): Promise<RssParserFeed> {
  return (await rssParser.parseString(text)) as unknown as RssParserFeed;
}

/**
 * sax reports well-formedness errors as "reason\nLine: n\nColumn: n\nChar: c"; rss-parser says
 * "Unable to parse XML." when the root element never closed (a truncated document).
 */
function isSyntaxError(error: unknown): boolean {
  return error instanceof Error && (/\nLine: \d+/.test(error.message) || error.message === 'Unable to parse XML.');
}

/** rss-parser's verdict when the root holds nothing it can build on (e.g. `<rss>` with only whitespace). */
function isNotRecognised(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('Feed not recognized');
}

function toParseError(error: unknown, where: string): ParseError {
  const message = error instanceof Error ? error.message : String(error);
  if (!isSyntaxError(error)) {
    return new ParseError('MALFORMED', `${where}: unexpected feed structure: ${message.split('\n')[0]}`, { cause: error });
  }
  const position = message.match(/\nLine: (\d+)\nColumn: (\d+)/);
  const reason = message === 'Unable to parse XML.' ? 'the root element is never closed (truncated document?)' : message.split('\n')[0];
  // sax counts lines from 0.
  const at = position ? ` at line ${Number(position[1]) + 1}, column ${position[2]}` : '';
  return new ParseError('MALFORMED', `${where}: not well-formed XML: ${reason}${at}`, { cause: error });
}
