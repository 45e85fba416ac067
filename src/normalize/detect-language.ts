/**
 * Share of Han characters among "words" above which text counts as Chinese. A Han character is
 * counted against whole Latin words, not letters, because Chinese titles carry English names
 * (`使用 Rich 的 Inspect 查看 Python 对象属性`) and one word weighs about one or two characters.
 */
const CHINESE_SHARE = 0.4;
/**
 * Lower share that suffices when the text also uses full-width punctuation (`：，、。`): English
 * writers do not type those, so `Mouse Vs Python #23：与 Charlie Marsh 聊 Ruff Formatter` is Chinese.
 */
const CHINESE_SHARE_WITH_PUNCTUATION = 0.2;
/** Kana among the CJK characters above this share means Japanese (which also writes Han). */
const KANA_SHARE = 0.1;

/** Frequent short words; a Latin-script text with more hits for another language than for English is not English. */
const STOPWORDS: Record<string, Set<string>> = {
  en: new Set([
    'the',
    'and',
    'of',
    'to',
    'in',
    'is',
    'for',
    'with',
    'how',
    'what',
    'you',
    'your',
    'this',
    'that',
    'on',
    'from',
    'a',
    'an',
    'are',
    'it',
    'why',
    'using',
    'my',
    'i',
    'we',
    'when',
    'be',
    'can',
    'not',
    'or',
    'all',
    'do',
    'about',
    'at',
    'as',
    'by',
    'new',
    'was',
    'does',
  ]),
  de: new Set([
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'mit',
    'für',
    'ein',
    'eine',
    'auf',
    'wie',
    'ich',
    'sie',
    'zu',
    'den',
    'im',
    'auch',
    'sich',
  ]),
  fr: new Set([
    'le',
    'la',
    'les',
    'et',
    'est',
    'des',
    'une',
    'un',
    'pour',
    'dans',
    'avec',
    'du',
    'que',
    'qui',
    'sur',
    'pas',
    'au',
    'ce',
    'sont',
  ]),
  es: new Set(['el', 'los', 'las', 'y', 'es', 'una', 'para', 'con', 'del', 'que', 'por', 'como', 'en', 'lo', 'su', 'al', 'se', 'más']),
  pt: new Set(['o', 'os', 'as', 'e', 'é', 'uma', 'para', 'com', 'do', 'da', 'que', 'não', 'em', 'no', 'na', 'dos', 'das', 'como']),
  it: new Set(['il', 'gli', 'della', 'che', 'è', 'per', 'con', 'una', 'di', 'non', 'del', 'le', 'nel', 'sono', 'come']),
  nl: new Set(['de', 'het', 'een', 'en', 'van', 'is', 'niet', 'met', 'voor', 'op', 'dat', 'zijn', 'hoe', 'je']),
};

/**
 * The language of an item for the zh/en filter: 'zh' when Han characters carry the text, 'en' for
 * Latin-script text unless its common words are clearly another language's, 'other' for
 * Japanese (kana), Korean, Cyrillic and other scripts, and for text with no letters at all.
 *
 * The text is read once (countScripts): five regular expressions over it were a third of
 * normalizing an item (bench/, case process).
 */
export function detectLanguage(text: string): 'zh' | 'en' | 'other' {
  const { han, kana, hangul, punctuation: fullWidthMarks, otherLetters, latinLength, wordBounds } = countScripts(text);
  const latinWords = wordBounds.length / 2;
  const cjk = han + kana + hangul;
  if (cjk > 0 && (kana + hangul) / cjk > KANA_SHARE) return 'other';
  const punctuation = han > 0 ? fullWidthMarks : 0;
  const weight = han + punctuation;
  const units = weight + latinWords + otherLetters / 4;
  if (units === 0) return 'other';
  const share = weight / units;
  if (share >= CHINESE_SHARE || (punctuation > 0 && share >= CHINESE_SHARE_WITH_PUNCTUATION)) return 'zh';
  if (otherLetters > latinLength) return 'other';
  if (latinWords === 0) return han > 0 ? 'zh' : 'other';
  return isEnglish(text, wordBounds) ? 'en' : 'other';
}

interface ScriptCounts {
  han: number;
  kana: number;
  hangul: number;
  /** Full-width punctuation: `：，、。` and the rest of U+3000–303F, U+FF01–FF0F, U+FF1A–FF1F. */
  punctuation: number;
  /** Letters of none of the scripts above or Latin. */
  otherLetters: number;
  /** UTF-16 length of the Latin words together. */
  latinLength: number;
  /** Where each Latin word starts and ends: start, end, start, end… */
  wordBounds: number[];
}

