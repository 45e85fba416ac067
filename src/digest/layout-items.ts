import type { AnchorRecord, Segment, TextBlock } from './collect-blocks.ts';
import { classifySectionTitle, hasSponsorMarker, isSponsorTag, type SectionKind } from './classify-text.ts';

/** Where one block sits in the issue: its labelled section and the item it belongs to. */
export interface BlockPlacement {
  /** The innermost labelled section around the block (sponsor, jobs, chrome), or null for content. */
  section: SectionKind | null;
  /** The item's head: a linked heading, or a paragraph that is nothing but its link (`1、<a>…</a>`). */
  isHead: boolean;
  /** The item this block belongs to is marked as paid placement somewhere inside it. */
  isItemSponsored: boolean;
  /** For a head: the text of the paragraph that describes it ('' when none follows). */
  headSummary: string;
}

/** How many blocks after its head an item may span (title, description, source line, …). */
const MAX_ITEM_BLOCKS = 5;
const PSEUDO_HEADING_LEVEL = 7;

/**
 * Groups blocks into items and labelled sections.
 *
 * Items: a head (`<h3><a>Title</a></h3>`, or `<p>1、<a>标题</a></p>`) owns the blocks after it (the
 * description, PyCoder's source line) until the next heading, rule, section title, sponsor tag, a
 * block that starts with a link to another URL, or another list item. Its summary is the first of
 * those blocks with text that is more than a link back to the head.
 *
 * Sections: a heading without a link, or a short bold-only line (Mailchimp's `<strong>Articles</strong>`),
 * opens a section that lasts until the next title of the same or higher level; linked headings are
 * items and only close deeper sections. A bare sponsor tag line (`<p>SPONSORED</p>`) marks the next
 * item only, because it cannot say how many items it covers.
 *
 * `keyOf` gives an anchor's resolved URL (without fragment), or null when it has none;
 * `isAnchorSponsored` whether an anchor's own URL, class or text marks it as paid.
 */
export function layoutItems(
  segments: Segment[],
  keyOf: (anchor: AnchorRecord) => string | null,
  isAnchorSponsored: (anchor: AnchorRecord) => boolean,
): Map<TextBlock, BlockPlacement> {
  const placements = new Map<TextBlock, BlockPlacement>();
  const labels: Array<SectionKind | null> = new Array(PSEUDO_HEADING_LEVEL + 1).fill(null);
  let isTagPending = false;

  const clearFrom = (level: number): void => {
    for (let index = level; index <= PSEUDO_HEADING_LEVEL; index += 1) labels[index] = null;
  };

  let index = 0;
  while (index < segments.length) {
    const segment = segments[index];
    if (segment.kind === 'rule') {
      labels[PSEUDO_HEADING_LEVEL] = null;
      isTagPending = false;
      index += 1;
      continue;
    }
    if (isSectionTitle(segment)) {
      const level = segment.headingLevel ?? PSEUDO_HEADING_LEVEL;
      clearFrom(level);
      labels[level] = classifySectionTitle(segment.text);
      isTagPending = false;
      index += 1;
      continue;
    }
    if (isTagLine(segment)) {
      isTagPending = true;
      index += 1;
      continue;
    }
    if (segment.anchors.length === 0) {
      index += 1;
      continue;
    }
    if (segment.headingLevel !== null) clearFrom(segment.headingLevel + 1);

    const section = [...labels].reverse().find((label) => label !== null) ?? null;
    const isHead = isItemHead(segment, keyOf);
    const members = isHead ? collectMembers(segments, index, keyOf) : [segment];
    const isItemSponsored =
      isTagPending ||
      members.some((member) => member.hasSponsorTag || hasSponsorMarker(member.outsideText)) ||
      segment.anchors.some((anchor) => isAnchorSponsored(anchor));
    isTagPending = false;
    const headKey = keyOf(segment.anchors[0]);
    const summaryBlock = members
      .slice(1)
      .find((member) => /[\p{L}\p{N}]/u.test(member.text) && !isTagLine(member) && !isEcho(member, headKey, keyOf));
    const headSummary = summaryBlock?.text ?? '';

    members.forEach((member, position) => {
      placements.set(member, { section, isHead: position === 0 && isHead, isItemSponsored, headSummary });
    });
    index += members.length;
  }
  return placements;
}

/** PyCoder's source line (`<a>REALPYTHON.COM</a>`): only links back to the head, so it describes nothing. */
function isEcho(block: TextBlock, headKey: string | null, keyOf: (anchor: AnchorRecord) => string | null): boolean {
  return block.anchors.length > 0 && !/\p{L}/u.test(block.outsideText) && block.anchors.every((anchor) => keyOf(anchor) === headKey);
}

function isSectionTitle(block: TextBlock): boolean {
  if (block.anchors.length > 0) return false;
  if (block.headingLevel !== null) return true;
  return block.isAllBold && Array.from(block.text).length <= 80 && !isSponsorTag(block.text);
}

function isTagLine(block: TextBlock): boolean {
  return block.anchors.length === 0 && block.headingLevel === null && isSponsorTag(block.text);
}

/** A short bracketed note after a title: `（英文）`, `(video)`, `[PDF]`. */
const TITLE_NOTE = /[（([【][^（()）[\]【】]{1,12}[）)\]】]/gu;

/**
 * A linked heading, or a block whose only words are those of links to a single URL, give or take a
 * bracketed note (`1、<a>标题</a>（英文）`).
 */
function isItemHead(block: TextBlock, keyOf: (anchor: AnchorRecord) => string | null): boolean {
  if (block.headingLevel !== null) return true;
  if (/\p{L}/u.test(block.outsideText.replace(TITLE_NOTE, ''))) return false;
  return new Set(block.anchors.map(keyOf)).size === 1;
}

function collectMembers(segments: Segment[], headIndex: number, keyOf: (anchor: AnchorRecord) => string | null): TextBlock[] {
  const head = segments[headIndex] as TextBlock;
  const headKey = keyOf(head.anchors[0]);
  const members: TextBlock[] = [head];
  for (let index = headIndex + 1; index < segments.length && members.length < MAX_ITEM_BLOCKS; index += 1) {
    const next = segments[index];
    if (next.kind === 'rule' || next.headingLevel !== null || next.listItem !== head.listItem) break;
    if (isSectionTitle(next) || isTagLine(next)) break;
    if (next.leadingAnchor !== null && keyOf(next.anchors[next.leadingAnchor]) !== headKey) break;
    members.push(next);
  }
  return members;
}
