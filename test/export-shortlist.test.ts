import { expect, it } from 'vitest';
import { buildIssueFromShortlist } from '../src/export/build-issue-from-shortlist.ts';
import { formatClosingDay } from '../src/export/closing-day.ts';
import { loadAcceptedShortlist } from '../src/export/load-accepted-shortlist.ts';
import { renderIssue } from '../src/export/render-issue.ts';
import { weekWindow } from '../src/rank/week.ts';
import { loadShortlist } from '../src/review/load-shortlist.ts';
import { renderExportPreview } from '../src/review/render-export-preview.ts';
import { EXPECTED_ISSUE_34, seedShortlist, WEEKLY } from './export-fixtures.ts';
import { describeEachEngine } from './helpers/db.ts';

describeEachEngine('shortlist export', ({ getDb }) => {
  it('prints the accepted items of the week by category and position, with the curator edits', async () => {
    await seedShortlist(getDb());
    const { entries, skipped } = await loadAcceptedShortlist(getDb(), '2026-W48');
    expect(skipped).toEqual([{ itemId: expect.any(Number), url: 'ftp://files.example/talk.mp4' }]);
    const week = weekWindow('2026-W48', WEEKLY);
    const issue = buildIssueFromShortlist(
      { number: 34, title: '新年第一期', pubDate: formatClosingDay(week, WEEKLY.timezone), author: WEEKLY.author, entries },
      { categories: WEEKLY.categories, template: WEEKLY.template },
    );
    expect(renderIssue(issue, { template: WEEKLY.template })).toBe(EXPECTED_ISSUE_34);
  });

  it('gives byte for byte what the review page previews and downloads', async () => {
    const sections = await loadShortlist(getDb(), WEEKLY, '2026-W48');
    const preview = renderExportPreview(sections, WEEKLY, weekWindow('2026-W48', WEEKLY), { issueNumber: 34, issueTitle: '新年第一期' });
    expect(preview).toBe(EXPECTED_ISSUE_34);
  });

  it('has nothing for a week without accepted items', async () => {
    expect(await loadAcceptedShortlist(getDb(), '2026-W50')).toEqual({ entries: [], skipped: [] });
  });
});
