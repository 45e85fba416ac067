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
  /** The phrases again as a character trie, for ASCII text (see matchAsciiPhrases). */
  trie: PhraseTrie;
}

/**
 * Node n's child for column c is `next[n * TRIE_COLUMNS + c]` (0: none; the root is node 0 and is
 * never a child). Columns: a–z, 0–9, `_`, and one for "the word ended, the phrase goes on".
 */
interface PhraseTrie {
  next: Int32Array;
  /** Keywords whose phrase ends at a node, null for none. */
  hits: Array<string[] | null>;
}

const TRIE_COLUMNS = 38;
const WORD_GAP = 37;

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
  // ASCII text (most headlines), or ASCII with Chinese: the trie finds the Latin phrases without
  // copying the text; Chinese keywords and odd patterns still look at the lowercased text
  const script = readScript(text);
  let found: Set<string> | null;
  if (script !== undefined) {
    found = matchAsciiPhrases(text, compiled);
    const needsLower = compiled.patterns.length > 0 || (script === 'han' && compiled.cjk.length > 0);
    const lower = needsLower ? text.toLowerCase() : '';
    if (script === 'han') for (const [needle, keyword] of compiled.cjk) if (lower.includes(needle)) (found ??= new Set()).add(keyword);
    for (const [pattern, keyword] of compiled.patterns) if (pattern.test(lower)) (found ??= new Set()).add(keyword);
    return found === null ? [] : sortByOrder(found, compiled.order);
  }
  const lower = text.toLowerCase();
  found = null;
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
  return sortByOrder(found, compiled.order);
}

function sortByOrder(found: Iterable<string>, order: ReadonlyMap<string, number>): string[] {
  return [...found].sort((left, right) => order.get(left)! - order.get(right)!);
}

/** The trie column of each ASCII character code, lowercased; -1 for a character that is not part of a word. */
const COLUMNS = Int8Array.from({ length: 128 }, (_, code) => {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 48 && code <= 57) return code - 48 + 26;
  return code === 95 ? 36 : -1;
});

/** Every character that is not ASCII counts as a separator here (see readScript: only Han and CJK punctuation get this far). */
function columnOf(code: number): number {
  return code > 127 ? -1 : COLUMNS[code]!;
}

/**
 * Chinese punctuation that separates words for the general path too (none of it is a letter or a
 * number): 、。，：；！？（）《》 and curly quotes, dashes, ellipsis.
 */
const CJK_PUNCTUATION = new Set([
  0x3001, 0x3002, 0xff0c, 0xff1a, 0xff1b, 0xff01, 0xff1f, 0xff08, 0xff09, 0x300a, 0x300b, 0x201c, 0x201d, 0x2018, 0x2019, 0x2014, 0x2026,
]);

/**
 * 'ascii' for plain ASCII, 'han' when the only other characters are common Han ideographs
 * (U+4E00–U+9FFF) and Chinese punctuation, undefined for anything else (the general path's job).
 */
function readScript(text: string): 'ascii' | 'han' | undefined {
  let script: 'ascii' | 'han' = 'ascii';
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code <= 127 || CJK_PUNCTUATION.has(code)) continue;
    if (code >= 0x4e00 && code <= 0x9fff) script = 'han';
    else return undefined;
  }
  return script;
}

/**
 * The phrase lookup of matchKeywords for ASCII text (with or without Chinese), walking the characters through the trie
 * instead of lowercasing the text and cutting it into word strings (most headlines of a week go
 * through here, and those copies were most of the time spent). Words and phrases are the same as
 * the general path's: runs of [a-z0-9_] (any case), a phrase's words separated by anything else.
 * Only for text readScript accepts (other characters are separators here); null when nothing matched.
 */
function matchAsciiPhrases(text: string, compiled: CompiledKeywords): Set<string> | null {
  const { next, hits } = compiled.trie;
  const length = text.length;
  let found: Set<string> | null = null;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (columnOf(code) < 0) {
      index += 1;
      continue;
    }
    // A word starts here: follow it (and the words after it) through the trie as far as it goes.
    let node = 0;
    let at = index;
    while (node >= 0) {
      // walk one word
      let column = -1;
      while (at < length) {
        const char = text.charCodeAt(at);
        column = columnOf(char);
        if (column < 0) break;
        node = node < 0 ? -1 : next[node * TRIE_COLUMNS + column] || -1;
        at += 1;
        if (node < 0) break;
      }
      if (node < 0) break;
      const ended = hits[node];
      if (ended) for (const keyword of ended) (found ??= new Set()).add(keyword);
      const gap = next[node * TRIE_COLUMNS + WORD_GAP];
      if (!gap || at >= length) break;
      // skip the separators to the next word, which must go on with the phrase
      while (at < length) {
        const char = text.charCodeAt(at);
        if (columnOf(char) >= 0) break;
        at += 1;
      }
      if (at >= length) break;
      node = gap;
    }
    // on to the next word start
    while (index < length) {
      const char = text.charCodeAt(index);
      if (columnOf(char) < 0) break;
      index += 1;
    }
  }
  return found;
}

function buildTrie(phrases: ReadonlyMap<string, string[]>): PhraseTrie {
  const rows: number[] = new Array(TRIE_COLUMNS).fill(0);
  const hits: Array<string[] | null> = [null];
  const childOf = (node: number, column: number): number => {
    const slot = node * TRIE_COLUMNS + column;
    if (rows[slot] === 0) {
      rows[slot] = hits.length;
      hits.push(null);
      for (let filler = 0; filler < TRIE_COLUMNS; filler += 1) rows.push(0);
    }
    return rows[slot]!;
  };
  for (const [phrase, keywords] of phrases) {
    if (!/^[a-z0-9_]+( [a-z0-9_]+)*$/.test(phrase)) continue; // a non-ASCII word never matches ASCII text
    let node = 0;
    for (const char of phrase) node = childOf(node, char === ' ' ? WORD_GAP : columnOf(char.charCodeAt(0)));
    hits[node] = keywords;
  }
  return { next: Int32Array.from(rows), hits };
}

function compileKeywords(keywords: readonly string[]): CompiledKeywords {
  const compiled: CompiledKeywords = {
    phrases: new Map(),
    longestPhrase: 0,
    phraseStarts: new Set(),
    cjk: [],
    patterns: [],
    order: new Map(),
    trie: { next: new Int32Array(0), hits: [] },
  };
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
  compiled.trie = buildTrie(compiled.phrases);
  return compiled;
}
