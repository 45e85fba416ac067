import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { detectLanguage } from '../normalize/detect-language.ts';
import { toSafeHref } from '../shared/safe-url.ts';
import { sanitizeArticleHtml } from './sanitize-article-html.ts';

/** What reading a page keeps: the article's text and sanitized HTML, and the facts around it. */
export interface ExtractedPage {
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  /** Plain text of the article, paragraphs separated by blank lines. */
  text: string;
  /** The article's HTML after sanitizeArticleHtml: safe to put in the review UI as it is. */
  html: string;
  leadImageUrl: string | null;
  siteName: string | null;
  /** zh | en | other, from the text (detectLanguage), for the `(英)` marker and drafting. */
  lang: 'zh' | 'en' | 'other';
  /** The README's first paragraphs when the page is a GitHub repository's (its `article.markdown-body`). */
  readmeParagraphs: string[];
}

/** Stored text is capped: the pane and drafting need the article, not a 5 MB dump. */
export const MAX_TEXT_CHARS = 200_000;
export const MAX_HTML_CHARS = 400_000;
const README_PARAGRAPHS = 3;

/**
 * Extracts the readable article of an HTML page with Mozilla's Readability (Firefox's reader view)
 * over linkedom's DOM. Relative links and images are made absolute against `pageUrl` first
 * (linkedom has no base URL of its own), the lead image comes from `og:image`/`twitter:image`
 * (else the article's first image), and the HTML is sanitized before it leaves this function.
 * A page Readability finds no article in still gives its title, description and body text.
 * Throws Readability's own error past `maxElements` elements (0 = no limit).
 */
export function extractReadablePage(markup: string, pageUrl: string, options: { maxElements?: number } = {}): ExtractedPage {
  const { document } = parseHTML(markup);
  absolutize(document, pageUrl);
  const meta = (names: string[]) => {
    for (const name of names) {
      const content = document.querySelector(`meta[property="${name}"], meta[name="${name}"]`)?.getAttribute('content')?.trim();
      if (content) return content;
    }
    return null;
  };
  const metaImage = meta(['og:image', 'og:image:url', 'twitter:image', 'twitter:image:src']);
  const readmeParagraphs = readParagraphs(document.querySelector('article.markdown-body'), README_PARAGRAPHS);
  const fallbackTitle = meta(['og:title']) ?? document.querySelector('title')?.textContent?.trim() ?? null;
  const fallbackText = document.body?.textContent ?? '';

  const article = new Readability(document as unknown as Document, {
    charThreshold: 300,
    maxElemsToParse: options.maxElements ?? 0,
  }).parse();
  const html = sanitizeArticleHtml(article?.content ?? '').slice(0, MAX_HTML_CHARS);
  const text = tidyText(article?.textContent ?? fallbackText, article?.content ?? null).slice(0, MAX_TEXT_CHARS);
  const firstImage = /<img[^>]*\ssrc="([^"]+)"/.exec(html)?.[1] ?? null;
  return {
    title: clean(article?.title) ?? fallbackTitle,
    byline: clean(article?.byline),
    excerpt: clean(article?.excerpt) ?? meta(['og:description', 'description']),
    text,
    html,
    leadImageUrl: toSafeHref(metaImage ? resolve(metaImage, pageUrl) : null) ?? (firstImage ? decodeAttribute(firstImage) : null),
    siteName: clean(article?.siteName) ?? meta(['og:site_name']),
    lang: detectLanguage(`${article?.title ?? ''} ${text.slice(0, 4000)}`),
    readmeParagraphs,
  };
}

/** Every `href` and `src` made absolute against the page's URL (and its `<base href>`, when it has one). */
function absolutize(document: ReturnType<typeof parseHTML>['document'], pageUrl: string): void {
  const base = resolve(document.querySelector('base[href]')?.getAttribute('href') ?? '', pageUrl) ?? pageUrl;
  for (const [selector, attribute] of [
    ['a[href]', 'href'],
    ['img[src]', 'src'],
  ] as const) {
    for (const element of document.querySelectorAll(selector)) {
      const absolute = resolve(element.getAttribute(attribute) ?? '', base);
      if (absolute === null) element.removeAttribute(attribute);
      else element.setAttribute(attribute, absolute);
    }
  }
}

function resolve(raw: string, base: string): string | null {
  try {
    return new URL(raw.trim(), base).href;
  } catch {
    return null; // not a URL: the link or image is dropped
  }
}

/**
 * Readability's textContent runs paragraphs together; rebuild it from the article HTML's blocks
 * so the text keeps its paragraphs (the lead paragraph drafting uses is the first of them).
 */
function tidyText(textContent: string, articleHtml: string | null): string {
  if (articleHtml) {
    const { document } = parseHTML(`<!doctype html><html><body>${articleHtml}</body></html>`);
    const blocks = [...document.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, pre, blockquote, td')]
      .filter((element) => !element.querySelector('p, li, pre, blockquote, td'))
      .map((element) => collapse(element.textContent ?? ''))
      .filter((block) => block !== '');
    if (blocks.length > 0) return blocks.join('\n\n');
  }
  return collapse(textContent);
}

function readParagraphs(
  root: { querySelectorAll(selector: string): Iterable<{ textContent: string | null }> } | null,
  max: number,
): string[] {
  if (!root) return [];
  return [...root.querySelectorAll('p')]
    .map((paragraph) => collapse(paragraph.textContent ?? ''))
    .filter((paragraph) => paragraph.length >= 20)
    .slice(0, max);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clean(value: string | null | undefined): string | null {
  const text = collapse(value ?? '');
  return text === '' ? null : text;
}

function decodeAttribute(value: string): string {
  return value.replace(/&amp;/g, '&');
}
