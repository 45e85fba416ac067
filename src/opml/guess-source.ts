import type { CategoryConfig, SourceKind } from '../config/schema.ts';
import type { OpmlOutline } from './parse-opml.ts';

export interface SourceDefaults {
  /** Category of a feed nothing else places; usually the first configured one. */
  category: string;
  lang?: 'en' | 'zh';
  kind?: SourceKind;
}

export interface SourceGuess {
  kind: SourceKind;
  lang: 'en' | 'zh';
  category: string;
}

/** Folder or tag words that name a kind (English and Chinese, singular and plural). */
const KIND_WORDS: Array<[RegExp, SourceKind]> = [
  [/\b(newsletters?|digests?|weekl(y|ies))\b|周刊|周报|日报|月刊/i, 'digest'],
  [/\b(podcasts?|episodes?)\b|播客/i, 'podcast'],
  [/\b(videos?|youtube|channels?)\b|视频/i, 'video'],
  [/\b(releases?|changelogs?)\b|发布/i, 'release'],
  [/\btrending\b|趋势|热榜/i, 'trending'],
  [/\b(communit(y|ies)|forums?|discussions?|reddit|hacker ?news)\b|社区|论坛/i, 'community'],
  [/\b(blogs?|articles?)\b|博客/i, 'blog'],
];

/** URL shapes that give the kind away when folders do not. */
const KIND_URLS: Array<[RegExp, SourceKind]> = [
  [/youtube\.com\/feeds\/|bilibili\.com|vimeo\.com/i, 'video'],
  [/\/releases\.atom$|\/tags\.atom$|pypi\.org\/rss\/project\//i, 'release'],
  [/reddit\.com|news\.ycombinator\.com|hnrss\.org|lobste\.rs|v2ex\.com|discuss\.python\.org/i, 'community'],
  [/podcast|simplecast\.com|anchor\.fm|libsyn\.com|transistor\.fm|fireside\.fm|buzzsprout\.com/i, 'podcast'],
  [/trending/i, 'trending'],
];

/**
 * Best guesses for a feed arriving from OPML: kind from its folder names or `category` tags
 * (a reader's "Podcasts" folder), then from its URL (YouTube channel feeds, GitHub releases,
 * Reddit…), then from a title that says "Weekly"/"周刊"; language from the `language` attribute,
 * else Chinese when the title is; category from a folder or tag naming a configured category, else
 * the category whose keywords name the kind (podcasts go where "podcast" is a keyword), else the
 * default. Each guess is a starting point the editor can correct in sources.yaml.
 */
export function guessSource(outline: OpmlOutline, categories: readonly CategoryConfig[], defaults: SourceDefaults): SourceGuess {
  const labels = [...outline.categoryPath, ...outline.categories.flatMap((path) => path.split('/'))]
    .map((label) => label.trim())
    .filter(Boolean);
  const kind =
    firstMatch(labels, KIND_WORDS) ??
    KIND_URLS.find(([pattern]) => pattern.test(outline.xmlUrl))?.[1] ??
    (KIND_WORDS[0]![0].test(outline.title) ? 'digest' : undefined) ??
    defaults.kind ??
    'blog';

  const language = outline.language?.toLowerCase() ?? '';
  const lang = language.startsWith('zh')
    ? 'zh'
    : language.startsWith('en')
      ? 'en'
      : /\p{Script=Han}/u.test(outline.title)
        ? 'zh'
        : (defaults.lang ?? 'en');

  const labelKeys = new Set(labels.map(labelKey));
  const category =
    categories.find((candidate) => labelKeys.has(labelKey(candidate.id)) || labelKeys.has(labelKey(candidate.title)))?.id ??
    categories.find((candidate) => candidate.keywords.includes(kind))?.id ??
    defaults.category;
  return { kind, lang, category };
}

function firstMatch(labels: string[], table: Array<[RegExp, SourceKind]>): SourceKind | undefined {
  for (const label of labels) {
    const hit = table.find(([pattern]) => pattern.test(label));
    if (hit) return hit[1];
  }
  return undefined;
}

function labelKey(label: string): string {
  return label
    .normalize('NFKC')
    .replace(/\p{Extended_Pictographic}|\ufe0f|\s/gu, '') // emoji and variation selectors one by one
    .toLowerCase();
}
