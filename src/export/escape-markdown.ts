import { decodeHTML } from 'entities';

/** ASCII punctuation: the characters CommonMark lets a backslash escape. */
const ESCAPABLE = String.raw`!"#$%&'()*+,\-./:;<=>?@[\\\]^_{|}~` + '`';
const ESCAPE_OR_ENTITY = new RegExp(String.raw`\\([${ESCAPABLE}])|&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`, 'g');
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Escapes plain text for use inside a line of Markdown — a link text, an image alt, an unlinked
 * title — so feed text like `[x](y)`, `*args`, `__init__` or `<script>` prints as typed and can
 * never open or close a link. Whitespace runs (newlines included) become one space: a title must
 * stay on its line. `_` is left alone between letters or digits (`snake_case` reads as written and
 * cannot start emphasis there).
 *
 * @example escapeInline('Use [x](y) with *args') // → 'Use \\[x\\](y) with \\*args'
 */
export function escapeInline(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  let out = '';
  for (let index = 0; index < flat.length; index++) {
    const char = flat[index]!;
    if ('\\[]*`<~'.includes(char)) {
      out += `\\${char}`;
    } else if (char === '_') {
      const isIntraword = WORD_CHARACTER.test(flat[index - 1] ?? '') && WORD_CHARACTER.test(flat[index + 1] ?? '');
      out += isIntraword ? '_' : '\\_';
    } else if (char === '&' && /^&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/.test(flat.slice(index))) {
      out += '\\&';
    } else {
      out += char;
    }
  }
  return out;
}

/**
 * Turns the Markdown of a link text back into the plain text it shows: backslash escapes and
 * character references (`&amp;`) are resolved; other Markdown (emphasis, code) is kept as typed.
 * The inverse of `escapeInline` for single-line text.
 */
export function unescapeInline(markdown: string): string {
  return markdown.replace(ESCAPE_OR_ENTITY, (match, escaped: string | undefined) => (escaped !== undefined ? escaped : decodeHTML(match)));
}

/**
 * Escapes a plain-text paragraph (a feed's summary) so it prints as typed: inline escapes on every
 * line plus the line starts Markdown reads as structure (headings, quotes, list markers).
 * Paragraph breaks (blank lines) are kept.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) =>
      escapeInline(paragraph)
        .replace(/^([#>+\-=|])/, '\\$1')
        .replace(/^(\d+)([.)])(\s|$)/, '$1\\$2$3'),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/**
 * Writes a URL as a Markdown link destination that cannot end the link early: whitespace, `<`,
 * `>`, backslashes and control characters are percent-encoded, and so are parentheses unless
 * they pair up (CommonMark allows balanced ones bare, which keeps Wikipedia-style URLs readable).
 */
export function formatLinkDestination(url: string): string {
  const trimmed = url.trim();
  const encoded = trimmed.replace(/[\s<>\\\u0000-\u001f\u007f]/g, (char) => percentEncode(char));
  return hasBalancedParentheses(encoded) ? encoded : encoded.replace(/[()]/g, (char) => percentEncode(char));
}

function percentEncode(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

function hasBalancedParentheses(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
