/** Namespaces whose elements rss-parser expects unprefixed. */
const FEED_NAMESPACES = new Set([
  'http://purl.org/rss/1.0/',
  'http://my.netscape.com/rdf/simple/0.9/',
  'http://backend.userland.com/rss2',
  'http://blogs.law.harvard.edu/tech/rss',
  'http://www.w3.org/2005/Atom',
  'http://purl.org/atom/ns#',
]);

/**
 * rss-parser matches element names as written, so a feed that binds the RSS or Atom namespace to a
 * prefix (`<atom:feed xmlns:atom=…>`, `<r:rss>`, RSS 1.0 `<rss:item>` inside `<rdf:RDF>`) looks empty
 * or unrecognised to it. When the root element, or for RDF the channel/items, use such a prefix,
 * the prefix is dropped from every tag (only from tags, so text and attribute values are untouched).
 * Feeds that merely use `atom:link` inside RSS keep their prefix: there the root is plain `<rss>`.
 *
 * Returns the text and root name to parse with (unchanged when nothing applies).
 */
export function unprefixFeedElements(text: string, root: string): { text: string; root: string } {
  const separator = root.indexOf(':');
  const prefixes =
    root === 'rdf:RDF'
      ? findFeedPrefixes(text).filter((prefix) => new RegExp(`<${prefix}:(?:channel|item)[\\s>/]`).test(text))
      : separator > 0 && findFeedPrefixes(text).includes(root.slice(0, separator))
        ? [root.slice(0, separator)]
        : [];
  if (prefixes.length === 0) return { text, root };
  const tagPrefix = new RegExp(`<(/?)(?:${prefixes.map(escapeRegExp).join('|')}):`, 'g');
  return { text: text.replace(tagPrefix, '<$1'), root: root === 'rdf:RDF' ? root : root.slice(separator + 1) };
}

function findFeedPrefixes(text: string): string[] {
  const prefixes: string[] = [];
  for (const match of text.matchAll(/\sxmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)) {
    if (FEED_NAMESPACES.has(match[2].trim())) prefixes.push(match[1]);
  }
  return prefixes;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
