import { describe, expect, it } from 'vitest';
import { buildIssueFromShortlist, type ShortlistEntry } from './build-issue-from-shortlist.ts';
import { weeklyFormat } from './fixtures/weekly-format.ts';
import { parseIssue } from './parse-issue.ts';
import { renderIssue } from './render-issue.ts';

const format = weeklyFormat({ intro: '第 {issue} 期，{date}。', footer: '## 🐼欢迎订阅\n\n作者 {author}' });

function entry(overrides: Partial<ShortlistEntry>): ShortlistEntry {
  return {
    title: 'T',
    summary: '摘要。',
    summaryFormat: 'markdown',
    url: 'https://t.example/',
    category: 'articles',
    position: null,
    ...overrides,
  };
}

const input = { number: 34, title: '新年', pubDate: '2024-01-06', author: '猫哥' };

describe('buildIssueFromShortlist', () => {
  it('groups by category in configured order and by position inside each, unpositioned last', () => {
    const issue = buildIssueFromShortlist(
      {
        ...input,
        entries: [
          entry({ title: 'media', category: 'media', position: 1 }),
          entry({ title: 'a-unpositioned', position: null }),
          entry({ title: 'a2', position: 2 }),
          entry({ title: 'p1', category: 'projects', position: 1 }),
          entry({ title: 'a1', position: 1 }),
        ],
      },
      format,
    );
    expect(issue.sections.map((section) => [section.heading, section.items.map((item) => [item.position, item.title])])).toEqual([
      [
        '🦄文章&教程',
        [
          [1, 'a1'],
          [2, 'a2'],
          [3, 'a-unpositioned'],
        ],
      ],
      ['🐿️项目&资源', [[1, 'p1']]],
      ['🐢播客&视频', [[1, 'media']]],
    ]);
  });

  it('keeps entries of a category no longer configured, after the configured ones', () => {
    const issue = buildIssueFromShortlist({ ...input, entries: [entry({ category: 'news' }), entry({ category: 'articles' })] }, format);
    expect(issue.sections.map((section) => section.category)).toEqual(['articles', 'news']);
  });

  it('prints the image with its alt text, and no alt without an image', () => {
    const [withImage, withoutImage] = buildIssueFromShortlist(
      {
        ...input,
        entries: [
          entry({ imageUrl: 'https://img.example/a.png', imageAlt: ' 诺基亚 9500 上的\n大模型 ' }),
          entry({ imageAlt: '孤立的说明' }),
        ],
      },
      format,
    ).sections[0]!.items;
    expect(withImage).toMatchObject({ imageUrl: 'https://img.example/a.png', imageAlt: '诺基亚 9500 上的 大模型' });
    expect(withoutImage!.imageAlt).toBeUndefined();
  });

  it('fills the template intro and footer', () => {
    const issue = buildIssueFromShortlist({ ...input, entries: [entry({})] }, format);
    expect(issue.intro).toBe('第 34 期，2024-01-06。');
    expect(issue.outro).toBe('## 🐼欢迎订阅\n\n作者 猫哥');
    expect(buildIssueFromShortlist({ ...input, entries: [], intro: '本周导语' }, format).intro).toBe('本周导语');
  });

  it('escapes a feed summary but prints a curator summary as Markdown', () => {
    const issue = buildIssueFromShortlist(
      {
        ...input,
        entries: [
          entry({ title: 'feed', summary: 'Uses *args and [links](x)', summaryFormat: 'text', position: 1 }),
          entry({ title: 'curator', summary: '见 [文档](https://docs.example/)', summaryFormat: 'markdown', position: 2 }),
        ],
      },
      format,
    );
    const rendered = renderIssue(issue, format);
    expect(rendered).toContain('Uses \\*args and \\[links\\](x)');
    expect(rendered).toContain('见 [文档](https://docs.example/)');
  });

  it('gives an issue whose Markdown parses back to the shortlist', () => {
    const entries = [
      entry({ title: 'A [beta]', url: 'https://a.example/x (1)', imageUrl: 'https://img.example/a.png', position: 1 }),
      entry({ title: 'B', category: 'projects', position: 1, summary: '一段。\n\n二段。' }),
    ];
    const rendered = renderIssue(buildIssueFromShortlist({ ...input, entries }, format), format);
    const parsed = parseIssue(rendered, format);
    expect(parsed).toMatchObject({ number: 34, title: '新年', pubDate: '2024-01-06', author: '猫哥' });
    expect(parsed.sections.map((section) => [section.category, section.items])).toEqual([
      [
        'articles',
        [{ position: 1, title: 'A [beta]', url: 'https://a.example/x%20(1)', summary: '摘要。', imageUrl: 'https://img.example/a.png' }],
      ],
      ['projects', [{ position: 1, title: 'B', url: 'https://t.example/', summary: '一段。\n\n二段。' }]],
    ]);
  });
});
