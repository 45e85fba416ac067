import { ParseError } from '../shared/errors.ts';
import { matchTemplate } from './fill-template.ts';
import { readFrontMatter } from './front-matter.ts';
import type { ExtraSection, IssueDocument, IssueFormat, IssueSection } from './issue-document.ts';
import { matchCategory } from './match-category.ts';
import { readItemLine, KNOWN_ENGLISH_MARKERS } from './read-item-line.ts';
import { findLastIndex, readSectionItems } from './read-section-items.ts';
import { scanBlocks, sliceLines, type MarkdownBlock } from './scan-blocks.ts';

export interface ParseIssueOptions {
  /** Issue number to use when neither the front matter nor a title heading gives one (e.g. from the file name). */
  number?: number;
}

/**
 * Reads an issue of the weekly from its Markdown — the format, not particular files: front matter
 * or a `# title` heading; section headings at `##` or `###`, with or without emoji, spaces or a
 * link; items numbered `N、`, `N，` or `N. `, linked or not, with an English marker or none; summaries
 * of several paragraphs, lists or code; images anywhere in an item; sponsor and other sections
 * without items; CRLF line ends. Headings are matched to categories by title (see matchCategory);
 * when none matches, every section with numbered links counts as an item section.
 *
 * Throws ParseError MALFORMED for broken front matter or when no issue number can be found.
 */
export function parseIssue(markdown: string, format: IssueFormat, options: ParseIssueOptions = {}): IssueDocument {
  const text = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { fields, body } = readFrontMatter(text);
  const lines = body.split('\n');
  const blocks = scanBlocks(lines);
  const markers = [format.template.english_marker, ...KNOWN_ENGLISH_MARKERS].filter((marker) => marker.trim() !== '');

  const headings = blocks.filter((block) => block.heading);
  const isCategoryHeading = (block: MarkdownBlock) => matchCategory(headingText(block), format.categories) !== undefined;
  const titleHeading = typeof fields.title === 'string' ? undefined : headings.find((block) => block.heading!.level === 1);
  const categoryLevels = headings.filter(isCategoryHeading).map((block) => block.heading!.level);
  const sectionLevel =
    categoryLevels.length > 0
      ? Math.min(...categoryLevels)
      : Math.min(...headings.filter((block) => block.heading!.isStrict && block.heading!.level >= 2).map((block) => block.heading!.level));
  const boundaries = headings.filter(
    (block) => block !== titleHeading && block.heading!.level <= sectionLevel && (block.heading!.isStrict || isCategoryHeading(block)),
  );

  const { number, title } = readIssueTitle(fields, titleHeading, format, options);
  const introStart = titleHeading && (boundaries[0] === undefined || titleHeading.start < boundaries[0].start) ? titleHeading.end : 0;
  const intro = sliceLines(lines, introStart, boundaries[0]?.start ?? lines.length);

  const raw = boundaries.map((heading, index) => {
    const end = boundaries[index + 1]?.start ?? lines.length;
    const inside = blocks.filter((block) => block.start > heading.start && block.end <= end);
    const category = matchCategory(headingText(heading), format.categories);
    return { heading, end, inside, category };
  });
  const isItemSection = (section: (typeof raw)[number]) =>
    categoryLevels.length > 0 ? section.category !== undefined : section.inside.some((block) => readItemLine(block.lines[0]!)?.url);
  const lastItemSection = findLastIndex(raw, isItemSection);

  const sections: IssueSection[] = [];
  const extraSections: ExtraSection[] = [];
  raw.slice(0, lastItemSection + 1).forEach((section) => {
    if (isItemSection(section)) {
      sections.push({
        heading: section.heading.heading!.text,
        category: section.category,
        ...readSectionItems(section.inside, lines, markers),
      });
    } else {
      extraSections.push({
        heading: section.heading.heading!.text,
        body: sliceLines(lines, section.heading.end, section.end),
        after: sections.length,
      });
    }
  });
  const outroStart = raw[lastItemSection + 1]?.heading.start ?? lines.length;
  markUnmarkedItems(sections, Boolean(format.template.english_marker.trim()));

  return {
    number,
    title,
    pubDate: dateField(fields.pubDate ?? fields.date),
    author: typeof fields.author === 'string' ? fields.author : '',
    frontMatter: fields,
    intro,
    sections,
    extraSections,
    outro: sliceLines(lines, outroStart, lines.length),
  };
}

/** When an issue marks English items (or its template has a marker), the unmarked ones are not English. */
function markUnmarkedItems(sections: IssueSection[], hasTemplateMarker: boolean): void {
  const items = sections.flatMap((section) => section.items);
  if (!hasTemplateMarker && !items.some((item) => item.isEnglish)) return;
  for (const item of items) item.isEnglish ??= false;
}

function readIssueTitle(
  fields: Record<string, unknown>,
  titleHeading: MarkdownBlock | undefined,
  format: IssueFormat,
  options: ParseIssueOptions,
): { number: number; title: string } {
  const fullTitle = typeof fields.title === 'string' ? fields.title : (titleHeading?.heading?.text ?? '');
  const byTemplate = matchTemplate(format.template.title, fullTitle);
  const byHash = /#\s*(\d+)\s*(?:[：:]\s*(.*))?$/s.exec(fullTitle);
  const numberText = byTemplate?.issue ?? byHash?.[1];
  const number = numberText !== undefined ? Number(numberText) : options.number;
  if (number === undefined || !Number.isInteger(number)) {
    throw new ParseError('MALFORMED', `no issue number: the title ${JSON.stringify(fullTitle)} has no "#N" and none was given`);
  }
  const title = byTemplate?.title !== undefined ? String(byTemplate.title) : byHash ? (byHash[2] ?? '').trim() : fullTitle.trim();
  return { number, title };
}

function headingText(block: MarkdownBlock): string {
  return block.heading!.text;
}

function dateField(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value === undefined || value === null ? '' : String(value);
}
