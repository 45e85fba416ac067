import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { weeklySchema } from '../src/config/schema.ts';
import { importHistory, type HistoryFile } from '../src/curate/import-history.ts';
import type { IssueDocument } from '../src/export/issue-document.ts';
import { loadStoredIssue } from '../src/export/load-stored-issue.ts';
import { parseIssue } from '../src/export/parse-issue.ts';
import { renderIssue } from '../src/export/render-issue.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { describeEachEngine } from './helpers/db.ts';
import { sharedCorpusDir } from './helpers/shared-corpus.ts';

const corpus = `${sharedCorpusDir('weekly')}issues/`;
const files: HistoryFile[] = readdirSync(corpus)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => ({ path: `${corpus}${name}`, text: readFileSync(`${corpus}${name}`, 'utf8') }));

const weekly = weeklySchema.parse({
  author: '豌豆花下猫',
  categories: [
    { id: 'articles', title: '文章&教程', emoji: '🦄', slots: 12 },
    { id: 'projects', title: '项目&资源', emoji: '🐿️', slots: 12 },
    { id: 'media', title: '播客&视频', emoji: '🐢', slots: 3 },
    { id: 'discussions', title: '讨论&问题', emoji: '🥂', slots: 3 },
  ],
});
const format = { categories: weekly.categories, template: weekly.template };

/** The items as a reader sees them: what the stored copy must give back. */
function itemsOf(issue: IssueDocument) {
  return issue.sections.map((section) => ({
    heading: section.heading,
    category: section.category,
    items: section.items.map((item) => ({
      position: item.position,
      title: item.title,
      url: item.url,
      summary: item.summary,
      imageUrl: item.imageUrl,
    })),
  }));
}