/** The code points of each kind in `text`, in one pass (every item of every feed comes here). */
function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { han: 0, kana: 0, hangul: 0, punctuation: 0, otherLetters: 0, latinLength: 0, wordBounds: [] };
  let wordStart = -1;
  for (let index = 0; index < text.length; ) {
    const unit = text.charCodeAt(index);
    // ASCII: only its letters have a script (Latin)
    const code = unit < 0x80 ? unit : (text.codePointAt(index) as number);
    const width = code > 0xffff ? 2 : 1;
    const kinds = unit < 0x80 ? ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a ? Kind.latin : 0) : classifyCodePoint(code);
    if (kinds & Kind.latin) {
      if (wordStart < 0) wordStart = index;
      counts.latinLength += width;
    } else if (wordStart >= 0) {
      counts.wordBounds.push(wordStart, index);
      wordStart = -1;
    }
    if (kinds & ~Kind.latin) {
      if (kinds & Kind.han) counts.han += 1;
      if (kinds & Kind.kana) counts.kana += 1;
      if (kinds & Kind.hangul) counts.hangul += 1;
      if (kinds & Kind.otherLetter) counts.otherLetters += 1;
      if (kinds & Kind.cjkPunctuation) counts.punctuation += 1;
    }
    index += width;
  }
  if (wordStart >= 0) counts.wordBounds.push(wordStart, text.length);
  return counts;
}

/** The words of `text` between `bounds` (start, end, start, end…), lowercased, against the stopword lists. */
function isEnglish(text: string, bounds: readonly number[]): boolean {
  const hits = new Array<number>(LANGUAGES.length).fill(0);
  for (let index = 0; index < bounds.length; index += 2) {
    const start = bounds[index] as number;
    const end = bounds[index + 1] as number;
    if (end - start > LONGEST_STOPWORD) continue;
    for (const language of STOPWORD_LANGUAGES.get(text.slice(start, end).toLowerCase()) ?? []) hits[language] += 1;
  }
  const english = hits[ENGLISH] as number;
  return hits.every((foreign, language) => language === ENGLISH || foreign < 2 || foreign <= english);
}

const LANGUAGES = Object.keys(STOPWORDS);
const ENGLISH = LANGUAGES.indexOf('en');
/** Each stopword with the languages (indexes into LANGUAGES) it belongs to. */
const STOPWORD_LANGUAGES = new Map<string, number[]>();
for (const [language, name] of LANGUAGES.entries())
  for (const word of STOPWORDS[name] as Set<string>) STOPWORD_LANGUAGES.set(word, [...(STOPWORD_LANGUAGES.get(word) ?? []), language]);
/** In UTF-16 units: a longer word is no stopword (lowercasing never shortens a word). */
const LONGEST_STOPWORD = Math.max(...[...STOPWORD_LANGUAGES.keys()].map((word) => word.length));

/** What a code point is, as flags: a code point may be two things at once (々 is Han and CJK punctuation). */
const Kind = { han: 1, kana: 2, hangul: 4, latin: 8, otherLetter: 16, cjkPunctuation: 32 } as const;
/** Marks a code point of BMP_KINDS as classified. */
const KNOWN = 128;

/** What each code point of the Basic Multilingual Plane is (KNOWN once classified), filled as they are met. */
const BMP_KINDS = new Uint8Array(0x10000);

/** Which Kind flags a code point beyond ASCII has. */
function classifyCodePoint(code: number): number {
  if (code <= 0xffff) {
    const known = BMP_KINDS[code] as number;
    if (known & KNOWN) return known & ~KNOWN;
    const kinds = testCodePoint(String.fromCharCode(code));
    BMP_KINDS[code] = kinds | KNOWN;
    return kinds;
  }
  return testCodePoint(String.fromCodePoint(code));
}

function testCodePoint(character: string): number {
  let kinds = 0;
  if (/\p{Script=Han}/u.test(character)) kinds |= Kind.han;
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(character)) kinds |= Kind.kana;
  if (/\p{Script=Hangul}/u.test(character)) kinds |= Kind.hangul;
  if (/\p{Script=Latin}/u.test(character)) kinds |= Kind.latin;
  if (/[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Latin}\P{L}]/u.test(character))
    kinds |= Kind.otherLetter;
  if (/[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF1F]/u.test(character)) kinds |= Kind.cjkPunctuation;
  return kinds;
}
