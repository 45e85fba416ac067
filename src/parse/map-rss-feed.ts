import { isUtf8 } from 'node:buffer';
import { FEED_FORMAT, RAW_NODE, ROOT_NODE, type RssParserFeed, type RssParserItem, type XmlRecord } from './create-rss-parser.ts';
import { readAttribute, readChild, readList, readText, readTrimmed } from './read-xml-node.ts';
import { resolveReference } from './resolve-reference.ts';
import { dedupeByUrl, readAtomEnclosures, readMedia, readRssEnclosures } from './read-enclosures.ts';
import type { ParsedFeed, ParsedItem } from './types.ts';

/**
 * Maps rss-parser's output (plus the raw xml2js nodes it was built from) to a ParsedFeed. Strings stay
 * as the feed wrote them; the only resolution done here is xml:base, which a later stage could not
 * recover. `feedUrl`, when given, is the base a relative xml:base is resolved against.
 */
export function mapRssFeed(feed: RssParserFeed, feedUrl?: string): ParsedFeed {
  const format = feed[FEED_FORMAT] ?? 'rss';
  const node = feed[RAW_NODE] ?? {};
  const root = feed[ROOT_NODE] ?? node;
  const declaredBase = readAttribute(node, 'xml:base') ?? readAttribute(root, 'xml:base');
  const baseUrl = declaredBase === undefined ? undefined : resolveReference(declaredBase, feedUrl);
  const ttl = Number.parseInt(readTrimmed(feed.ttl) ?? '', 10);
  const context: FeedContext = {
    isAtom: format === 'atom',
    baseUrl,
    author: format === 'atom' ? readTrimmed(readChild(node.author, 'name')) : undefined,
  };
  return {
    format,
    title: readTrimmed(feed.title),
    siteUrl: context.isAtom ? pickAtomLink(node.link) : pickRssLink(node),
    baseUrl,
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined,
    items: feed.items.map((item) => mapItem(item, context)),
  };
}

interface FeedContext {
  isAtom: boolean;
  baseUrl?: string;
  /** Atom: an entry without <author> inherits the feed's. */
  author?: string;
}

function mapItem(item: RssParserItem, context: FeedContext): ParsedItem {
  const node: XmlRecord = item[RAW_NODE] ?? {};
  const { isAtom } = context;
  const declaredBase = readAttribute(node, 'xml:base');
  const media = readMedia(item);
  const enclosures = dedupeByUrl([...(isAtom ? readAtomEnclosures(node.link) : readRssEnclosures(item.enclosures)), ...media.enclosures]);
  const imageEnclosures = enclosures.filter((enclosure) => enclosure.type?.startsWith('image/')).map((enclosure) => enclosure.url);
  const itunesImage = readAttribute(item.itunesImage, 'href') ?? readTrimmed(item.itunesImage);
  return {
    guid: readTrimmed(isAtom ? node.id : node.guid) ?? readAttribute(node, 'rdf:about'),
    title: isAtom ? readAtomText(node.title) : readText(node.title ?? node['dc:title']),
    link: isAtom ? pickAtomLink(node.link) : pickRssLink(node),
    origLink: readTrimmed(item.origLink),
    baseUrl: declaredBase === undefined ? context.baseUrl : resolveReference(declaredBase, context.baseUrl),
    contentHtml: readText(item['content:encoded']) ?? (isAtom ? readAtomText(node.content, item.content) : undefined),
    summaryHtml:
      (isAtom ? readAtomText(node.summary, item.summary) : (readText(item.content) ?? readText(item.summary))) ?? media.description,
    published: isAtom ? (readAtomDate(node) ?? readTrimmed(item['dc:date'])) : readRssDate(node),
    author: isAtom
      ? (readTrimmed(readChild(node.author, 'name')) ?? readTrimmed(node['dc:creator']) ?? context.author)
      : (readTrimmed(node['dc:creator']) ?? readTrimmed(node.author) ?? readTrimmed(node['itunes:author'])),
    commentsUrl: readTrimmed(item.comments),
    enclosures,
    thumbnails: dedupe([...media.thumbnails, ...(itunesImage ? [itunesImage] : []), ...imageEnclosures]),
    youtubeVideoId: readTrimmed(item.youtubeVideoId),
    duration: readTrimmed(item.itunesDuration),
  };
}

