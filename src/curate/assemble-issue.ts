import { formatClosingDay } from '../calendar/closing-day.ts';
import type { WeekWindow } from '../calendar/week.ts';
import type { WeeklyConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import { buildIssueFromShortlist } from '../export/build-issue-from-shortlist.ts';
import type { IssueDocument } from '../export/issue-document.ts';
import { renderIssue } from '../export/render-issue.ts';
import { loadAcceptedDecisions } from '../store/decisions/load-accepted-decisions.ts';
import { toShortlistEntries } from './to-shortlist-entries.ts';

export interface AssembleIssueDeps {
  db: Db;
  config: { weekly: WeeklyConfig };
}

export interface AssembleIssueInput {
  week: WeekWindow;
  number: number;
  /** The issue's own title (the template adds the weekly's name around it); '' or absent = none. */
  title?: string;
  /** `YYYY-MM-DD`, already checked; absent = the week's closing day. */
  pubDate?: string;
}

export interface AssembledIssue {
  issue: IssueDocument;
  /** The issue's Markdown: what `sift export` writes and the shortlist page previews and downloads. */
  markdown: string;
  /** Accepted items left out because their link is not http(s) (nothing a reader could open). */
  skipped: Array<{ itemId: number; url: string }>;
  /** Sections holding more accepted items than the slots sources.yaml gives them. */
  overfull: Array<{ heading: string; items: number; slots: number }>;
  /** Sections of categories sources.yaml no longer has; they print last under their id. */
  unconfigured: Array<{ category: string; items: number }>;
}

/**
 * Makes issue `number` from the week's accepted shortlist: the one path from a decision to
 * Markdown, which `sift export` and the shortlist page's preview both take, so the preview is
 * byte for byte the export. Items come in print order with the curator's edits (see
 * toShortlistEntries); sections follow sources.yaml, and a category removed from it since keeps
 * its items in a section of its own rather than losing them. The front matter is dated `pubDate`,
 * else the week's closing day in the weekly's time zone.
 */
export async function assembleIssue(deps: AssembleIssueDeps, input: AssembleIssueInput): Promise<AssembledIssue> {
  const { weekly } = deps.config;
  const format = { categories: weekly.categories, template: weekly.template };
  const { entries, skipped } = toShortlistEntries(await loadAcceptedDecisions(deps.db, input.week.label));
  const issue = buildIssueFromShortlist(
    {
      number: input.number,
      title: input.title ?? '',
      pubDate: input.pubDate ?? formatClosingDay(input.week, weekly.timezone),
      author: weekly.author,
      entries,
    },
    format,
  );
  const slots = new Map(weekly.categories.map((category) => [category.id, category.slots]));
  const overfull = issue.sections
    .filter((section) => slots.has(section.category ?? '') && section.items.length > slots.get(section.category!)!)
    .map((section) => ({ heading: section.heading, items: section.items.length, slots: slots.get(section.category!)! }));
  const unconfigured = issue.sections
    .filter((section) => !slots.has(section.category ?? ''))
    .map((section) => ({ category: section.category ?? section.heading, items: section.items.length }));
  return { issue, markdown: renderIssue(issue, format), skipped, overfull, unconfigured };
}
