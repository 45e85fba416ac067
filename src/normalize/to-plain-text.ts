import { Parser } from 'htmlparser2';
import { WHITESPACE_TO_COLLAPSE } from '../shared/whitespace-runs.ts';

/** Elements whose content is code or chrome, never prose. */
const SKIPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'head']);

/** Elements that separate words: without a space, `<p>end</p><p>Next</p>` would read "endNext". */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'img',
  'summary',
  'details',
  'caption',
]);

/**
 * HTML element names. A `<` followed by anything else (`a < b`, `List<int>`, `Dict<K, V>`) is text
 * that a feed decoded one level too far, and is kept rather than swallowed as an unknown tag.
 */
const HTML_TAG_NAMES = [
  'a',
  'abbr',
  'address',
  'article',
  'aside',
  'audio',
  'b',
  'bdi',
  'bdo',
  'big',
  'blockquote',
  'body',
  'br',
  'button',
  'caption',
  'center',
  'cite',
  'code',
  'col',
  'colgroup',
  'data',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'embed',
  'figcaption',
  'figure',
  'font',
  'footer',
  'form',
  'h[1-6]',
  'head',
  'header',
  'hr',
  'html',
  'i',
  'iframe',
  'img',
  'input',
  'ins',
  'kbd',
  'label',
  'li',
  'link',
  'main',
  'mark',
  'meta',
  'nav',
  'noscript',
  'object',
  'ol',
  'p',
  'picture',
  'pre',
  'q',
  's',
  'samp',
  'script',
  'section',
  'small',
  'source',
  'span',
  'strike',
  'strong',
  'style',
  'sub',
  'summary',
  'sup',
  'svg',
  'table',
  'tbody',
  'td',
  'template',
  'textarea',
  'tfoot',
  'th',
  'thead',
  'time',
  'title',
  'tr',
  'tt',
  'u',
  'ul',
  'var',
  'video',
  'wbr',
];
const STRAY_LESS_THAN = new RegExp(`<(?!(?:\\/?(?:${HTML_TAG_NAMES.join('|')})(?=[\\s/>])|!))`, 'gi');

/** Markup that survived one decoding: the feed escaped its HTML twice (`&lt;p&gt;Hello&lt;/p&gt;`). */
const DOUBLE_ESCAPED = /^<(p|div|span|br|a|img|h[1-6]|ul|ol|blockquote|table|strong|em|b|i)[\s/>]/i;

/**
 * Plain text of an HTML fragment, for titles and summaries: entities decoded, tags stripped,
 * script/style content dropped, every run of whitespace (including the gaps between block
 * elements) collapsed to one space. Twice-escaped HTML is unwrapped once more.
 *
 * @example toPlainText('<p>Ruff &amp; <b>uv</b></p><p>Fast.</p>') // → 'Ruff & uv Fast.'
 */
export function toPlainText(html: string): string {
  const text = extractText(html);
  return DOUBLE_ESCAPED.test(text) ? extractText(text) : text;
}

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const INVISIBLE_OR_CONTROL = /[\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Collapses whitespace and drops invisible characters in text that is already plain (no HTML
 * parsing). Every title and summary of every item passes here: the rare characters are looked for
 * in one pass before two replacements are paid, and lone spaces are left as they are.
 */
export function collapseWhitespace(text: string): string {
  const visible = INVISIBLE_OR_CONTROL.test(text) ? text.replace(INVISIBLE, '').replace(CONTROL, ' ') : text;
  return visible.replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
}

function extractText(html: string): string {
  const chunks: string[] = [];
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED_ELEMENTS.has(name)) skipDepth += 1;
        else if (BLOCK_ELEMENTS.has(name)) chunks.push(' ');
      },
      onclosetag(name) {
        if (SKIPPED_ELEMENTS.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (BLOCK_ELEMENTS.has(name)) chunks.push(' ');
      },
      ontext(text) {
        if (skipDepth === 0) chunks.push(text);
      },
    },
    { decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(html.replace(STRAY_LESS_THAN, '&lt;'));
  parser.end();
  return collapseWhitespace(chunks.join(''));
}
