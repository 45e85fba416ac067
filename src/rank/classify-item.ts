import type { ClassifyRule } from '../config/schema.ts';
import { BUILTIN_RULES } from './builtin-classify-rules.ts';
import { readUrlShape, type UrlShape } from './read-url-shape.ts';

export interface ClassifyInput {
  url: string;
  title?: string;
  /** Category of the source that carried the item (sources.yaml `category`). */
  sourceCategory?: string | null;
  /** Kind of that source (`podcast`, `video`, `digest`…). */
  sourceKind?: string | null;
  /** 'audio' / 'video' from the feed's enclosure. */
  mediaKind?: string | null;
  /** The curator's category from a decision: always wins when it names a configured category. */
  override?: string | null;
  /** `url` already taken apart (readUrlShape), when the caller needs the shape too: a week's links are parsed once. */
  shape?: UrlShape | null;
}

export interface Classification {
  category: string;
  /** Which step decided, for the review UI and `sift classify`: `override`, `config:2`, `builtin:github`, `source`, `default`. */
  rule: string;
}

/** The configuration classifyItem reads: the configured categories and the sources.yaml `classify` rules. */
export interface ClassifySettings {
  categories: ReadonlyArray<{ id: string }>;
  rules: readonly ClassifyRule[];
}

/** Builds ClassifySettings from a loaded sources.yaml. */
export function readClassifySettings(config: {
  weekly: { categories: ReadonlyArray<{ id: string }> };
  classify: readonly ClassifyRule[];
}): ClassifySettings {
  return { categories: config.weekly.categories, rules: config.classify };
}

/**
 * Decides the weekly category of one link, first match wins:
 * 1. the curator's override (a decision's category);
 * 2. sources.yaml `classify` rules, in file order (`host`: exact, or `.suffix` for the domain and its
 *    subdomains, a leading `www.`/`m.` ignored; `path`: a regular expression searched in the URL's
 *    path; both must match when both are given);
 * 3. the built-in rules (code hosts and registries → projects, video/podcast → media, threads →
 *    discussions; see builtin-classify-rules.ts), kept only when their category is configured;
 * 4. the category of the source that carried the link;
 * 5. `articles`, or the first configured category when there is no `articles`.
 *
 * Any step naming a category that is not configured is skipped, so a stale override or a
 * newsletter without a media section never produces a category nobody can see.
 */
export function classifyItem(input: ClassifyInput, settings: ClassifySettings): Classification {
  const compiled = compileSettings(settings);
  const known = compiled.categoryIds;

  if (isKnown(known, input.override)) return { category: input.override, rule: 'override' };

  const shape = input.shape !== undefined ? input.shape : readUrlShape(input.url);
  if (shape) {
    const host = stripHostPrefix(shape.rawHost);
    for (const rule of compiled.rules) {
      if (rule.host !== null && host !== rule.host && !(rule.hostSuffix !== null && host.endsWith(rule.hostSuffix))) continue;
      if (rule.path !== null && !rule.path.test(shape.path)) continue;
      return { category: rule.category, rule: `config:${rule.index}` };
    }
    const builtinInput = { url: shape, title: input.title ?? '', sourceKind: input.sourceKind ?? undefined, mediaKind: input.mediaKind };
    for (const rule of BUILTIN_RULES) {
      const verdict = rule.test(builtinInput);
      if (verdict === undefined) continue;
      if (verdict === null) break; // the rule recognised the link as "none of ours": fall through to the source
      if (isKnown(known, verdict)) return { category: verdict, rule: `builtin:${rule.name}` };
    }
  }

  if (isKnown(known, input.sourceCategory)) return { category: input.sourceCategory, rule: 'source' };
  const fallback = known.has('articles') ? 'articles' : (settings.categories[0]?.id ?? 'articles');
  return { category: fallback, rule: 'default' };
}

function isKnown(categoryIds: ReadonlySet<string>, id: string | null | undefined): id is string {
  return typeof id === 'string' && categoryIds.has(id);
}

interface CompiledRule {
  index: number;
  category: string;
  /** The host without `www.`/`m.` (for `.suffix` rules, the domain itself). */
  host: string | null;
  /** `.example.com` for suffix rules. */
  hostSuffix: string | null;
  path: RegExp | null;
}

interface CompiledSettings {
  categoryIds: ReadonlySet<string>;
  rules: CompiledRule[];
}

/** Compiled once per settings object: classifying a week's 50,000 links must not rebuild regexes. */
const compiledSettings = new WeakMap<ClassifySettings, CompiledSettings>();

function compileSettings(settings: ClassifySettings): CompiledSettings {
  let compiled = compiledSettings.get(settings);
  if (compiled) return compiled;
  const categoryIds = new Set(settings.categories.map((category) => category.id));
  const rules: CompiledRule[] = [];
  settings.rules.forEach((rule, index) => {
    if (!categoryIds.has(rule.category)) return; // a rule for a category no longer configured never fires
    const host = rule.host === undefined ? null : rule.host.toLowerCase();
    const isSuffix = host !== null && host.startsWith('.');
    rules.push({
      index,
      category: rule.category,
      host: host === null ? null : isSuffix ? host.slice(1) : stripHostPrefix(host),
      hostSuffix: isSuffix ? host : null,
      path: rule.path === undefined ? null : new RegExp(rule.path),
    });
  });
  compiled = { categoryIds, rules };
  compiledSettings.set(settings, compiled);
  return compiled;
}

/** sources.yaml writes hosts the way the dedupe key does, without `www.` or `m.`; links may carry either. */
function stripHostPrefix(host: string): string {
  return host.replace(/^(www|m)\./, '');
}
