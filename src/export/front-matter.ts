import { parse as parseYaml } from 'yaml';
import { ParseError } from '../shared/errors.ts';

export interface FrontMatterSplit {
  /** Fields in file order; empty when the file has no front matter. */
  fields: Record<string, unknown>;
  /** The text after the closing `---`. */
  body: string;
}

/**
 * Splits a leading YAML front matter block (`---` … `---` or `...`) from a Markdown text (already
 * LF-only). YAML 1.2 core schema: `pubDate: 2023-08-05` stays the string it was written as.
 * Throws ParseError MALFORMED when the block is not a YAML mapping or never closes.
 */
export function readFrontMatter(text: string): FrontMatterSplit {
  if (!/^---[ \t]*\n/.test(text)) return { fields: {}, body: text };
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(text.indexOf('\n') + 1);
  const match = close.exec(rest);
  if (!match) throw new ParseError('MALFORMED', 'front matter opened with --- but never closed');
  const yamlText = rest.slice(0, match.index);
  let fields: unknown;
  try {
    fields = parseYaml(yamlText) ?? {};
  } catch (error) {
    throw new ParseError('MALFORMED', `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  if (typeof fields !== 'object' || Array.isArray(fields) || fields === null) {
    throw new ParseError('MALFORMED', 'front matter must be a YAML mapping (key: value lines)');
  }
  const bodyStart = match.index + match[0].length + 1;
  return { fields: fields as Record<string, unknown>, body: rest.slice(bodyStart) };
}

/**
 * Writes front matter the way the weekly does: strings single-quoted (`title: 'Python 潮流周刊#14：…'`),
 * dates bare (`pubDate: 2023-08-05`), anything else as JSON (valid YAML flow syntax).
 */
export function formatFrontMatter(fields: Record<string, unknown>): string {
  const lines = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${/^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key)}: ${formatValue(value)}`);
  return ['---', ...lines, '---'].join('\n');
}

function formatValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, '');
  if (typeof value !== 'string') return JSON.stringify(value) ?? 'null';
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return value;
  if (/[\n\r]/.test(value)) return JSON.stringify(value);
  return `'${value.replace(/'/g, "''")}'`;
}