/**
 * An Atom text construct. Base64 is decoded: Atom 0.3 `mode="base64"`, or Atom 1.0 content whose
 * type is a MIME type that is neither text nor XML (RFC 4287 §4.1.3.3), when it decodes to UTF-8 text.
 * Otherwise `built` (rss-parser's reading, which serialises xhtml markup) is preferred to the raw text.
 */
function readAtomText(node: unknown, built?: unknown): string | undefined {
  const mode = readAttribute(node, 'mode')?.toLowerCase();
  const type = readAttribute(node, 'type')?.toLowerCase();
  const isBase64 = mode === 'base64' || (type !== undefined && type.includes('/') && !type.startsWith('text/') && !type.includes('xml'));
  const raw = readText(built) ?? readText(node);
  if (!isBase64 || raw === undefined || !/^[A-Za-z0-9+/=\s]+$/.test(raw)) return raw;
  const decoded = Buffer.from(raw, 'base64');
  // A custom type on plain text (`type="application/x-custom">test<`) is not base64: keep the text.
  return isUtf8(decoded) ? decoded.toString('utf8') : raw;
}

/** RSS `<link>`: the first non-blank text; an Atom-style `href` link if that is all there is. */
function pickRssLink(node: XmlRecord): string | undefined {
  const links = readList(node.link);
  for (const link of links) {
    const text = readTrimmed(link);
    if (text !== undefined) return text;
  }
  for (const link of [...links, ...readList(node['atom:link'])]) {
    const rel = readAttribute(link, 'rel');
    const href = readAttribute(link, 'href');
    if (href !== undefined && (rel === undefined || rel === 'alternate')) return href.trim();
  }
  return undefined;
}

/**
 * Atom: the `alternate` link (rel absent means alternate), HTML first; failing that, any link that
 * is not self/enclosure/edit. A link's own xml:base is applied, since nothing later could.
 */
function pickAtomLink(links: unknown): string | undefined {
  const candidates = readList(links).map((link) => ({
    rel: readAttribute(link, 'rel')?.toLowerCase() ?? 'alternate',
    type: readAttribute(link, 'type')?.toLowerCase(),
    // `<link>https://…</link>`, as some Atom 0.3-era feeds write it.
    href: readAttribute(link, 'href') ?? (readAttribute(link, 'rel') === undefined ? readTrimmed(link) : undefined),
    base: readAttribute(link, 'xml:base'),
  }));
  const usable = candidates.filter((link) => link.href !== undefined);
  const alternates = usable.filter((link) => link.rel === 'alternate');
  const chosen =
    alternates.find((link) => link.type === undefined || link.type.includes('html')) ??
    alternates[0] ??
    usable.find((link) => !['self', 'enclosure', 'edit', 'edit-media', 'license', 'hub'].includes(link.rel));
  if (chosen === undefined) return undefined;
  return chosen.base === undefined ? chosen.href!.trim() : resolveReference(chosen.href, chosen.base);
}

/** Atom 1.0 published/updated, Atom 0.3 issued/modified/created: the publication date first. */
function readAtomDate(node: XmlRecord): string | undefined {
  for (const name of ['published', 'issued', 'created', 'updated', 'modified']) {
    const value = readTrimmed(node[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

function readRssDate(node: XmlRecord): string | undefined {
  for (const name of ['pubDate', 'dc:date', 'atom:published', 'atom:updated', 'published', 'updated']) {
    const value = readTrimmed(node[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

function dedupe(values: string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))];
}
