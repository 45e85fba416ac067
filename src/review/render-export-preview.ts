import type { WeeklyConfig } from '../config/schema.ts';
import { buildIssueFromShortlist } from '../export/build-issue-from-shortlist.ts';
import { renderIssue } from '../export/render-issue.ts';
import type { WeekWindow } from '../rank/week.ts';
import type { ShortlistSection } from './load-shortlist.ts';

export interface ExportPreviewOptions {
  issueNumber: number;
  /** The issue's own title; the weekly template adds the newsletter's name around it. */
  issueTitle: string;
}

/**
 * The issue's Markdown for the shortlist as it stands, through the export module, so the preview
 * is byte for byte what `sift export` writes. The publication date is the week's closing day.
 * Only http(s) links are exported: anything else could not have been opened by the curator.
 */
export function renderExportPreview(sections: ShortlistSection[], weekly: WeeklyConfig, week: WeekWindow, options: ExportPreviewOptions): string {
  const entries = sections.flatMap((section) =>
    section.rows
      .filter((row) => row.href !== null)
      .map((row) => ({
        title: row.title,
        summary: row.summary,
        summaryFormat: row.isSummaryEdited ? ('markdown' as const) : ('text' as const),
        url: row.url,
        imageUrl: row.imageUrl && /^https?:\/\//i.test(row.imageUrl) ? row.imageUrl : null,
        category: section.category.id,
        position: row.position,
        isEnglish: row.lang === 'en',
      })),
  );
  const issue = buildIssueFromShortlist(
    { number: options.issueNumber, title: options.issueTitle, pubDate: formatClosingDay(week, weekly.timezone), author: weekly.author, entries },
    { categories: weekly.categories, template: weekly.template },
  );
  return renderIssue(issue, { template: weekly.template });
}

/** `YYYY-MM-DD` of the week's last local day (the day the issue closes). */
function formatClosingDay(week: WeekWindow, timeZone: string): string {
  const lastInstant = new Date(week.end.getTime() - 1);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(lastInstant);
}
