import { escapeMarkdownText } from './escape-markdown.ts';
import { fillTemplate } from './fill-template.ts';
import type { IssueDocument, IssueFormat, IssueItem, IssueSection } from './issue-document.ts';

/** One accepted link of the week's shortlist, as the curator left it. */
export interface ShortlistEntry {
  title: string;
  summary: string;
  /** `text` (a feed's plain-text summary: escaped on print) or `markdown` (written by the curator: printed as is). */
  summaryFormat: 'text' | 'markdown';
  url: string;
  imageUrl?: string | null;
  /** Alt text of the image, as the weekly prints it: `![alt](url)`. */
  imageAlt?: string | null;
  category: string;
  /** Order within the category; ties keep the input order. */
  position: number | null;
  isEnglish?: boolean;
}

export interface BuildIssueInput {
  number: number;
  title: string;
  pubDate: string;
  author: string;
  entries: ShortlistEntry[];
  /** Replaces the template's intro (the editor's own words for this week). */
  intro?: string;
}

/**
 * Turns the accepted shortlist into an issue: one section per configured category, in configured
 * order, items sorted by position (unpositioned last); a category nobody configured (an override
 * from an older sources.yaml) gets its own section after the configured ones rather than being
 * dropped. Intro and outro are the template's intro and footer with `{issue}`, `{title}`,
 * `{date}`, `{author}` filled in.
 */
export function buildIssueFromShortlist(input: BuildIssueInput, format: IssueFormat): IssueDocument {
  const values = { issue: input.number, title: input.title, date: input.pubDate, author: input.author };
  const order = new Map(format.categories.map((category, index) => [category.id, index]));
  const byCategory = new Map<string, ShortlistEntry[]>();
  for (const entry of input.entries) {
    const list = byCategory.get(entry.category) ?? [];
    list.push(entry);
    byCategory.set(entry.category, list);
  }
  const categoryIds = [...byCategory.keys()].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));

  const sections: IssueSection[] = categoryIds.map((id) => {
    const category = format.categories.find((candidate) => candidate.id === id);
    const entries = byCategory
      .get(id)!
      .map((entry, index) => ({ entry, index }))
      .sort((a, b) => (a.entry.position ?? Infinity) - (b.entry.position ?? Infinity) || a.index - b.index);
    return {
      heading: category ? `${category.emoji}${category.title}` : id,
      category: id,
      items: entries.map(({ entry }, index) => toItem(entry, index + 1)),
    };
  });

  return {
    number: input.number,
    title: input.title,
    pubDate: input.pubDate,
    author: input.author,
    frontMatter: {},
    intro: input.intro ?? fillTemplate(format.template.intro, values),
    sections,
    extraSections: [],
    outro: fillTemplate(format.template.footer, values),
  };
}

function toItem(entry: ShortlistEntry, position: number): IssueItem {
  const item: IssueItem = {
    position,
    title: entry.title.replace(/\s+/g, ' ').trim(),
    url: entry.url.trim(),
    summary: entry.summaryFormat === 'text' ? escapeMarkdownText(entry.summary) : entry.summary.trim(),
  };
  if (entry.imageUrl) item.imageUrl = entry.imageUrl;
  if (entry.imageUrl && entry.imageAlt?.trim()) item.imageAlt = entry.imageAlt.replace(/\s+/g, ' ').trim();
  if (entry.isEnglish !== undefined) item.isEnglish = entry.isEnglish;
  return item;
}
