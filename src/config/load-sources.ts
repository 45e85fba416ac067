import path from 'node:path';
import { isMap, isNode, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../shared/errors.ts';
import { sourceSchema, sourcesFileSchema, type DefaultsConfig, type SourceConfig, type SourcesConfig } from './schema.ts';
import { readSourcesText } from './read-sources-text.ts';
import { splitSourceList } from './split-source-list.ts';

/** Reads and validates a sources.yaml; throws ConfigError listing every problem with its line. */
export async function loadSources(file: string): Promise<SourcesConfig> {
  return parseSources(await readSourcesText(file), file);
}

/** Sources per separately parsed chunk: ~1 MB of YAML nodes at a time, short-lived enough that the young generation collects them (500 left twice the peak, bench/ case scale). */
const CHUNK_ITEMS = 100;

/**
 * Validates the text of a sources.yaml. Every problem is collected before failing, so one run of
 * `sift sources check` shows them all: YAML syntax (line and column), schema errors, duplicate ids
 * and URLs, unknown categories.
 *
 * A valid file is read a chunk of sources at a time (parseInChunks), which keeps a file of 10,000
 * sources to a few MB of YAML nodes instead of 100 MB; anything that is not plainly valid that
 * way is read again as one document, which is what reports the problems and their lines.
 */
export function parseSources(text: string, file: string): SourcesConfig {
  return parseInChunks(text, file) ?? parseWhole(text, file);
}

/** A parsed YAML text and how to turn its nodes' offsets into line numbers of the file. */
interface ParsedYaml {
  doc: Document;
  lineOf(node: unknown): number | undefined;
}

function parseYaml(text: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  return { doc, lineOf: (node) => (isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line + lineOffset : undefined) };
}

/** What each source is checked against, and the ids and URLs seen so far. */
interface SourceContext {
  name: string;
  categoryIds: Set<string>;
  defaults: DefaultsConfig;
  firstById: Map<string, number>;
  firstByUrl: Map<string, { id: string; line?: number }>;
}

type SourcesFile = z.output<typeof sourcesFileSchema>;

function parseWhole(text: string, file: string): SourcesConfig {
  const name = path.basename(file);
  const { doc, lineOf } = parseYaml(text);
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((error) => {
        const [start] = error.linePos ?? [];
        return {
          file: name,
          line: start?.line,
          column: start?.col,
          message: `YAML syntax error: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
        };
      }),
    );
  }

  const { top, problems } = checkTopLevel(doc, lineOf, name);
  if (!top) throw new ConfigError(problems);
  const context = newSourceContext(name, top);
  const sources: SourceConfig[] = [];
  top.sources.forEach((raw, index) => {
    const line = lineOf(nodeAt(doc, ['sources', index]));
    const checked = checkSource(raw, line, (key) => lineOf(nodeAt(doc, ['sources', index, key])) ?? line, context);
    problems.push(...checked.problems);
    if (checked.source) sources.push(checked.source);
  });

  if (problems.length > 0) throw new ConfigError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  return Object.freeze({ file, weekly: top.weekly, defaults: top.defaults, classify: top.classify, sources });
}

/**
 * The same checks as parseWhole on the head and the chunks of splitSourceList, each parsed
 * alone; undefined as soon as anything is off (the split does not fit, a piece has a YAML error
 * or warning, an alias points into another piece, any problem at all), so parseWhole reads the
 * file again and reports exactly what it always did.
 */
function parseInChunks(text: string, file: string): SourcesConfig | undefined {
  const split = splitSourceList(text, CHUNK_ITEMS);
  if (!split) return undefined;
  const name = path.basename(file);
  const head = parseYaml(split.head);
  if (hasTrouble(head.doc) || !isMap(head.doc.contents)) return undefined;
  const sourcesPair = head.doc.contents.items.find((pair) => isNode(pair.key) && (pair.key as { value?: unknown }).value === 'sources');
  if (head.lineOf(sourcesPair?.key) !== split.keyLine + 1) return undefined;
  const { top, problems } = checkTopLevel(head.doc, head.lineOf, name);
  if (!top || problems.length > 0 || top.sources.length > 0) return undefined;

  const context = newSourceContext(name, top);
  const sources: SourceConfig[] = [];
  for (const chunk of split.chunks) {
    const { doc, lineOf } = parseYaml(chunk.text, chunk.lineOffset);
    if (hasTrouble(doc) || !isSeq(doc.contents) || doc.contents.items.length !== chunk.itemCount) return undefined;
    let raws: unknown[];
    try {
      raws = doc.toJS() as unknown[];
    } catch {
      return undefined; // an alias to an anchor in another piece: parseWhole resolves it, or reports it
    }
    for (const [index, raw] of raws.entries()) {
      const line = lineOf(nodeAt(doc, [index]));
      const checked = checkSource(raw, line, (key) => lineOf(nodeAt(doc, [index, key])) ?? line, context);
      if (!checked.source) return undefined;
      sources.push(checked.source);
    }
  }
  return Object.freeze({ file, weekly: top.weekly, defaults: top.defaults, classify: top.classify, sources });
}

function hasTrouble(doc: Document): boolean {
  return doc.errors.length > 0 || doc.warnings.length > 0;
}

/** The file's schema, duplicate categories and classify rules' categories; `top` is undefined when the schema fails. */
function checkTopLevel(doc: Document, lineOf: ParsedYaml['lineOf'], name: string): { top?: SourcesFile; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (error) {
    // yaml refuses aliases that would blow the document up (more than 100 uses of one anchor)
    return { problems: [{ file: name, message: `YAML: ${(error as Error).message}` }] };
  }
  let parsed = sourcesFileSchema.safeParse(value ?? {}, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'sources' && issue.path.length > 1) continue;
      const keyPath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
      problems.push({ file: name, line: lineOf(nodeAt(doc, keyPath)), message: describeIssue(issue) });
    }
    // an unknown top-level key is reported, and must not hide what else is wrong: read the rest without it
    const isOnlyUnknownKeys = parsed.error.issues.every((issue) => issue.code === 'unrecognized_keys' && issue.path.length === 0);
    if (isOnlyUnknownKeys) parsed = sourcesFileSchema.strip().safeParse(value ?? {}, { reportInput: true });
    if (!parsed.success) return { problems };
  }
  const { weekly, classify } = parsed.data;
  const categoryIds = new Set(weekly.categories.map((category) => category.id));
  const seenCategories = new Set<string>();
  weekly.categories.forEach((category, index) => {
    if (seenCategories.has(category.id)) {
      problems.push({
        file: name,
        line: lineOf(nodeAt(doc, ['weekly', 'categories', index])),
        message: `duplicate category id "${category.id}"`,
      });
    }
    seenCategories.add(category.id);
  });
  classify.forEach((rule, index) => {
    if (!categoryIds.has(rule.category)) {
      problems.push({
        file: name,
        line: lineOf(nodeAt(doc, ['classify', index, 'category'])),
        message: `classify rule: unknown category "${rule.category}" (known: ${[...categoryIds].join(', ')})`,
      });
    }
  });
  return { top: parsed.data, problems };
}

function newSourceContext(name: string, top: SourcesFile): SourceContext {
  return {
    name,
    categoryIds: new Set(top.weekly.categories.map((category) => category.id)),
    defaults: top.defaults,
    firstById: new Map(),
    firstByUrl: new Map(),
  };
}

/**
 * One entry of `sources`: its schema, category, and id and URL against the earlier entries
 * (recorded in `context`). `at(key)` is the line of one of its keys. The source, with the
 * defaults applied, comes back only when there is no problem.
 */
function checkSource(
  raw: unknown,
  line: number | undefined,
  at: (key: PropertyKey) => number | undefined,
  context: SourceContext,
): { source?: SourceConfig; problems: ConfigProblem[] } {
  const { name, categoryIds, defaults, firstById, firstByUrl } = context;
  const field = (key: string) => (isRecord(raw) && typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
  const rawId = field('id');
  const problems: ConfigProblem[] = [];
  const parsed = sourceSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0];
      problems.push({ file: name, line: key === undefined ? line : at(key), sourceId: rawId, message: describeIssue(issue) });
    }
  }
  const category = field('category');
  if (category !== undefined && !categoryIds.has(category)) {
    problems.push({
      file: name,
      line: at('category'),
      sourceId: rawId,
      message: `unknown category "${category}" (known: ${[...categoryIds].join(', ')})`,
    });
  }
  if (rawId !== undefined) {
    const earlierLine = firstById.get(rawId);
    if (earlierLine !== undefined) {
      problems.push({ file: name, line: at('id'), sourceId: rawId, message: `duplicate id (first defined at line ${earlierLine})` });
    } else {
      firstById.set(rawId, at('id') ?? 0);
    }
  }
  const url = field('url')?.trim();
  if (url !== undefined) {
    const earlier = firstByUrl.get(url);
    if (earlier) {
      problems.push({
        file: name,
        line: at('url'),
        sourceId: rawId,
        message: `duplicate url ${url} (also source "${earlier.id}" at line ${earlier.line})`,
      });
    } else {
      firstByUrl.set(url, { id: rawId ?? '?', line: at('url') });
    }
  }
  if (!parsed.success || problems.length > 0) return { problems };
  const source = parsed.data;
  return {
    source: { ...source, interval: source.interval ?? defaults.interval, timeout: source.timeout ?? defaults.timeout, line },
    problems,
  };
}

function nodeAt(doc: Document, keys: ReadonlyArray<PropertyKey>): Node | undefined {
  let node: unknown = doc.contents;
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === key);
      if (!pair) return isNode(node) ? node : undefined;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else {
      break;
    }
  }
  return isNode(node) ? node : undefined;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.filter((key) => typeof key !== 'number').at(-1);
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `${String(field ?? 'value')} must be one of ${issue.values.join(' | ')}, got ${JSON.stringify(issue.input)}`;
  }
  const message = issue.message;
  return field !== undefined && !message.startsWith(String(field)) ? `${String(field)}: ${message}` : message;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
