import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { currentWeek, isCalendarDate, weekWindow } from '../calendar/week.ts';
import { assembleIssue } from '../curate/assemble-issue.ts';
import type { IssueDocument } from '../export/issue-document.ts';
import { loadStoredIssue } from '../export/load-stored-issue.ts';
import { renderIssue } from '../export/render-issue.ts';
import { AppError } from '../shared/errors.ts';
import { writeLine, type Command } from './context.ts';
import { openApp } from './open-app.ts';
import { describeDatabase, hintDemoDatabase } from './describe-database.ts';
import { defineCommandHelp } from './command-help.ts';

export const help = defineCommandHelp({
  usage: 'sift export --issue N [--week W] [--title T] [--date YYYY-MM-DD] [--out FILE]',
  summary: "print issue N as the weekly's Markdown: the week's accepted shortlist, or an imported issue as stored",
  options: {
    issue: { type: 'string', value: 'N', description: 'the issue number (required)' },
    week: {
      type: 'string',
      value: 'YYYY-Www',
      description:
        "export this week's accepted shortlist (default: the current week; without --week an imported issue N is printed as stored)",
    },
    title: { type: 'string', value: 'T', description: 'the issue title in the front matter' },
    date: { type: 'string', value: 'YYYY-MM-DD', description: "the publication date (default: the week's closing day)" },
    out: { type: 'string', value: 'FILE', description: 'write the Markdown to FILE instead of stdout' },
  },
  details: ['What was exported, and from which database, goes to stderr.'],
});

/**
 * `sift export --issue N [--week W] [--title T] [--date D] [--out FILE]`: the issue's Markdown.
 * Without --week, an issue the imported history holds is printed as stored; otherwise the week's
 * (default: the current one) accepted shortlist becomes issue N, dated the week's closing day
 * unless --date says otherwise. Markdown goes to stdout or FILE; what was exported to stderr.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({
    args,
    options: help.options,
  });
  const number = Number(values.issue);
  if (values.issue === undefined || !Number.isInteger(number) || number < 1) {
    throw new AppError(
      'USAGE',
      `--issue N is required (a positive issue number)${values.issue === undefined ? '' : `, got "${values.issue}"`}`,
    );
  }
  if (values.date !== undefined && !isCalendarDate(values.date))
    throw new AppError('USAGE', `--date must be YYYY-MM-DD and a day that exists, got "${values.date}"`);

  const app = await openApp(ctx, { sync: false });
  try {
    const { weekly } = app.config;
    const format = { categories: weekly.categories, template: weekly.template };
    const stored = values.week === undefined ? await loadStoredIssue(app.db, number, format) : null;
    let issue: IssueDocument;
    let markdown: string;
    if (stored) {
      issue = { ...stored, title: values.title ?? stored.title, pubDate: values.date ?? stored.pubDate };
      markdown = renderIssue(issue, format);
      writeLine(ctx.stderr, `issue #${number} from the imported history: ${describe(issue)}`);
    } else {
      const week = values.week !== undefined ? weekWindow(values.week, weekly) : currentWeek(app.clock.now(), weekly);
      const assembled = await assembleIssue(app, { week, number, title: values.title, pubDate: values.date });
      ({ issue, markdown } = assembled);
      if (issue.sections.length === 0) {
        throw new AppError(
          'EMPTY_SHORTLIST',
          `week ${week.label} has no accepted items to export as issue #${number}: accept some in the review UI first (sift serve)${hintDemoDatabase(ctx.env)}`,
        );
      }
      writeLine(ctx.stderr, `issue #${number} from the shortlist of ${week.label}: ${describe(issue)}`);
      for (const item of assembled.skipped) writeLine(ctx.stderr, `  left out item ${item.itemId}: its link is not http(s): ${item.url}`);
      for (const section of assembled.unconfigured)
        writeLine(
          ctx.stderr,
          `  note: category "${section.category}" is not in sources.yaml; its ${section.items} item(s) print last under that id`,
        );
      for (const section of assembled.overfull)
        writeLine(ctx.stderr, `  warning: ${section.heading} holds ${section.items} accepted items but has ${section.slots} slots`);
      if (values.title === undefined) writeLine(ctx.stderr, '  note: no --title given; the front matter title ends after the issue number');
    }

    if (values.out) {
      await writeFile(values.out, markdown);
      writeLine(ctx.stderr, `wrote ${values.out}`);
    } else {
      ctx.stdout.write(markdown);
    }
    return 0;
  } finally {
    // also when nothing was found: an empty answer from the wrong database looks like a bug
    writeLine(ctx.stderr, `sift export: read ${describeDatabase(ctx.env)}`);
    await app.close();
  }
};

function describe(issue: IssueDocument): string {
  const sections = issue.sections.filter((section) => section.items.length > 0);
  const items = sections.reduce((count, section) => count + section.items.length, 0);
  return `${items} item(s) in ${sections.length} section(s) (${sections.map((section) => `${section.heading} ${section.items.length}`).join(', ')})`;
}
