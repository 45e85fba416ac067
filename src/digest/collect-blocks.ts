import { parseDocument } from 'htmlparser2';
import { cleanText, hasVisibleText } from './clean-text.ts';
import { isSponsorTag } from './classify-text.ts';

type DomDocument = ReturnType<typeof parseDocument>;
type DomNode = DomDocument['children'][number];
type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;

/** One `<a>` as read from the issue, before its href is resolved. */
export interface AnchorRecord {
  /** The href attribute, trimmed; null when absent. */
  href: string | null;
  /** Anchor text, plain. */
  text: string;
  hasImage: boolean;
  /** Inside an element whose class or id names a sponsor or an ad (`<div class="sponsor">`). */
  isInSponsorContainer: boolean;
  /** The rel attribute, lowercased ('' when absent): `license`, `me`, `sponsored`. */
  rel: string;
}

/**
 * A run of text a reader sees as one unit: a paragraph, a list item's own text, a heading, a table
 * cell, or a part of one separated by a blank line (`<br><br>`, how Mailchimp-style issues separate
 * items inside one cell). Nested blocks are flattened into document order.
 */
export interface TextBlock {
  kind: 'block';
  /** 1–6 inside `<h1>`–`<h6>`, else null. */
  headingLevel: number | null;
  /** The nearest enclosing `<li>`/`<dt>`/`<dd>` (identity only), so an item never borrows its neighbour's text. */
  listItem: object | null;
  text: string;
  /** Text outside every anchor, plain. */
  outsideText: string;
  anchors: AnchorRecord[];
  /** Index in `anchors` of an anchor that comes before any letter of outside text (`1、<a>…</a>`). */
  leadingAnchor: number | null;
  /** Every letter is inside `<b>`/`<strong>`: a pseudo-heading when the block has no link. */
  isAllBold: boolean;
  /** A text piece outside anchors is a sponsor tag on its own (`<span>SPONSOR</span>`). */
  hasSponsorTag: boolean;
}

/** An `<hr>`: items and labelled sections never continue across it. */
export interface RuleBreak {
  kind: 'rule';
}

export type Segment = TextBlock | RuleBreak;

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
const IGNORED_TAGS = new Set(['noscript', 'script', 'style', 'template', 'title']);
const SPONSOR_CLASS_TOKENS = new Set([
  'ad',
  'ads',
  'advert',
  'advertisement',
  'promo',
  'promoted',
  'sponsor',
  'sponsored',
  'sponsors',
  'sponsorship',
]);

interface Context {
  headingLevel: number | null;
  listItem: object | null;
  isBold: boolean;
  isInSponsorContainer: boolean;
  anchor: DraftAnchor | null;
}

interface DraftAnchor {
  href: string | null;
  raw: string;
  hasImage: boolean;
  isInSponsorContainer: boolean;
  rel: string;
}

interface DraftBlock {
  headingLevel: number | null;
  listItem: object | null;
  raw: string;
  outside: string;
  anchors: DraftAnchor[];
  leadingAnchor: number | null;
  hasOutsideLetter: boolean;
  boldLetters: number;
  plainLetters: number;
  hasSponsorTag: boolean;
}

const LETTER = /\p{L}/gu;

/**
 * Reads issue HTML into blocks in document order, plus the `<base href>` if the issue declares one.
 * Hidden elements (`display:none` preheaders) and scripts are left out.
 */
