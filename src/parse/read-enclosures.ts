/** Enclosures and images of an item: RSS <enclosure>, Atom rel="enclosure" links, Media RSS. */
import type { RssParserItem } from './create-rss-parser.ts';
import { readAttribute, readChild, readList, readText } from './read-xml-node.ts';
import type { ParsedEnclosure } from './types.ts';

export function readAtomEnclosures(links: unknown): ParsedEnclosure[] {
  return readList(links)
    .filter((link) => readAttribute(link, 'rel')?.toLowerCase() === 'enclosure')
    .flatMap((link) => toEnclosure(readAttribute(link, 'href'), readAttribute(link, 'type'), readAttribute(link, 'length')));
}

export function readRssEnclosures(enclosures: unknown): ParsedEnclosure[] {
  return readList(enclosures).flatMap((enclosure) =>
    toEnclosure(readAttribute(enclosure, 'url'), readAttribute(enclosure, 'type'), readAttribute(enclosure, 'length')),
  );
}

function toEnclosure(url: string | undefined, type: string | undefined, length: string | undefined): ParsedEnclosure[] {
  if (url === undefined) return [];
  const bytes = Number.parseInt(length ?? '', 10);
  return [{ url: url.trim(), type: type?.trim() || undefined, length: Number.isFinite(bytes) && bytes >= 0 ? bytes : undefined }];
}

/**
 * Media RSS: thumbnails from media:thumbnail (top level or in media:group); media:content is an image
 * (→ thumbnail) or a playable file (→ enclosure) depending on its medium/type; media:description is
 * the summary of last resort.
 */
export function readMedia(item: RssParserItem): { thumbnails: string[]; enclosures: ParsedEnclosure[]; description?: string } {
  const groups = readList(item.mediaGroups);
  const thumbnailNodes = [...readList(item.mediaThumbnails), ...groups.flatMap((group) => readList(readChild(group, 'media:thumbnail')))];
  const contentNodes = [...readList(item.mediaContents), ...groups.flatMap((group) => readList(readChild(group, 'media:content')))];
  const thumbnails = thumbnailNodes.flatMap((node) => readAttribute(node, 'url') ?? []);
  const enclosures: ParsedEnclosure[] = [];
  for (const node of contentNodes) {
    const url = readAttribute(node, 'url');
    if (url === undefined) continue;
    const type = readAttribute(node, 'type');
    const medium = readAttribute(node, 'medium')?.toLowerCase();
    if (medium === 'image' || type?.toLowerCase().startsWith('image/')) thumbnails.push(url);
    else enclosures.push(...toEnclosure(url, type, readAttribute(node, 'fileSize')));
  }
  // YouTube puts an entry's only description in media:group/media:description.
  const description =
    readText(item.mediaDescription) ?? groups.map((group) => readText(readChild(group, 'media:description'))).find(Boolean);
  return { thumbnails: thumbnails.map((url) => url.trim()), enclosures, description };
}

/** The first enclosure per URL (feeds repeat one file in <enclosure> and media:content). */
export function dedupeByUrl(enclosures: ParsedEnclosure[]): ParsedEnclosure[] {
  const seen = new Set<string>();
  return enclosures.filter((enclosure) => !seen.has(enclosure.url) && seen.add(enclosure.url));
}
