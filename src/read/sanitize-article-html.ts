import sanitizeHtml from 'sanitize-html';
import { toSafeHref } from '../shared/safe-url.ts';

/** Tags a reader needs to read an article; everything else (scripts, forms, frames, styles, SVG) is dropped. */
const READING_TAGS = [
  'p',
  'br',
  'hr',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'code',
  'kbd',
  'samp',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'del',
  'ins',
  'mark',
  'small',
  'sub',
  'sup',
  'abbr',
  'cite',
  'q',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'a',
  'img',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: READING_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'referrerpolicy'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    abbr: ['title'],
  },
  // No class, style or id from the page: its CSS is not ours and an id could shadow the board's.
  allowedClasses: {},
  allowedStyles: {},
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // What the dropped tags held: a script's or style's text is never shown, other dropped tags keep their text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'svg', 'math', 'iframe', 'object'],
  transformTags: {
    h1: 'h2', // the pane's own heading is the page title
    a: (tagName, attribs) => {
      const href = toSafeHref(attribs.href);
      // A refused link keeps its text as an <a> without href (renaming the tag would make
      // sanitize-html close a later link with the new name).
      if (href === null) return { tagName, attribs: {} };
      const kept: sanitizeHtml.Attributes = { href, rel: 'noopener noreferrer nofollow', target: '_blank' };
      if (attribs.title) kept.title = attribs.title;
      return { tagName, attribs: kept };
    },
    img: (tagName, attribs) => {
      const kept = Object.fromEntries(Object.entries(attribs).filter(([name]) => ['alt', 'title', 'width', 'height'].includes(name)));
      const src = toSafeHref(attribs.src);
      return { tagName, attribs: { ...kept, ...(src === null ? {} : { src }), loading: 'lazy', referrerpolicy: 'no-referrer' } };
    },
  },
  // An image without a usable http(s) source shows nothing; an empty link is noise.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/**
 * The article HTML a page gave us, reduced to reading markup that is safe to put inside the
 * review UI: no script, style, event handler, form, frame or foreign id/class; links only to
 * absolute http(s) URLs (opened in a new tab, `rel="noopener noreferrer nofollow"`), any other
 * link (`javascript:`, `data:`, relative) becomes its text; images only from http(s), loaded
 * lazily without a referrer. Done with sanitize-html (over htmlparser2, which sift already uses)
 * rather than by hand: page HTML is hostile input.
 */
export function sanitizeArticleHtml(dirty: string): string {
  return sanitizeHtml(dirty, OPTIONS);
}
