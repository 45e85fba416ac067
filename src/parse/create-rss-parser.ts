import Parser from 'rss-parser';
import rssParserUtils from 'rss-parser/lib/utils.js';

/** The xml2js node an rss-parser item or feed was built from (for what rss-parser drops: xml:base, link rels, raw dates). */
export const RAW_NODE = Symbol('sift.rawNode');
/** The feed's root element as xml2js parsed it (`<rss>`, `<feed>`, `<rdf:RDF>`). */
export const ROOT_NODE = Symbol('sift.rootNode');
/** Which builder rss-parser chose. */
export const FEED_FORMAT = Symbol('sift.feedFormat');

export type XmlRecord = Record<string, unknown>;
export type RssParserItem = XmlRecord & { [RAW_NODE]?: XmlRecord };
export type RssParserFeed = XmlRecord & {
  items: RssParserItem[];
  [RAW_NODE]?: XmlRecord;
  [ROOT_NODE]?: XmlRecord;
  [FEED_FORMAT]?: 'rss' | 'atom' | 'rdf';
};

/**
 * Item fields rss-parser copies for us (xml2js values, arrays where `keepArray`). rss-parser applies
 * its own default item fields only to RSS, so the Dublin Core / content / comments ones are repeated
 * here for Atom entries.
 */
const ITEM_FIELDS = [
  ['content:encoded', 'content:encoded'],
  ['dc:creator', 'dc:creator'],
  ['dc:date', 'dc:date'],
  ['comments', 'comments'],
  ['media:thumbnail', 'mediaThumbnails', { keepArray: true }],
  ['media:content', 'mediaContents', { keepArray: true }],
  ['media:group', 'mediaGroups', { keepArray: true }],
  ['media:description', 'mediaDescription'],
  ['enclosure', 'enclosures', { keepArray: true }],
  ['feedburner:origLink', 'origLink'],
  ['yt:videoId', 'youtubeVideoId'],
  ['itunes:image', 'itunesImage'],
  ['itunes:duration', 'itunesDuration'],
];

const FEED_FIELDS = [['ttl', 'ttl']];

/** rss-parser's undocumented builder methods, which we wrap to harden. */
interface ParserInternals {
  buildAtomFeed(xml: XmlRecord): RssParserFeed;
  buildRSS0_9(xml: XmlRecord): RssParserFeed;
  buildRSS1(xml: XmlRecord): RssParserFeed;
  buildRSS2(xml: XmlRecord): RssParserFeed;
  parseItemAtom(entry: unknown): RssParserItem;
  parseItemRss(item: unknown, fields: unknown): RssParserItem;
}

/**
 * An rss-parser instance configured for sift, made once per module by its user (building xml2js
 * parsers per call is measurable when thousands of feeds are parsed).
 *
 * rss-parser crashes with a TypeError or RangeError, losing the whole feed, on shapes real feeds have:
 * an Atom `<link>` written as text, an unparseable Atom `<published>`, an `<rss>` or `<rdf:RDF>` with
 * no `<channel>`. Its builders are wrapped on this instance (nothing global is patched) to repair
 * those inputs first, and to tag each feed and item with the xml2js node it came from so the mapper
 * can read what rss-parser drops. Atom dates are read raw by the mapper, so they are removed before
 * rss-parser sees them.
 *
 * rss-parser also makes a plain-text snippet of every description, content and content:encoded
 * (regular expressions and an entity decoder over the whole text), which nothing here reads: the
 * item builders get the entry without its description (RSS) or content (Atom), whose text is then
 * read with rss-parser's own getContent, and fields without `includeSnippet`: about 7 % less to
 * parse the bench's feeds (bench/, case process).
 */
