import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';
import { ParseError } from '../shared/errors.ts';

/** One feed of an OPML subscription list. */
export interface OpmlOutline {
  /** `text` (what readers display), else `title`, else the feed URL. */
  title: string;
  /** '' when the outline had none (reported as invalid on import). */
  xmlUrl: string;
  htmlUrl?: string;
  /** Folder names from the outermost in, or the first `category="/a/b"` path when not nested. */
  categoryPath: string[];
  /** `language` attribute as written (`en`, `zh-CN`). */
  language?: string;
  /** `type` attribute lowercased (`rss`, `atom`…). */
  type?: string;
  /** Every slash path of the OPML 2.0 `category` attribute (`/Python/Blogs,/Tags`). */
  categories: string[];
}

/**
 * Reads the feeds of an OPML document, 1.0 or 2.0, as feed readers export them: folders are
 * outlines without `xmlUrl` holding other outlines, at any depth; attribute names are matched
 * without regard to case (`xmlurl` exists in the wild); entities in attributes are decoded (XML's
 * and HTML's, so `&nbsp;` from sloppy exporters reads too). An outline with a feed `type` or an
 * `htmlUrl` but no `xmlUrl` is returned with `xmlUrl: ''` so the caller can report it; an empty
 * outline with neither is an empty folder and skipped.
 *
 * Throws ParseError MALFORMED when there is no `<opml>` root with a `<body>`.
 */
export function parseOpml(xml: string): OpmlOutline[] {
  const outlines: OpmlOutline[] = [];
  const stack: Array<{ name?: string; attributes?: Record<string, string>; hasChildren: boolean }> = [];
  let hasRoot = false;
  let hasBody = false;

  const parser = new Parser(
    {
      onopentag(tagName, rawAttributes) {
        const name = tagName.toLowerCase();
        if (name === 'opml') hasRoot = true;
        if (name === 'body') hasBody = true;
        if (name !== 'outline') return;
        const attributes = decodeAttributes(rawAttributes);
        const parent = stack.at(-1);
        if (parent) parent.hasChildren = true;
        const folderName = attributes.text || attributes.title || '';
        stack.push({ name: attributes.xmlurl ? undefined : folderName, attributes, hasChildren: false });
      },
      onclosetag(tagName) {
        if (tagName.toLowerCase() !== 'outline') return;
        const node = stack.pop();
        if (!node?.attributes) return;
        const attributes = node.attributes;
        const isFeed =
          Boolean(attributes.xmlurl) ||
          (!node.hasChildren && (Boolean(attributes.htmlurl) || /^(rss|atom|feed)$/i.test(attributes.type ?? '')));
        if (!isFeed) return;
        const folders = stack.map((entry) => entry.name).filter((name): name is string => Boolean(name));
        const categories = (attributes.category ?? '')
          .split(',')
          .map((path) => path.trim())
          .filter(Boolean);
        const xmlUrl = (attributes.xmlurl ?? '').trim();
        const outline: OpmlOutline = {
          title: (attributes.text || attributes.title || xmlUrl).replace(/\s+/g, ' ').trim(),
          xmlUrl,
          categoryPath:
            folders.length > 0
              ? folders
              : (categories[0]
                  ?.split('/')
                  .map((part) => part.trim())
                  .filter(Boolean) ?? []),
          categories,
        };
        if (attributes.htmlurl?.trim()) outline.htmlUrl = attributes.htmlurl.trim();
        if (attributes.language?.trim()) outline.language = attributes.language.trim();
        if (attributes.type?.trim()) outline.type = attributes.type.trim().toLowerCase();
        outlines.push(outline);
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.write(xml.replace(/^\uFEFF/, ''));
  parser.end();
  if (!hasRoot || !hasBody) throw new ParseError('MALFORMED', 'not an OPML file: no <opml> root with a <body>');
  return outlines;
}

function decodeAttributes(raw: Record<string, string>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) attributes[name.toLowerCase()] = decodeHTML(value);
  return attributes;
}
