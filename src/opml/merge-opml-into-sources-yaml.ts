import { isMap, isScalar, isSeq, parseDocument, stringify, type Node } from 'yaml';
import type { CategoryConfig, SourceKind } from '../config/schema.ts';
import { ConfigError } from '../shared/errors.ts';
import { parseHttpUrl } from '../shared/parse-http-url.ts';
import { guessSource, type SourceDefaults } from './guess-source.ts';
import { makeSourceId } from './make-source-id.ts';
import type { OpmlOutline } from './parse-opml.ts';

export interface NewSourceEntry {
  id: string;
  name: string;
  url: string;
  kind: SourceKind;
  lang: 'en' | 'zh';
  category: string;
}

export interface MergeOpmlResult {
  /** sources.yaml with the new sources appended; the original text is untouched byte for byte. */
  text: string;
  added: NewSourceEntry[];
  /** Feeds whose URL sources.yaml (or an earlier outline of the same file) already has. */
  present: Array<{ outline: OpmlOutline; id: string }>;
  invalid: Array<{ outline: OpmlOutline; reason: string }>;
}

export interface MergeOpmlOptions {
  defaults: SourceDefaults;
  /** Configured categories, to place feeds whose OPML folder names one. */
  categories?: readonly CategoryConfig[];
  /** A comment line written above the first added source, e.g. "imported from feeds.opml". */
  comment?: string;
}

/**
 * Adds the feeds of an OPML file to the text of a sources.yaml without disturbing it: comments,
 * order, quoting and line wrapping of what is there stay exactly as written, because the new
 * entries are spliced in as text after the last source (the yaml Document API locates it and
 * writes the values). Each new source gets a unique slug id and guessed kind, language and
 * category (see guessSource). A feed is `present` when its URL matches a source's up to scheme,
 * `www.`, a trailing slash and the fragment; `invalid` when its xmlUrl is missing or not http(s).
 *
 * Throws ConfigError when the YAML does not parse or `sources` is not a list.
 */
export function mergeOpmlIntoSourcesYaml(yamlText: string, outlines: readonly OpmlOutline[], options: MergeOpmlOptions): MergeOpmlResult {
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((error) => ({
        file: 'sources.yaml',
        line: error.linePos?.[0]?.line,
        message: `YAML syntax error: ${error.message.split('\n')[0]}`,
      })),
    );
  }
  const root = doc.contents;
  if (root !== null && !isMap(root))
    throw new ConfigError([{ file: 'sources.yaml', message: 'the top level must be a mapping (weekly:, sources:, …)' }]);
  const sourcesNode = root?.get('sources', true) as Node | undefined;
  if (sourcesNode !== undefined && !isSeq(sourcesNode) && !(isScalar(sourcesNode) && sourcesNode.value === null)) {
    throw new ConfigError([{ file: 'sources.yaml', message: 'sources must be a list of sources' }]);
  }

  const idByUrl = new Map<string, string>();
  const takenIds = new Set<string>();
  if (isSeq(sourcesNode)) {
    for (const item of sourcesNode.items) {
      if (!isMap(item)) continue;
      const id = item.get('id');
      const url = item.get('url');
      if (typeof id === 'string') takenIds.add(id);
      if (typeof url === 'string' && typeof id === 'string') idByUrl.set(feedKey(url) ?? url, id);
    }
  }

  const result: MergeOpmlResult = { text: yamlText, added: [], present: [], invalid: [] };
  for (const outline of outlines) {
    const key = outline.xmlUrl ? feedKey(outline.xmlUrl) : null;
    if (!outline.xmlUrl) {
      result.invalid.push({ outline, reason: 'no xmlUrl' });
    } else if (key === null) {
      result.invalid.push({ outline, reason: `xmlUrl must be http(s), got ${JSON.stringify(outline.xmlUrl)}` });
    } else if (idByUrl.has(key)) {
      result.present.push({ outline, id: idByUrl.get(key)! });
    } else {
      const id = makeSourceId(outline.title, outline.xmlUrl, takenIds);
      const entry: NewSourceEntry = {
        id,
        name: outline.title || outline.xmlUrl,
        url: outline.xmlUrl,
        ...guessSource(outline, options.categories ?? [], options.defaults),
      };
      takenIds.add(id);
      idByUrl.set(key, id);
      result.added.push(entry);
    }
  }
  if (result.added.length === 0) return result;

  result.text = spliceEntries(yamlText, isSeq(sourcesNode) ? sourcesNode : (sourcesNode ?? null), result.added, options.comment);
  return result;
}

/** Writes the entries as block-sequence items after the last source (or in place of an empty/flow `sources`). */
function spliceEntries(text: string, sourcesNode: Node | null, entries: NewSourceEntry[], comment: string | undefined): string {
  const lastItem = isSeq(sourcesNode) && !sourcesNode.flow ? sourcesNode.items.at(-1) : undefined;
  if (isSeq(sourcesNode) && !sourcesNode.flow && lastItem && (lastItem as Node).range && sourcesNode.range) {
    const indent = columnOf(text, sourcesNode.range[0]);
    const end = (lastItem as Node).range![1];
    const lineEnd = text[end - 1] === '\n' ? end : text.indexOf('\n', end) === -1 ? text.length : text.indexOf('\n', end) + 1;
    const before = text.slice(0, lineEnd) + (text.slice(0, lineEnd).endsWith('\n') ? '' : '\n');
    return before + formatEntries(entries, indent, comment) + text.slice(lineEnd);
  }
  const block = formatEntries(entries, 2, comment);
  if (sourcesNode?.range) {
    // `sources: []` or `sources:` with an explicit null: the list replaces the value.
    const [start, end] = sourcesNode.range;
    const head = text.slice(0, start).replace(/[ \t]*$/, '');
    return `${head}\n${block}${text.slice(end).replace(/^[ \t]*\n?/, '')}`;
  }
  const keyMatch = /^sources:[ \t]*(#.*)?$/m.exec(text);
  if (keyMatch) {
    const at = keyMatch.index + keyMatch[0].length;
    return `${text.slice(0, at)}\n${block}${text.slice(at).replace(/^\n/, '')}`;
  }
  return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}sources:\n${block}`;
}

function formatEntries(entries: NewSourceEntry[], indent: number, comment: string | undefined): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = comment ? [`${pad}# ${comment.replace(/\s+/g, ' ')}`] : [];
  for (const entry of entries) {
    const fields = Object.entries(entry).map(([key, value]) => `${key}: ${stringify(value, { lineWidth: 0 }).trimEnd()}`);
    lines.push(`${pad}- ${fields[0]}`, ...fields.slice(1).map((field) => `${pad}  ${field}`));
  }
  return `${lines.join('\n')}\n`;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The comparison key of a feed URL: scheme, `www.`, a trailing slash and the fragment do not matter. Null when not http(s). */
export function feedKey(url: string): string | null {
  const parsed = parseHttpUrl(url); // null (not an http(s) URL at all) is reported as invalid by the caller
  if (parsed === null) return null;
  const host = parsed.host.toLowerCase().replace(/^www\./, '');
  return `${host}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
}
