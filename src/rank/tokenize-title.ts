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
  // NFKC leaves plain ASCII as it is: most titles of a week skip the (costly) normalization
  const isAscii = IS_ASCII.test(title);
  const text = stripSiteSuffix((isAscii ? title : title.normalize('NFKC')).toLowerCase());
  const hasCjk = MAYBE_CJK.test(text);
  if (hasCjk) {
    for (const run of text.match(CJK_RUN) ?? []) {
      const chars = [...run];
      if (chars.length === 1) visit(chars[0], true);
      for (let index = 0; index + 1 < chars.length; index += 1) visit(chars[index] + chars[index + 1], true);
    }
  }
  const rest = hasCjk ? text.replace(CJK_RUN, ' ') : text;
  // a Chinese title's Latin words (`用 Rust 实现…`) are ASCII once its runs are cut out
  if (isAscii || IS_ASCII.test(rest)) {
    visitAsciiWords(rest, visit);
    return;
  }
  for (const word of rest.match(WORD) ?? []) {
    const isNumber = DIGITS.test(word);
    if (!isNumber && word.length < 2) continue; // the "s" of "what's"
    visit(word, !isNumber && !STOP_WORDS.has(word));
  }
}

/**
 * The words of lowercased ASCII text as the Unicode path finds them (runs of a–z and 0–9), read
 * character by character: no array of matches and no digit test per word, for the most common titles.
 */
function visitAsciiWords(text: string, visit: (token: string, isContent: boolean) => void): void {
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
    const word = text.slice(start, index);
    start = -1;
    if (!isNumber && length < 2) continue; // the "s" of "what's"
    visit(word, !isNumber && !STOP_WORDS.has(word));
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
