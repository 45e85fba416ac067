import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isNode, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../shared/errors.ts';
import { sourceSchema, sourcesFileSchema, type SourceConfig, type SourcesConfig } from './schema.ts';

/** Reads and validates a sources.yaml; throws ConfigError listing every problem with its line. */
export async function loadSources(file: string): Promise<SourcesConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError([{ file, message: `cannot read the sources file: ${(error as Error).message}` }]);
  }
  return parseSources(text, file);
}

/**
 * Validates the text of a sources.yaml. Every problem is collected before failing, so one run of
 * `sift sources check` shows them all: YAML syntax (line and column), schema errors, duplicate ids
 * and URLs, unknown categories.
 */
export function parseSources(text: string, file: string): SourcesConfig {
  const name = path.basename(file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const problems: ConfigProblem[] = [];
  const lineOf = (node: unknown): number | undefined =>
    isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;

  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const [start] = error.linePos ?? [];
      problems.push({ file: name, line: start?.line, column: start?.col, message: `YAML syntax error: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, "")}` });
    }
    throw new ConfigError(problems);
  }

  const top = sourcesFileSchema.safeParse(doc.toJS() ?? {}, { reportInput: true });
  if (!top.success) {
    for (const issue of top.error.issues) {
      if (issue.path[0] === 'sources' && issue.path.length > 1) continue;
      const keyPath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
      problems.push({ file: name, line: lineOf(nodeAt(doc, keyPath)), message: describeIssue(issue) });
    }
    throw new ConfigError(problems);
  }
  const { weekly, defaults, classify } = top.data;
  const categoryIds = new Set(weekly.categories.map((category) => category.id));

  const seenCategories = new Set<string>();
  weekly.categories.forEach((category, index) => {
    if (seenCategories.has(category.id)) {
      problems.push({ file: name, line: lineOf(nodeAt(doc, ['weekly', 'categories', index])), message: `duplicate category id "${category.id}"` });
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

  const sources: SourceConfig[] = [];
  const firstById = new Map<string, number>();
  const firstByUrl = new Map<string, { id: string; line?: number }>();
  top.data.sources.forEach((raw, index) => {
    const line = lineOf(nodeAt(doc, ['sources', index]));
    const at = (key: PropertyKey) => lineOf(nodeAt(doc, ['sources', index, key])) ?? line;
    const field = (key: string) => (isRecord(raw) && typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
    const rawId = field('id');
    const sourceProblems: ConfigProblem[] = [];
    const parsed = sourceSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0];
        sourceProblems.push({ file: name, line: key === undefined ? line : at(key), sourceId: rawId, message: describeIssue(issue) });
      }
    }
    const category = field('category');
    if (category !== undefined && !categoryIds.has(category)) {
      sourceProblems.push({ file: name, line: at('category'), sourceId: rawId, message: `unknown category "${category}" (known: ${[...categoryIds].join(', ')})` });
    }
    if (rawId !== undefined) {
      const earlierLine = firstById.get(rawId);
      if (earlierLine !== undefined) {
        sourceProblems.push({ file: name, line: at('id'), sourceId: rawId, message: `duplicate id (first defined at line ${earlierLine})` });
      } else {
        firstById.set(rawId, at('id') ?? 0);
      }
    }
    const url = field('url')?.trim();
    if (url !== undefined) {
      const earlier = firstByUrl.get(url);
      if (earlier) {
        sourceProblems.push({ file: name, line: at('url'), sourceId: rawId, message: `duplicate url ${url} (also source "${earlier.id}" at line ${earlier.line})` });
      } else {
        firstByUrl.set(url, { id: rawId ?? '?', line: at('url') });
      }
    }
    problems.push(...sourceProblems);
    if (!parsed.success || sourceProblems.length > 0) return;
    const source = parsed.data;
    sources.push({ ...source, interval: source.interval ?? defaults.interval, timeout: source.timeout ?? defaults.timeout, line });
  });

  if (problems.length > 0) throw new ConfigError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  return Object.freeze({ file, weekly, defaults, classify, sources });
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
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
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
