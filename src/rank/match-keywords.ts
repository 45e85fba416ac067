/**
 * Finds a category's keywords in a title and summary, fast enough to run on every link of a week.
 *
 * Semantics: case-insensitive; a Latin keyword matches whole words only (`pep` not in "pepper",
 * `python` in "Python教程" since Chinese characters separate words too); a multi-word keyword matches
 * the same words in a row, spaces and hyphens alike (`free-threading` ≈ "free threading"); a keyword
 * containing Chinese/Japanese/Korean characters matches anywhere. Keywords with other symbols
 * (`c++`, `.net`) fall back to a regular expression.
 *
 * Instead of one regular expression with hundreds of alternatives tried at every character, the
 * text is split into words once and each run of up to N words is looked up in a map.
 */
interface CompiledKeywords {
  /** Normalized phrase ("type hints") → keywords it stands for, as configured. */
  phrases: Map<string, string[]>;
  longestPhrase: number;
  /** First words of multi-word phrases: only these start a longer lookup. */
  phraseStarts: Set<string>;
  /** Lowercased CJK keywords → the keyword as configured. */
  cjk: Array<[string, string]>;
  /** Odd keywords with their own pattern. */
  patterns: Array<[RegExp, string]>;
  order: Map<string, number>;
}

const WORD = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}_]+/gu;
/** The same words for plain-ASCII text (most English headlines), without the cost of Unicode classes. */
const ASCII_WORD = /[a-z0-9_]+/g;
const IS_ASCII = /^[\x00-\x7f]*$/;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

const compiledLists = new WeakMap<readonly string[], CompiledKeywords>();

/** The keywords of `keywords` found in `text`, each once, in configuration order. */
export function matchKeywords(text: string, keywords: readonly string[]): string[] {
  if (keywords.length === 0) return [];
  let compiled = compiledLists.get(keywords);
  if (!compiled) {
    compiled = compileKeywords(keywords);
    compiledLists.set(keywords, compiled);
  }
  const lower = text.toLowerCase();
  let found: Set<string> | null = null;
  if (compiled.phrases.size > 0) {
    const words = lower.match(IS_ASCII.test(lower) ? ASCII_WORD : WORD) ?? [];
    for (let start = 0; start < words.length; start += 1) {
      let phrase = words[start];
      const hits = compiled.phrases.get(phrase);
      if (hits) for (const keyword of hits) (found ??= new Set()).add(keyword);
      if (!compiled.phraseStarts.has(phrase)) continue;
      for (let length = 2; length <= compiled.longestPhrase && start + length <= words.length; length += 1) {
        phrase = `${phrase} ${words[start + length - 1]}`;
        const longer = compiled.phrases.get(phrase);
        if (longer) for (const keyword of longer) (found ??= new Set()).add(keyword);
      }
    }
  }
  if (compiled.cjk.length > 0 && HAS_CJK.test(lower)) {
    for (const [needle, keyword] of compiled.cjk) if (lower.includes(needle)) (found ??= new Set()).add(keyword);
  }
  for (const [pattern, keyword] of compiled.patterns) if (pattern.test(lower)) (found ??= new Set()).add(keyword);
  if (found === null) return [];
  return [...found].sort((left, right) => compiled.order.get(left)! - compiled.order.get(right)!);
}

function compileKeywords(keywords: readonly string[]): CompiledKeywords {
  const compiled: CompiledKeywords = { phrases: new Map(), longestPhrase: 0, phraseStarts: new Set(), cjk: [], patterns: [], order: new Map() };
  keywords.forEach((keyword, index) => {
    if (compiled.order.has(keyword)) return;
    compiled.order.set(keyword, index);
    const lower = keyword.toLowerCase().trim();
    if (HAS_CJK.test(lower)) {
      compiled.cjk.push([lower, keyword]);
      return;
    }
    const words = lower.match(WORD) ?? [];
    const isPlain = words.length > 0 && words.join(' ') === lower.replace(/[\s-]+/g, ' ');
    if (isPlain) {
      const phrase = words.join(' ');
      compiled.phrases.set(phrase, [...(compiled.phrases.get(phrase) ?? []), keyword]);
      compiled.longestPhrase = Math.max(compiled.longestPhrase, words.length);
      if (words.length > 1) compiled.phraseStarts.add(words[0]!);
    } else {
      const escaped = lower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      compiled.patterns.push([new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'u'), keyword]);
    }
  });
  return compiled;
}
