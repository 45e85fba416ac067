import { SOURCE_KINDS } from '../config/schema.ts';

/** What an OPML export needs of a source (a SourceConfig or a sources row fits). */
export interface OpmlSource {
  id: string;
  name: string;
  url: string;
  kind: string;
  lang: string;
  category: string;
}

export interface RenderOpmlOptions {
  /** `<head><title>`; default "sift sources". */
  title?: string;
  /** `<head><dateCreated>` (RFC 822); left out when not given, so the output is reproducible. */
  dateCreated?: Date;
}

/**
 * Writes sources as an OPML 2.0 subscription list any feed reader imports: one folder per kind
 * (in SOURCE_KINDS order, unknown kinds after), sources by name inside. Each feed carries
 * `language` and a `category="/<category id>"` so importing the file back restores kind, language
 * and category. Every attribute is XML-escaped; characters XML 1.0 forbids are dropped.
 */
export function renderOpml(sources: readonly OpmlSource[], options: RenderOpmlOptions = {}): string {
  const kinds = [...new Set(sources.map((source) => source.kind))].sort((a, b) => kindOrder(a) - kindOrder(b) || a.localeCompare(b));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(options.title ?? 'sift sources')}</title>`,
  ];
  if (options.dateCreated) lines.push(`    <dateCreated>${options.dateCreated.toUTCString()}</dateCreated>`);
  lines.push('  </head>', '  <body>');
  for (const kind of kinds) {
    lines.push(`    <outline text="${escapeXml(kind)}" title="${escapeXml(kind)}">`);
    const members = sources
      .filter((source) => source.kind === kind)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    for (const source of members) {
      const attributes = [
        ['type', 'rss'],
        ['text', source.name],
        ['title', source.name],
        ['xmlUrl', source.url],
        ['language', source.lang],
        ['category', `/${source.category}`],
      ];
      lines.push(`      <outline ${attributes.map(([name, value]) => `${name}="${escapeXml(value!)}"`).join(' ')}/>`);
    }
    lines.push('    </outline>');
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

function kindOrder(kind: string): number {
  const index = (SOURCE_KINDS as readonly string[]).indexOf(kind);
  return index < 0 ? SOURCE_KINDS.length : index;
}

/** Escapes text for an XML attribute or element; drops characters XML 1.0 cannot carry at all. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