describeEachEngine('history import', ({ getDb }) => {
  const deps = () => ({ db: getDb(), log: silentLogger(), clock: fixedClock('2026-11-25T12:00:00Z'), config: { weekly } });

  it('imports the 20 published issues with every link, its canonical URL and the issue week', async () => {
    const results = await importHistory(deps(), files);
    expect(results.map((result) => result.status)).toEqual(Array(20).fill('imported'));
    expect(results[0]).toMatchObject({ number: 14, title: 'Lpython 高性能编译器、Python 与 JavaScript 实现互通', replaced: false });

    const db = getDb();
    const issues = await db.selectFrom('issues').select(['number', 'pub_date', 'week']).orderBy('number').execute();
    expect(issues).toHaveLength(20);
    expect(issues[0]).toEqual({ number: 14, pub_date: '2023-08-05', week: '2023-W31' });
    const links = await db
      .selectFrom('published')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('url', '<>', '')
      .executeTakeFirstOrThrow();
    expect(Number(links.count)).toBe(520);

    const row = await db
      .selectFrom('published')
      .select(['section', 'category', 'position', 'canonical_url', 'is_english', 'image_url'])
      .where('url', '=', 'https://www.marsja.se/coefficient-of-variation-in-python-with-pandas-numpy/')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      section: '🦄文章&教程',
      category: 'articles',
      position: 3,
      canonical_url: 'https://marsja.se/coefficient-of-variation-in-python-with-pandas-numpy',
      is_english: true,
      image_url: null,
    });
    const chinese = await db
      .selectFrom('published')
      .select('is_english')
      .where('url', '=', 'https://juejin.cn/post/7287418444647677986')
      .executeTakeFirstOrThrow();
    expect(chinese.is_english).toBe(false);
  });

  it('guesses the language of an issue that marks none, even when the template has a marker', async () => {
    const marked = { ...weekly, template: { ...weekly.template, english_marker: ' (英)' } };
    await importHistory({ ...deps(), config: { weekly: marked } }, files.slice(0, 1));
    const rows = await getDb().selectFrom('published').select(['url', 'is_english']).where('issue_number', '=', 14).execute();
    expect(rows.find((row) => row.url.includes('marsja.se'))!.is_english).toBe(true);
    expect(rows.filter((row) => row.is_english).length).toBeGreaterThan(10);
    const stored = await loadStoredIssue(getDb(), 14, { categories: marked.categories, template: marked.template });
    expect(renderIssue(stored!, { template: marked.template })).not.toContain('(英)');
  });

  it('keeps numbered items without a link, with an empty URL that matches no item', async () => {
    const rows = await getDb()
      .selectFrom('published')
      .select(['issue_number', 'section', 'position', 'title', 'canonical_url'])
      .where('url', '=', '')
      .orderBy('id')
      .execute();
    expect(rows[0]).toEqual({
      issue_number: 17,
      section: '🥂讨论&问题',
      position: 2,
      title: 'V2EX 上三则关于 Python 后端的热门讨论',
      canonical_url: '',
    });
  });

  it('gives every issue back as stored: its Markdown renders to the items of the file', async () => {
    for (const file of files) {
      const fromFile = parseIssue(file.text, format);
      const stored = await loadStoredIssue(getDb(), fromFile.number, format);
      const reparsed = parseIssue(renderIssue(stored!, format), format);
      expect({ number: reparsed.number, title: reparsed.title, pubDate: reparsed.pubDate, items: itemsOf(reparsed) }, file.path).toEqual({
        number: fromFile.number,
        title: fromFile.title,
        pubDate: fromFile.pubDate,
        items: itemsOf(fromFile),
      });
      expect(reparsed.intro).toBe(fromFile.intro);
      expect(reparsed.extraSections.filter((section) => section.after === 0)).toEqual(
        fromFile.extraSections.filter((section) => section.after === 0),
      );
      expect(reparsed.outro).toBe(fromFile.outro);
    }
    expect(await loadStoredIssue(getDb(), 999, format)).toBeNull();
  });

  it('replaces an issue imported again, in place, and the edited file wins', async () => {
    const db = getDb();
    const before = await db
      .selectFrom('published')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    const again = await importHistory(deps(), files.slice(0, 2));
    expect(again.map((result) => result.status === 'imported' && result.replaced)).toEqual([true, true]);
    const after = await db
      .selectFrom('published')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    expect(after.count).toEqual(before.count);

    const edited = files[0]!.text.replace(/\n1、\[LPython[^\n]*\n\n[^\n]*\n/, '\n1、[新标题](https://new.example/post)\n\n新的摘要。\n');
    await importHistory(deps(), [{ path: 'edited/014.md', text: edited }]);
    const stored = await loadStoredIssue(db, 14, format);
    expect(stored!.sections[0]!.items[0]).toMatchObject({
      position: 1,
      title: '新标题',
      url: 'https://new.example/post',
      summary: '新的摘要。',
    });
    expect(stored!.sections[0]!.items).toHaveLength(15);
  });

  it('reports a file it cannot read and imports the others', async () => {
    const results = await importHistory(deps(), [
      { path: 'notes/todo.md', text: "---\ntitle: '待办'\n---\n\n随手记。\n" },
      {
        path: 'issues/100.md',
        text: "---\ntitle: 'Python 潮流周刊#100：百期'\npubDate: 2025-05-03\n---\n\n## 🦄文章&教程\n\n1、[A](https://a.example/)\n\nA。\n",
      },
      { path: 'broken/101.md', text: "---\ntitle: 'x\n---\n" },
    ]);
    expect(results.map((result) => [result.path, result.status])).toEqual([
      ['notes/todo.md', 'failed'],
      ['issues/100.md', 'imported'],
      ['broken/101.md', 'failed'],
    ]);
    expect(results[0]!.status === 'failed' && results[0]!.error.message).toMatch(/no issue number/);
    expect(await loadStoredIssue(getDb(), 100, format)).toMatchObject({ number: 100, title: '百期', pubDate: '2025-05-03' });
  });

  it('takes the issue number from the file name when the title has none', async () => {
    const [result] = await importHistory(deps(), [
      { path: 'archive/2023-06-24-weekly-7.md', text: "---\ntitle: '第七期'\n---\n\n## 文章&教程\n\n1、[A](https://a.example/7)\n\nA。\n" },
    ]);
    expect(result).toMatchObject({ status: 'imported', number: 7, title: '第七期' });
  });
});