export function collectBlocks(html: string): { segments: Segment[]; baseHref: string | null } {
  const segments: Segment[] = [];
  let baseHref: string | null = null;
  let draft: DraftBlock | null = null;
  let consecutiveBreaks = 0;

  const open = (context: Context): DraftBlock => {
    draft ??= {
      headingLevel: context.headingLevel,
      listItem: context.listItem,
      raw: '',
      outside: '',
      anchors: [],
      leadingAnchor: null,
      hasOutsideLetter: false,
      boldLetters: 0,
      plainLetters: 0,
      hasSponsorTag: false,
    };
    return draft;
  };

  const close = (): void => {
    if (draft !== null) {
      const block = finishBlock(draft);
      if (block !== null) segments.push(block);
    }
    draft = null;
    consecutiveBreaks = 0;
  };

  const addText = (data: string, context: Context): void => {
    if (!hasVisibleText(data)) {
      if (draft !== null) draft.raw += ' ';
      if (context.anchor !== null) context.anchor.raw += ' ';
      return;
    }
    const block = open(context);
    consecutiveBreaks = 0;
    block.raw += data;
    const letters = data.match(LETTER)?.length ?? 0;
    if (context.isBold) block.boldLetters += letters;
    else block.plainLetters += letters;
    if (context.anchor !== null) {
      context.anchor.raw += data;
      return;
    }
    block.outside += data;
    if (letters > 0) block.hasOutsideLetter = true;
    if (isSponsorTag(cleanText(data))) block.hasSponsorTag = true;
  };

  const visit = (node: DomNode, context: Context): void => {
    if (node.type === 'text' && 'data' in node) {
      addText(node.data, context);
      return;
    }
    if (!('attribs' in node) || !('name' in node)) return;
    const element = node as DomElement;
    const name = element.name.toLowerCase();
    if (name === 'head') {
      const base = element.children.find((child) => 'name' in child && child.name.toLowerCase() === 'base');
      if (base !== undefined && 'attribs' in base) baseHref ??= base.attribs.href?.trim() || null;
      return;
    }
    if (name === 'base') {
      baseHref ??= element.attribs.href?.trim() || null;
      return;
    }
    if (IGNORED_TAGS.has(name) || isHidden(element)) return;
    if (name === 'br') {
      if (draft === null) return;
      draft.raw += '\n';
      if (context.anchor !== null) {
        context.anchor.raw += ' ';
        return;
      }
      consecutiveBreaks += 1;
      if (consecutiveBreaks >= 2) close();
      return;
    }
    if (name === 'hr') {
      if (context.anchor !== null) return;
      close();
      segments.push({ kind: 'rule' });
      return;
    }
    if (name === 'img') {
      if (context.anchor !== null) context.anchor.hasImage = true;
      return;
    }

    const isInSponsorContainer = context.isInSponsorContainer || hasSponsorClass(element);
    if (name === 'a' && context.anchor === null) {
      const block = open(context);
      consecutiveBreaks = 0;
      const anchor: DraftAnchor = {
        href: element.attribs.href?.trim() ?? null,
        raw: '',
        hasImage: false,
        isInSponsorContainer,
        rel: (element.attribs.rel ?? '').trim().toLowerCase(),
      };
      if (!block.hasOutsideLetter && block.leadingAnchor === null) block.leadingAnchor = block.anchors.length;
      block.anchors.push(anchor);
      visitChildren(element, { ...context, isInSponsorContainer, anchor });
      return;
    }
    // A block inside an anchor (`<a><h3>…</h3></a>`) stays part of the anchor's block.
    if (BLOCK_TAGS.has(name) && context.anchor === null) {
      close();
      visitChildren(element, {
        ...context,
        isInSponsorContainer,
        headingLevel: /^h[1-6]$/.test(name) ? Number(name[1]) : context.headingLevel,
        listItem: name === 'li' || name === 'dt' || name === 'dd' ? element : context.listItem,
      });
      close();
      return;
    }
    if (BLOCK_TAGS.has(name) && context.anchor !== null) context.anchor.raw += ' ';
    visitChildren(element, { ...context, isInSponsorContainer, isBold: context.isBold || name === 'b' || name === 'strong' });
    if (BLOCK_TAGS.has(name) && context.anchor !== null) context.anchor.raw += ' ';
  };

  const visitChildren = (element: { children: DomNode[] }, context: Context): void => {
    for (const child of element.children) visit(child, context);
  };

  const root: Context = { headingLevel: null, listItem: null, isBold: false, isInSponsorContainer: false, anchor: null };
  visitChildren(parseDocument(html) as unknown as { children: DomNode[] }, root);
  close();
  return { segments, baseHref };
}

function finishBlock(draft: DraftBlock): TextBlock | null {
  const text = cleanText(draft.raw);
  if (text === '' && draft.anchors.length === 0) return null;
  return {
    kind: 'block',
    headingLevel: draft.headingLevel,
    listItem: draft.listItem,
    text,
    outsideText: cleanText(draft.outside),
    anchors: draft.anchors.map((anchor) => ({
      href: anchor.href,
      text: cleanText(anchor.raw),
      hasImage: anchor.hasImage,
      isInSponsorContainer: anchor.isInSponsorContainer,
      rel: anchor.rel,
    })),
    leadingAnchor: draft.leadingAnchor,
    isAllBold: draft.plainLetters === 0 && draft.boldLetters > 0,
    hasSponsorTag: draft.hasSponsorTag,
  };
}

function isHidden(element: DomElement): boolean {
  if ('hidden' in element.attribs) return true;
  return /display\s*:\s*none/i.test(element.attribs.style ?? '');
}

function hasSponsorClass(element: DomElement): boolean {
  const names = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`.toLowerCase();
  return names.split(/[\s_-]+/).some((token) => SPONSOR_CLASS_TOKENS.has(token));
}
