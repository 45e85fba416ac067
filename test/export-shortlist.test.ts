import { expect, it } from 'vitest';
import { weekWindow } from '../src/calendar/week.ts';
import { assembleIssue } from '../src/curate/assemble-issue.ts';
import { EXPECTED_ISSUE_34, seedShortlist, WEEKLY } from './export-fixtures.ts';
import { describeEachEngine } from './helpers/db.ts';

describeEachEngine('shortlist export', ({ getDb }) => {
  const week = weekWindow('2026-W48', WEEKLY);
  const deps = () => ({ db: getDb(), config: { weekly: WEEKLY } });

  it('prints the accepted items of the week by category and position, with the curator edits', async () => {
    await seedShortlist(getDb());
    const assembled = await assembleIssue(deps(), { week, number: 34, title: '新年第一期' });
    expect(assembled.skipped).toEqual([{ itemId: expect.any(Number), url: 'ftp://files.example/talk.mp4' }]);
    expect(assembled.overfull).toEqual([]);
    expect(assembled.unconfigured).toEqual([]);
    expect(assembled.markdown).toBe(EXPECTED_ISSUE_34);
  });

  it('says which sections hold more accepted items than their slots', async () => {
    const tight = {
      ...WEEKLY,
      categories: WEEKLY.categories.map((category) => (category.id === 'articles' ? { ...category, slots: 2 } : category)),
    };
    const assembled = await assembleIssue({ db: getDb(), config: { weekly: tight } }, { week, number: 34, title: '新年第一期' });
    expect(assembled.overfull).toEqual([{ heading: '🦄文章&教程', items: 3, slots: 2 }]);
    expect(assembled.markdown).toBe(EXPECTED_ISSUE_34);
  });

  it('dates the issue --date when given, and leaves no dangling colon without a title', async () => {
    const assembled = await assembleIssue(deps(), { week, number: 34, pubDate: '2026-11-29' });
    expect(assembled.markdown.split('\n').slice(0, 3)).toEqual(['---', "title: 'Python 潮流周刊#34'", 'pubDate: 2026-11-29']);
  });

  it('has nothing for a week without accepted items', async () => {
    const assembled = await assembleIssue(deps(), { week: weekWindow('2026-W50', WEEKLY), number: 36 });
    expect(assembled.issue.sections).toEqual([]);
    expect(assembled.skipped).toEqual([]);
  });
});
