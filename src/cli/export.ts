import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildIssueFromShortlist } from '../export/build-issue-from-shortlist.ts';
import { formatClosingDay } from '../export/closing-day.ts';
import type { IssueDocument } from '../export/issue-document.ts';
import { loadAcceptedShortlist } from '../export/load-accepted-shortlist.ts';
import { loadStoredIssue } from '../export/load-stored-issue.ts';
import { renderIssue } from '../export/render-issue.ts';
import { currentWeek, weekWindow } from '../rank/week.ts';
import { AppError } from '../shared/errors.ts';
import { writeLine, type Command } from './context.ts';
import { openApp } from './open-app.ts';

/**
 * `sift export --issue N [--week W] [--title T] [--date D] [--out FILE]`: the issue's Markdown.
 * Without --week, an issue the imported history holds is printed as stored; otherwise the week's
 * (default: the current one) accepted shortlist becomes issue N, dated the week's closing day
 * unless --date says otherwise. Markdown goes to stdout or FILE; what was exported to stderr.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({
    args,
    options: { issue: { type: 'string' }, week: { type: 'string' }, title: { type: 'string' }, date: { type: 'string' }, out: { type: 'string' } },
  });
  const number = Number(values.issue);
  if (values.issue === undefined || !Number.isInteger(number) || number < 1) {
    throw new AppError('USAGE', `--issue N is required (a positive issue number)${values.issue === undefined ? '' : `, got "${values.issue}"`}`);
  }
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new AppError('USAGE', `--date must be YYYY-MM-DD, got "${values.date}"`);

  const app = await openApp(ctx, { sync: false });
  try {
    const { weekly } = app.config;
    const format = { categories: weekly.categories, template: weekly.template };
    const stored = values.week === undefined ? await loadStoredIssue(app.db, number) : null;
    let issue: IssueDocument;
    if (stored) {
      issue = { ...stored, title: values.title ?? stored.title, pubDate: values.date ?? stored.pubDate };
      writeLine(ctx.stderr, `issue #${number} from the imported history: ${describe(issue)}`);
    } else {
      const week = values.week !== undefined ? weekWindow(values.week, weekly) : currentWeek(app.clock.now(), weekly);
      const { entries, skipped } = await loadAcceptedShortlist(app.db, week.label);
      if (entries.length === 0) {
        throw new AppError('EMPTY_SHORTLIST', `week ${week.label} has no accepted items to export as issue #${number}: accept some in the review UI first (sift serve)`);
      }
      issue = buildIssueFromShortlist(
        { number, title: values.title ?? '', pubDate: values.date ?? formatClosingDay(week, weekly.timezone), author: weekly.author, entries },
        format,
      );
      writeLine(ctx.stderr, `issue #${number} from the shortlist of ${week.label}: ${describe(issue)}`);
      for (const item of skipped) writeLine(ctx.stderr, `  left out item ${item.itemId}: its link is not http(s): ${item.url}`);
      const configured = new Set(weekly.categories.map((category) => category.id));
      for (const section of issue.sections) {
        if (!configured.has(section.category ?? '')) writeLine(ctx.stderr, `  note: category "${section.category}" is not in sources.yaml; its ${section.items.length} item(s) print last under that id`);
      }
      if (values.title === undefined) writeLine(ctx.stderr, '  note: no --title given; the front matter title ends after the issue number');
    }

    const markdown = renderIssue(issue, format);
    if (values.out) {
      await writeFile(values.out, markdown);
      writeLine(ctx.stderr, `wrote ${values.out}`);
    } else {
      ctx.stdout.write(markdown);
    }
    return 0;
  } finally {
    await app.close();
  }
};

function describe(issue: IssueDocument): string {
  const sections = issue.sections.filter((section) => section.items.length > 0);
  const items = sections.reduce((count, section) => count + section.items.length, 0);
  return `${items} item(s) in ${sections.length} section(s) (${sections.map((section) => `${section.heading} ${section.items.length}`).join(', ')})`;
}
