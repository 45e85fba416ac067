import type { CategoryConfig, WeeklyConfig } from '../config/schema.ts';

/**
 * One issue of the weekly as data: what `parseIssue` reads from a published Markdown file and what
 * `renderIssue` writes. Rendering a parsed issue and parsing the result gives the same items
 * (sections, order, titles, URLs, summaries, images); the free-form parts (intro, extra sections,
 * outro) are kept as Markdown and written back unchanged.
 */
export interface IssueDocument {
  number: number;
  /** The issue's own title, without the weekly's name: "Lpython 高性能编译器、…" (front matter `title` minus the template). */
  title: string;
  /** As written in the front matter, usually `YYYY-MM-DD`; '' when missing. */
  pubDate: string;
  author: string;
  /** Every front matter field in file order; `title`, `pubDate` and `author` are rewritten from the fields above on render. */
  frontMatter: Record<string, unknown>;
  /** Markdown between the front matter and the first section heading. */
  intro: string;
  /** The sections holding numbered items, in print order. */
  sections: IssueSection[];
  /** Sections without items (sponsor, announcements) that sit before or between item sections. */
  extraSections: ExtraSection[];
  /** Everything after the last item section (support, subscribe…), Markdown with its own headings. */
  outro: string;
}

export interface IssueSection {
  /** Heading text as printed, without the `#`s: "🦄文章&教程", or a linked "[🦄文章&教程](…)". */
  heading: string;
  /** Configured category id the heading matched; undefined for a section no category claims. */
  category?: string;
  /** Markdown between the heading and the first item (rare). */
  preface?: string;
  items: IssueItem[];
  /** Markdown after the last item that is not part of it: the editor's "🎁**…**🎁" interludes. */
  trailer?: string;
}

export interface IssueItem {
  /** The number printed before the title (1-based within its section). Rendering renumbers from 1. */
  position: number;
  /** Link text as plain text: Markdown escapes removed on parse, added back on render. */
  title: string;
  /** Link target; null for a numbered item whose title is not a link (its links sit in the summary). */
  url: string | null;
  /** Markdown of the item's body without its image: one or more paragraphs, lists, code. */
  summary: string;
  imageUrl?: string;
  imageAlt?: string;
  /** True when the title carried an English marker (`（英文）`, ` (英)`…); undefined when the issue marks nothing. */
  isEnglish?: boolean;
  /** Markdown that followed the link on the title line (other than the English marker), e.g. "（star 3K）". */
  extra?: string;
}

export interface ExtraSection {
  heading: string;
  /** Markdown below the heading, up to the next section heading. */
  body: string;
  /** How many item sections precede it: 0 = right after the intro. */
  after: number;
}

/** The fixed texts an issue is printed with (the `weekly.template` of sources.yaml). */
export type IssueTemplate = WeeklyConfig['template'];

/** What rendering and parsing need to know about the weekly. */
export interface IssueFormat {
  /** Sections in print order; headings are matched against their titles. */
  categories: CategoryConfig[];
  template: IssueTemplate;
}
