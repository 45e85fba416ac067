import { unescapeInline } from './escape-markdown.ts';
import type { IssueItem, IssueSection } from './issue-document.ts';
import { readItemLine, type ItemLine, type NumberingStyle } from './read-item-line.ts';
import { readLink } from './read-link.ts';
import { sliceLines, type MarkdownBlock } from './scan-blocks.ts';

/** "🎁**Python潮流周刊**🎁…" or "> 🎁**…**": the editor's interlude after a section's last item. */
const INTERLUDE = /^(?:>\s*)?\p{Extended_Pictographic}\ufe0f?\s*\*\*/u;

/**
 * A section's items from its blocks. A numbered line starts an item when it continues the count,
 * or — for a linked `N、` line — even when the numbering slipped; blocks before the first item are
 * the section's preface; an interlude ("🎁**…**") after the last item's first paragraph starts the
 * section's trailer. An item's body is its summary, minus its last stand-alone image.
 */
export function readSectionItems(
  blocks: MarkdownBlock[],
  lines: string[],
  markers: string[],
): Pick<IssueSection, 'items' | 'preface' | 'trailer'> {
  const preface: MarkdownBlock[] = [];
  const groups: Array<{ line: ItemLine; first: MarkdownBlock; body: MarkdownBlock[] }> = [];
  let style: NumberingStyle | undefined;
  for (const block of blocks) {
    const line = readItemLine(block.lines[0]!, markers);
    const previous = groups.at(-1)?.line.number ?? 0;
    // A number continues the list, or, for a linked `N、` line, restarts or skips it (numbering slips happen);
    // a Markdown `N. ` list inside a summary is not taken for items unless it continues the count.
    const isNext =
      line !== null &&
      (style === undefined || line.style === style) &&
      (line.number === previous + 1 || style === undefined || (line.url !== null && line.style !== '.'));
    if (line && isNext) {
      style = line.style;
      groups.push({ line, first: block, body: [] });
    } else if (groups.length > 0) {
      groups.at(-1)!.body.push(block);
    } else {
      preface.push(block);
    }
  }

  let trailer: string | undefined;
  const last = groups.at(-1);
  if (last) {
    const interlude = last.body.findIndex((block, index) => index > 0 && INTERLUDE.test(block.lines[0]!));
    if (interlude > 0) {
      trailer = sliceLines(lines, last.body[interlude]!.start, last.body.at(-1)!.end);
      last.body = last.body.slice(0, interlude);
    }
  }

  const items = groups.map(({ line, first, body }) => {
    const continuation = first.lines.slice(1).join('\n');
    const texts = (continuation.trim() ? [continuation] : []).concat(body.map((block) => block.lines.join('\n')));
    const imageIndex = findLastIndex(texts, (textBlock) => readImage(textBlock) !== null);
    const image = imageIndex >= 0 ? readImage(texts[imageIndex]!) : null;
    const item: IssueItem = {
      position: line.number,
      title: line.title,
      url: line.url,
      summary: texts
        .filter((_, index) => index !== imageIndex)
        .map((textBlock) => textBlock.trimEnd())
        .join('\n\n'),
    };
    if (image) {
      item.imageUrl = image.url;
      if (image.alt) item.imageAlt = image.alt;
    }
    if (line.isEnglish) item.isEnglish = true;
    if (line.extra.trim()) item.extra = line.extra;
    return item;
  });

  const section: Pick<IssueSection, 'items' | 'preface' | 'trailer'> = { items };
  if (preface.length > 0) section.preface = sliceLines(lines, preface[0]!.start, preface.at(-1)!.end);
  if (trailer) section.trailer = trailer;
  return section;
}

/** An image alone on its block: `![alt](url)`, optionally with a title. */
function readImage(textBlock: string): { url: string; alt: string } | null {
  const trimmed = textBlock.trim();
  if (!trimmed.startsWith('![')) return null;
  const link = readLink(trimmed, 1);
  if (!link || link.end !== trimmed.length) return null;
  return { url: link.destination.trim(), alt: unescapeInline(link.text).trim() };
}

/** Array#findLastIndex, which the ES2022 lib this project targets does not declare. */
export function findLastIndex<T>(list: readonly T[], predicate: (value: T) => boolean): number {
  for (let index = list.length - 1; index >= 0; index--) if (predicate(list[index]!)) return index;
  return -1;
}
