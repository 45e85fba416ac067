const STOP_WORDS = new Set(
  'a an and are as at be by can do does for from how i in into is it its my new of on or our out the this to using use vs what when where which why with you your we'.split(
    ' ',
  ),
);
const SITE_SUFFIX = /\s+(?:\||-|–|—|·|::)\s+([^|\-–—·]{1,40})$/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
/** A cheap pre-check that skips the Unicode-script scan for the (mostly English) titles without CJK. */
const MAYBE_CJK = /[\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff]|[\ud840-\ud87f]/;
/** NFKC has already turned full-width digits into ASCII ones. */
const DIGITS = /^[0-9]+$/;
const WORD = /[\p{L}\p{N}]+/gu;
const IS_ASCII = /^[\x00-\x7f]*$/;

/**
 * Visits the tokens title clustering compares, in the order found, repeats included: lowercased
 * words and numbers for alphabetic scripts, character bigrams for Chinese/Japanese/Korean runs
 * (which have no spaces), with a trailing site name (` | DEV Community`, ` - Medium`) cut off so a
 * repost compares equal to its original. Each comes with whether it is a content token (not a
 * stop word, not a bare number), which depends on the token alone. The caller interns the tokens
 * itself: clustering a week numbers 400,000 of them without building a set per title.
 */
export function forEachTitleToken(title: string, visit: (token: string, isContent: boolean) => void): void {
  forEachTitleTokenSpan(title, (text, start, end, kind) => {
    const token = text.slice(start, end);
    visit(token, isContentToken(token, kind));
  });
}

/** What a token is: a word (content unless a stop word), a bare number, or a Chinese/Japanese/Korean bigram or lone character (content). */
export type TitleTokenKind = 'word' | 'number' | 'bigram';

/** Whether a token of forEachTitleTokenSpan is a content token: every bigram, every word but the stop words. */
export function isContentToken(token: string, kind: TitleTokenKind): boolean {
  return kind === 'bigram' || (kind === 'word' && !STOP_WORDS.has(token));
}

/**
 * forEachTitleToken's tokens as spans, `text.slice(start, end)` (`text` is the title as compared:
 * lowercased, normalized, its site name cut; or that with its Chinese/Japanese/Korean runs blanked),
 * so that a caller that has seen a token before needs no string for it: clustering compares the
 * span with the tokens it holds.
 */
export function forEachTitleTokenSpan(
  title: string,
  visit: (text: string, start: number, end: number, kind: TitleTokenKind) => void,
): void {
  // NFKC leaves plain ASCII as it is: most titles of a week skip the (costly) normalization
  const isAscii = IS_ASCII.test(title);
  const text = stripSiteSuffix((isAscii ? title : title.normalize('NFKC')).toLowerCase());
  const hasCjk = MAYBE_CJK.test(text);
  if (hasCjk) {
    CJK_RUN.lastIndex = 0;
    for (let run = CJK_RUN.exec(text); run !== null; run = CJK_RUN.exec(text)) {
      const runStart = run.index;
      const runEnd = runStart + run[0].length;
      // code points, not code units: a character beyond the BMP is two
      const second = nextCodePoint(text, runStart);
      if (second === runEnd) visit(text, runStart, runEnd, 'bigram');
      for (let first = runStart, next = second; next < runEnd; ) {
        const after = nextCodePoint(text, next);
        visit(text, first, after, 'bigram');
        first = next;
        next = after;
      }
    }
  }
  const rest = hasCjk ? text.replace(CJK_RUN, ' ') : text;
  // a Chinese title's Latin words (`用 Rust 实现…`) are ASCII once its runs are cut out
  if (isAscii || IS_ASCII.test(rest)) {
    visitAsciiWords(rest, visit);
    return;
  }
  WORD.lastIndex = 0;
  for (let word = WORD.exec(rest); word !== null; word = WORD.exec(rest)) {
    const isNumber = DIGITS.test(word[0]);
    if (!isNumber && word[0].length < 2) continue; // the "s" of "what's"
    visit(rest, word.index, word.index + word[0].length, isNumber ? 'number' : 'word');
  }
}

/** The index after the code point at `index` (a surrogate pair is one, as the string iterator reads it). */
function nextCodePoint(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 0xd800 || code > 0xdbff || index + 1 >= text.length) return index + 1;
  const low = text.charCodeAt(index + 1);
  return low >= 0xdc00 && low <= 0xdfff ? index + 2 : index + 1;
}

/**
 * The words of lowercased ASCII text as the Unicode path finds them (runs of a–z and 0–9), read
 * character by character: no array of matches and no digit test per word, for the most common titles.
 */
function visitAsciiWords(text: string, visit: (text: string, start: number, end: number, kind: TitleTokenKind) => void): void {
  let start = -1;
  let isNumber = true;
  for (let index = 0; index <= text.length; index += 1) {
    const code = index < text.length ? text.charCodeAt(index) : 0;
    const isDigit = code >= 48 && code <= 57;
    if (isDigit || (code >= 97 && code <= 122)) {
      if (start === -1) {
        start = index;
        isNumber = true;
      }
      if (!isDigit) isNumber = false;
      continue;
    }
    if (start === -1) continue;
    const length = index - start;
    const wordStart = start;
    start = -1;
    if (!isNumber && length < 2) continue; // the "s" of "what's"
    visit(text, wordStart, index, isNumber ? 'number' : 'word');
  }
}

/**
 * Cuts short trailing site or publication names (` | DEV Community`, ` | by Jane | Medium`: at most
 * two), but only off a title long enough to stand alone.
 */
function stripSiteSuffix(title: string): string {
  let text = title;
  for (let cut = 0; cut < 2; cut += 1) {
    const match = SITE_SUFFIX.exec(text);
    if (!match) break;
    const head = text.slice(0, match.index);
    const suffixWords = match[1].trim().split(/\s+/).length;
    const headWords = head.trim().split(/\s+/).length;
    if (suffixWords > 3 || (headWords < 4 && [...head].length < 12)) break;
    text = head;
  }
  return text;
}
