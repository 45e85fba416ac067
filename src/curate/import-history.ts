import type { WeeklyConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import type { NewPublishedRow } from '../db/tables.ts';
import { canonicalizeUrl } from '../normalize/canonicalize-url.ts';
import { detectItemLanguage } from '../rank/detect-item-language.ts';
import { weekOfIssueDate } from '../calendar/week.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { IssueDocument } from '../export/issue-document.ts';
import { parseIssue } from '../export/parse-issue.ts';
import { readWholeTitle } from '../export/read-whole-title.ts';
import { saveIssue } from '../store/issues/save-issue.ts';

export interface ImportHistoryDeps {
  db: Db;
  log: Logger;
  clock: Clock;
  config: { weekly: WeeklyConfig };
}

/** A published issue to import: where it came from (for messages and the number fallback) and its Markdown. */
export interface HistoryFile {
  path: string;
  text: string;
}

export type HistoryImportResult =
  | {
      path: string;
      status: 'imported';
      number: number;
      title: string;
      /** Numbered items stored, by section heading in print order. */
      sections: Array<{ heading: string; category: string | null; items: number }>;
      /** Numbered items whose title is not a link (stored with url ''). */
      unlinked: number;
      /** True when the issue was already there and its rows were replaced. */
      replaced: boolean;
    }
  | { path: string; status: 'failed'; error: Error };

/**
 * Stores published issues so ranking knows what already ran and learns from past picks: one
 * `issues` row (front matter, intro, outro, the Markdown as read) and one `published` row per
 * numbered item (section, category, position, title, summary, URL and its canonical form, image,
 * English or not). Importing an issue again replaces its rows in one transaction, so re-running
 * over a folder is safe and an edited file wins.
 *
 * Each file stands alone: one that does not parse or store is reported `failed` and the others go
 * on. The issue number comes from the title ("#14"), else from the last number in the file name
 * (`014.md`). `is_english` is the issue's own marker when it marks languages (any item marked),
 * else a guess from the link (detectItemLanguage: the titles here are Chinese translations, so only
 * the URL speaks). A title made of adjacent links (`[pybites：](u)[定期重构的重要性](u)`) is stored
 * whole.
 * Numbered items without a link are stored with url and canonical_url '' so the issue can be
 * printed back whole; they never match an item.
 */
export async function importHistory(deps: ImportHistoryDeps, files: readonly HistoryFile[]): Promise<HistoryImportResult[]> {
  const { weekly } = deps.config;
  const format = { categories: weekly.categories, template: weekly.template };
  const results: HistoryImportResult[] = [];
  for (const file of files) {
    try {
      const issue = parseIssue(file.text, format, { number: numberFromPath(file.path) });
      const replaced = await storeIssue(deps.db, issue, file.text, weekly, deps.clock.now());
      const result: HistoryImportResult = {
        path: file.path,
        status: 'imported',
        number: issue.number,
        title: issue.title,
        sections: issue.sections.map((section) => ({
          heading: section.heading,
          category: section.category ?? null,
          items: section.items.length,
        })),
        unlinked: issue.sections.reduce((count, section) => count + section.items.filter((item) => item.url === null).length, 0),
        replaced,
      };
      deps.log.info({ path: file.path, issue: issue.number, replaced }, 'issue imported');
      results.push(result);
    } catch (error) {
      deps.log.warn({ err: error, path: file.path }, 'issue not imported');
      results.push({ path: file.path, status: 'failed', error: error as Error });
    }
  }
  return results;
}

async function storeIssue(db: Db, issue: IssueDocument, markdown: string, weekly: WeeklyConfig, now: Date): Promise<boolean> {
  const rows = toPublishedRows(issue, now);
  const values = {
    title: issue.title,
    pub_date: issue.pubDate || null,
    week: weekOfIssue(issue.pubDate, weekly),
    markdown,
    front_matter: JSON.stringify(issue.frontMatter),
    intro: storedIntro(issue),
    outro: issue.outro,
    imported_at: now,
  };
  return saveIssue(db, issue.number, values, rows);
}

/**
 * Rows in print order (ids ascend with it, which is how loadStoredIssue gets the section order
 * back). Position is the order within the section — the printed number, unless the issue
 * numbered wrongly — and continues when a heading repeats, so the (issue, section, position) key
 * holds.
 */
function toPublishedRows(issue: IssueDocument, now: Date): NewPublishedRow[] {
  const countBySection = new Map<string, number>();
  // An issue that marks no item marks no language, even when the template has a marker to parse.
  const marksLanguages = issue.sections.some((section) => section.items.some((item) => item.isEnglish === true));
  return issue.sections.flatMap((section) =>
    section.items.map((item) => {
      const position = (countBySection.get(section.heading) ?? 0) + 1;
      countBySection.set(section.heading, position);
      const url = item.url ?? '';
      return {
        issue_number: issue.number,
        section: section.heading,
        category: section.category ?? null,
        position,
        title: readWholeTitle(item),
        summary: item.summary,
        url,
        canonical_url: url === '' ? '' : (canonicalizeUrl(url) ?? url),
        image_url: item.imageUrl ?? null,
        is_english: marksLanguages ? item.isEnglish === true : url !== '' && detectItemLanguage(url) === 'en',
        imported_at: now,
      };
    }),
  );
}

/**
 * What printed before the first item section: the intro and any sponsor sections there, as
 * Markdown, so an export of the stored issue prints them where they were.
 */
function storedIntro(issue: IssueDocument): string {
  const leading = issue.extraSections.filter((section) => section.after === 0);
  return [issue.intro, ...leading.map((section) => `## ${section.heading}\n\n${section.body}`.trimEnd())]
    .filter((part) => part.trim() !== '')
    .join('\n\n');
}

function weekOfIssue(pubDate: string, weekly: WeeklyConfig): string | null {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(pubDate)?.[0];
  if (!day) return null;
  try {
    return weekOfIssueDate(day, weekly).label;
  } catch {
    return null; // an impossible date such as 2023-02-30: the issue is kept without a week
  }
}

/** The last number in a file name: `014.md` → 14, `2023-08-05-weekly-14.md` → 14. */
function numberFromPath(filePath: string): number | undefined {
  const name = filePath
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]*$/, '');
  const match = /(\d+)(?!.*\d)/.exec(name);
  return match ? Number(match[1]) : undefined;
}
