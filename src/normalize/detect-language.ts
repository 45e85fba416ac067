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
const CJK_PUNCTUATION = /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF1F]/gu;
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
 */
export function detectLanguage(text: string): 'zh' | 'en' | 'other' {
  const han = count(text, /\p{Script=Han}/gu);
  const kana = count(text, /[\p{Script=Hiragana}\p{Script=Katakana}]/gu);
  const hangul = count(text, /\p{Script=Hangul}/gu);
  const latinWords = text.match(/\p{Script=Latin}+/gu) ?? [];
  const otherLetters = count(text, /[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Latin}\P{L}]/gu);

  const cjk = han + kana + hangul;
  if (cjk > 0 && (kana + hangul) / cjk > KANA_SHARE) return 'other';
  const punctuation = han > 0 ? count(text, CJK_PUNCTUATION) : 0;
  const weight = han + punctuation;
  const units = weight + latinWords.length + otherLetters / 4;
  if (units === 0) return 'other';
  const share = weight / units;
  if (share >= CHINESE_SHARE || (punctuation > 0 && share >= CHINESE_SHARE_WITH_PUNCTUATION)) return 'zh';
  if (otherLetters > latinWords.join('').length) return 'other';
  if (latinWords.length === 0) return han > 0 ? 'zh' : 'other';
  return isEnglish(latinWords) ? 'en' : 'other';
}

function isEnglish(words: string[]): boolean {
  const lower = words.map((word) => word.toLowerCase());
  const hits = (language: string) => lower.filter((word) => STOPWORDS[language].has(word)).length;
  const english = hits('en');
  for (const language of Object.keys(STOPWORDS)) {
    if (language === 'en') continue;
    const foreign = hits(language);
    if (foreign >= 2 && foreign > english) return false;
  }
  return true;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
