import { expect, it } from 'vitest';
import { guessNextIssue } from '../../src/store/issues/guess-next-issue.ts';
import { listIssueLinks } from '../../src/store/issues/list-issue-links.ts';
import { loadIssue } from '../../src/store/issues/load-issue.ts';
import { saveIssue } from '../../src/store/issues/save-issue.ts';
import { selectIssues } from '../../src/store/issues/select-issues.ts';
import { describeEachEngine } from '../helpers/db.ts';

const link = (issue: number, position: number, url: string) => ({
  issue_number: issue,
  section: '文章&教程',
  category: 'articles',
  position,
  title: url,
  url,
  canonical_url: url,
});

/** The issues aggregate (issues + published): what `sift history import`, `sift export` and the preview read and write. */
describeEachEngine('store/issues', ({ getDb }) => {
  it('numbers the next issue after the last imported or published one', async () => {
    const db = getDb();
    expect(await guessNextIssue(db)).toBe(1);
    expect(
      await saveIssue(db, 33, { title: 'Issue 33', pub_date: '2026-11-21', week: '2026-W47' }, [link(33, 1, 'https://a.example/1')]),
    ).toBe(false);
    expect(await guessNextIssue(db)).toBe(34);
  });

  it('replaces an issue and its links as a whole, keeping print order', async () => {
    const db = getDb();
    const replaced = await saveIssue(db, 33, { title: 'Issue 33 again', pub_date: '2026-11-21', week: '2026-W47' }, [
      link(33, 1, 'https://b.example/2'),
      link(33, 2, 'https://c.example/3'),
    ]);
    expect(replaced).toBe(true);
    expect((await loadIssue(db, 33))?.title).toBe('Issue 33 again');
    expect((await listIssueLinks(db, 33)).map((row) => row.url)).toEqual(['https://b.example/2', 'https://c.example/3']);
    expect(await loadIssue(db, 99)).toBeUndefined();
  });

  it('selects one issue by number or the last ones, oldest first', async () => {
    const db = getDb();
    await saveIssue(db, 34, { title: 'Issue 34', pub_date: '2026-11-28', week: '2026-W48' }, []);
    await saveIssue(db, 35, { title: 'Issue 35', pub_date: '2026-12-05', week: '2026-W49' }, []);
    expect((await selectIssues(db, { last: 2 })).map((entry) => entry.number)).toEqual([34, 35]);
    expect(await selectIssues(db, { issue: 7, last: 4 })).toEqual([{ number: 7, row: undefined }]);
  });
});