export function createRssParser(): Parser {
  const parser = new Parser({
    defaultRSS: 2,
    customFields: { item: ITEM_FIELDS, feed: FEED_FIELDS } as unknown as Parser.CustomFields<XmlRecord, XmlRecord>,
  });
  const internals = parser as unknown as ParserInternals;
  const original: ParserInternals = {
    buildAtomFeed: internals.buildAtomFeed.bind(parser),
    buildRSS0_9: internals.buildRSS0_9.bind(parser),
    buildRSS1: internals.buildRSS1.bind(parser),
    buildRSS2: internals.buildRSS2.bind(parser),
    parseItemAtom: internals.parseItemAtom.bind(parser),
    parseItemRss: internals.parseItemRss.bind(parser),
  };

  internals.buildAtomFeed = (xml) => {
    const root = repairTextLinks(toRecord(xml.feed));
    return tagFeed(original.buildAtomFeed({ feed: root }), 'atom', root, root);
  };
  for (const name of ['buildRSS0_9', 'buildRSS2'] as const) {
    internals[name] = (xml) => {
      const root = toRecord(xml.rss);
      // Items straight under <rss> with no <channel> (seen in hand-written feeds): the root is the channel.
      const channel = root.channel === undefined && root.item !== undefined ? root : toRecord(readFirst(root.channel));
      return tagFeed(original[name]({ rss: { ...root, channel: [channel] } }), 'rss', channel, root);
    };
  }
  internals.buildRSS1 = (xml) => {
    const root = toRecord(xml['rdf:RDF']);
    const channel = toRecord(readFirst(root.channel));
    return tagFeed(original.buildRSS1({ 'rdf:RDF': { ...root, channel: [channel] } }), 'rdf', channel, root);
  };
  internals.parseItemAtom = (entry) => {
    const node = toRecord(entry);
    const { published: _published, updated: _updated, content, ...safe } = node;
    const item = original.parseItemAtom(repairTextLinks(safe));
    if (Array.isArray(content) && content.length > 0) item.content = rssParserUtils.getContent(content[0]);
    item[RAW_NODE] = node;
    return item;
  };
  internals.parseItemRss = (entry, fields) => {
    const node = toRecord(entry);
    const { description, ...rest } = node;
    const item = original.parseItemRss(rest, withoutSnippets(fields));
    if (Array.isArray(description)) item.content = rssParserUtils.getContent(description[0]);
    item[RAW_NODE] = node;
    return item;
  };
  return parser;
}

/** rss-parser's item fields (a new list per feed) without their `includeSnippet` option. */
const fieldsWithoutSnippets = new WeakMap<object, unknown[]>();
function withoutSnippets(fields: unknown): unknown {
  if (!Array.isArray(fields)) return fields;
  let plain = fieldsWithoutSnippets.get(fields);
  if (!plain) {
    plain = fields.map((field) => (Array.isArray(field) && field[2]?.includeSnippet ? field.slice(0, 2) : field));
    fieldsWithoutSnippets.set(fields, plain);
  }
  return plain;
}

function tagFeed(feed: RssParserFeed, format: 'rss' | 'atom' | 'rdf', node: XmlRecord, root: XmlRecord): RssParserFeed {
  feed[FEED_FORMAT] = format;
  feed[RAW_NODE] = node;
  feed[ROOT_NODE] = root;
  return feed;
}

function readFirst(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** xml2js gives `''` or a bare string for an element without attributes or children. */
function toRecord(value: unknown): XmlRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as XmlRecord) : {};
}

/** Atom links written as text (`<link>http://…</link>`, seen in Atom 0.3-era feeds) become `href` links. */
function repairTextLinks(node: XmlRecord): XmlRecord {
  if (!Array.isArray(node.link)) return node;
  const links = node.link.flatMap((link: unknown) => {
    if (typeof link === 'string') return link.trim() === '' ? [] : [{ $: { href: link.trim() } }];
    const record = toRecord(link);
    if (record.$ !== undefined) return [record];
    return typeof record._ === 'string' && record._.trim() !== '' ? [{ $: { href: record._.trim() } }] : [];
  });
  return { ...node, link: links };
}
