import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { weeklyFormat } from './fixtures/weekly-format.ts';
import type { IssueDocument } from './issue-document.ts';
import { parseIssue } from './parse-issue.ts';
import { renderIssue } from './render-issue.ts';
import { sharedCorpusDir } from '../../test/helpers/shared-corpus.ts';

// The weekly's issues #14–#33 byte for byte (shared/corpus/weekly, read-only). A missing corpus fails the suite.
const corpus = sharedCorpusDir('weekly');
const files = readdirSync(`${corpus}issues`)
  .filter((name) => name.endsWith('.md'))
  .sort();
const format = weeklyFormat();

/** urls.tsv cut this link at its first `)`; in the Markdown its parentheses pair up, so the link goes on (CommonMark). */
const TSV_TRUNCATED_URLS: Record<string, string> = {
  'https://github.com/stickfigure/blog/wiki/How-to-(and-how-not-to':
    'https://github.com/stickfigure/blog/wiki/How-to-(and-how-not-to)-design-REST-APIs',
};

/** What a reader sees of the items: the round trip must keep all of it. */
function itemsOf(issue: IssueDocument) {
  return issue.sections.map((section) => ({
    heading: section.heading,
    category: section.category,
    items: section.items.map(({ position, title, url, summary, imageUrl, imageAlt, isEnglish, extra }) => ({
      position,
      title,
      url,
      summary,
      imageUrl,
      imageAlt,
      isEnglish,
      extra,
    })),
  }));
}

const parsed = new Map(files.map((name) => [name, parseIssue(readFileSync(`${corpus}issues/${name}`, 'utf8'), format)]));

describe('the published issues #14–#33', () => {
  it('are all there', () => {
    expect(files).toHaveLength(20);
  });

  it.each(files)('%s survives parse → render → parse with identical items', (name) => {
    const first = parsed.get(name)!;
    const rendered = renderIssue(first, format);
    const second = parseIssue(rendered, format);
    expect(second.number).toBe(first.number);
    expect(second.title).toBe(first.title);
    expect(second.pubDate).toBe(first.pubDate);
    expect(itemsOf(second)).toEqual(itemsOf(first));
    expect(second.intro).toBe(first.intro);
    expect(second.outro).toBe(first.outro);
    expect(second.extraSections).toEqual(first.extraSections);
    expect(second.sections.map((section) => section.trailer)).toEqual(first.sections.map((section) => section.trailer));
  });

  it.each(files)('%s keeps its front matter title, date and author when re-rendered', (name) => {
    const source = readFileSync(`${corpus}issues/${name}`, 'utf8');
    const rendered = renderIssue(parsed.get(name)!, format);
    expect(rendered.split('\n---\n')[0]).toBe(source.split('\n---\n')[0]);
  });

  it('reads every numbered link of urls.tsv with its section, number, URL and title, and no other', () => {
    const rows = readFileSync(`${corpus}urls.tsv`, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'));
    expect(rows).toHaveLength(520);
    const found = [...parsed.values()].flatMap((issue) =>
      issue.sections.flatMap((section) =>
        section.items
          .filter((item) => item.url !== null)
          .map((item) =>
            [String(issue.number), section.heading.replace(/\s/g, ''), String(item.position), item.url, item.title].join('\t'),
          ),
      ),
    );
    const expected = rows.map((row) => {
      const [issue, heading, index, url, title] = row as [string, string, string, string, string];
      // urls.tsv keeps the Markdown's backslash escapes (`\_\_init\_\_`); the parser gives the text a reader sees.
      const shownTitle = title.replace(/\\([!-/:-@[-`{-~])/g, '$1');
      return [issue, heading, index, TSV_TRUNCATED_URLS[url] ?? url, shownTitle].join('\t');
    });
    expect(found.sort()).toEqual(expected.sort());
  });

  it('maps the four section headings to the configured categories', () => {
    const byHeading = new Map<string, string | undefined>();
    for (const issue of parsed.values()) for (const section of issue.sections) byHeading.set(section.heading, section.category);
    expect(Object.fromEntries(byHeading)).toEqual({
      '🦄文章&教程': 'articles',
      '🐿️项目&资源': 'projects',
      '🐢播客&视频': 'media',
      '🥂讨论&问题': 'discussions',
    });
  });

  it('keeps the sponsor sections, interludes and closing sections out of the items', () => {
    const issue26 = parsed.get('026.md')!;
    expect(issue26.extraSections).toEqual([{ heading: '🐱品牌赞助', body: expect.stringContaining('Python猫'), after: 0 }]);
    expect(issue26.sections[0]!.trailer).toMatch(/^🎁\*\*Python开发者调查\*\*🎁/);
    expect(issue26.outro).toMatch(/^## 🐼欢迎订阅\n/);
    const issue14 = parsed.get('014.md')!;
    expect(issue14.sections[0]!.items.at(-1)!.summary).not.toContain('🎁');
    expect(issue14.outro).toMatch(/^## 🐱赞助&支持\n[\s\S]*## 🐼欢迎订阅/);
  });

  it('reads numbered items without a link (their links are in the summary)', () => {
    const discussions = parsed.get('017.md')!.sections.find((section) => section.category === 'discussions')!;
    expect(discussions.items[1]).toMatchObject({ position: 2, title: 'V2EX 上三则关于 Python 后端的热门讨论', url: null });
    expect(discussions.items[1]!.summary).toContain('https://www.v2ex.com/t/962899');
  });

  it('keeps code blocks with # lines inside the item they belong to', () => {
    const projects = parsed.get('033.md')!.sections.find((section) => section.category === 'projects')!;
    expect(projects.items[1]!.summary).toContain('```python\n# 从 PostgreSQL 中提取数据到 CSV 文件\n');
    expect(projects.items[2]).toMatchObject({
      position: 3,
      title: 'evue：基于 html/css 的高性能 GUI 框架',
      imageAlt: 'evue拖拽生成计算器',
    });
  });
});
