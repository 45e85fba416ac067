import { describe, expect, it } from 'vitest';
import { ParseError } from '../shared/errors.ts';
import { weeklyFormat } from './fixtures/weekly-format.ts';
import { parseIssue } from './parse-issue.ts';
import { renderIssue } from './render-issue.ts';

const format = weeklyFormat();
const FRONT = "---\ntitle: 'Python 潮流周刊#7：测试'\npubDate: 2023-06-24\nauthor: '豌豆花下猫'\n---\n\n你好，我是猫哥。\n\n";

/** Section headings → (category, titles, urls) of what was read. */
function summarize(markdown: string, options = {}) {
  const issue = parseIssue(markdown, format, options);
  return issue.sections.map((section) => ({
    category: section.category,
    items: section.items.map((item) => [item.position, item.title, item.url]),
  }));
}

describe('parseIssue: section headings', () => {
  const body = '\n\n1、[A](https://a.example/)\n\n摘要 A。\n';
  it.each([
    ['## 🦄文章&教程', 'articles'],
    ['## 🦄 文章&教程', 'articles'],
    ['### 🦄文章&教程', 'articles'],
    ['## [🦄文章&教程](https://pythoncat.top/tags/weekly)', 'articles'],
    ['## 文章 ＆ 教程', 'articles'],
    ['##🐿️项目&资源', 'projects'],
    ['## 🐢 播客 & 视频 ##', 'media'],
    ['## **🥂讨论&问题**', 'discussions'],
  ])('%s → %s', (heading, category) => {
    expect(summarize(`${FRONT}${heading}${body}`)).toEqual([{ category, items: [[1, 'A', 'https://a.example/']] }]);
  });

  it('keeps the heading as printed, link included', () => {
    const issue = parseIssue(`${FRONT}## [🦄文章&教程](https://x.example/t)${body}`, format);
    expect(issue.sections[0]!.heading).toBe('[🦄文章&教程](https://x.example/t)');
  });

  it('treats headings one level below the sections as part of an item', () => {
    const markdown = `${FRONT}## 🦄文章&教程\n\n1、[A](https://a.example/)\n\n### 小结\n\n正文。\n\n2、[B](https://b.example/)\n\nB。\n`;
    const issue = parseIssue(markdown, format);
    expect(issue.sections[0]!.items.map((item) => item.summary)).toEqual(['### 小结\n\n正文。', 'B。']);
  });
});

describe('parseIssue: item lines', () => {
  it.each([
    ['1、[A](https://a.example/)', [1, 'A', 'https://a.example/']],
    ['1、 [A](https://a.example/) ', [1, 'A', 'https://a.example/']],
    ['1. [A](https://a.example/)', [1, 'A', 'https://a.example/']],
    ['1，[A](https://a.example/)', [1, 'A', 'https://a.example/']],
    ['1、**[A](https://a.example/)**', [1, 'A', 'https://a.example/']],
    ['1、[A  \\[draft\\]](<https://a.example/a b>)', [1, 'A [draft]', 'https://a.example/a b']],
    ['1、[Wiki](https://en.wikipedia.org/wiki/Python_(language))', [1, 'Wiki', 'https://en.wikipedia.org/wiki/Python_(language)']],
    ['1、[A](https://a.example/ "hover text")', [1, 'A', 'https://a.example/']],
    ['1、V2EX 上三则热门讨论', [1, 'V2EX 上三则热门讨论', null]],
  ])('%s', (line, expected) => {
    expect(summarize(`${FRONT}## 🦄文章&教程\n\n${line}\n\n摘要。\n`)[0]!.items).toEqual([expected]);
  });

  it.each([
    ['1、[A](https://a.example/)（英文）', { isEnglish: true }],
    ['1、[A](https://a.example/) (英)', { isEnglish: true }],
    ['1、[A（英文）](https://a.example/)', { isEnglish: true, title: 'A' }],
    ['1、[A](https://a.example/)（英文）（star 3K）', { isEnglish: true, extra: '（star 3K）' }],
  ])('%s carries an English marker', (line, expected) => {
    const issue = parseIssue(`${FRONT}## 🦄文章&教程\n\n${line}\n\n摘要。\n\n2、[B](https://b.example/)\n\n摘要。\n`, format);
    const [first, second] = issue.sections[0]!.items;
    expect(first).toMatchObject({ title: 'A', ...expected });
    expect(second!.isEnglish).toBe(false);
  });

  it('leaves isEnglish unknown when the issue marks nothing and the template has no marker', () => {
    const issue = parseIssue(`${FRONT}## 🦄文章&教程\n\n1、[A](https://a.example/)\n\nA。\n`, format);
    expect(issue.sections[0]!.items[0]!.isEnglish).toBeUndefined();
  });

  it('reads unmarked items as not English when the template has a marker', () => {
    const issue = parseIssue(`${FRONT}## 🦄文章&教程\n\n1、[A](https://a.example/)\n\nA。\n`, weeklyFormat({ english_marker: ' (英)' }));
    expect(issue.sections[0]!.items[0]!.isEnglish).toBe(false);
  });

  it('does not take a numbered list inside a summary for items', () => {
    const markdown = `${FRONT}## 🦄文章&教程\n\n1. [A](https://a.example/)\n\n三个步骤：\n\n1. [安装](https://a.example/install)\n2. 运行\n\n2. [B](https://b.example/)\n\nB。\n`;
    const issue = parseIssue(markdown, format);
    expect(issue.sections[0]!.items.map((item) => item.title)).toEqual(['A', 'B']);
    expect(issue.sections[0]!.items[0]!.summary).toBe('三个步骤：\n\n1. [安装](https://a.example/install)\n2. 运行');
  });

  it('follows a linked item whose number slipped (two 5s, a skipped 7)', () => {
    const lines = [5, 5, 6, 8].map((n, index) => `${n}、[T${index}](https://t${index}.example/)\n\n摘要。`);
    const markdown = `${FRONT}## 🦄文章&教程\n\n${lines.join('\n\n')}\n`;
    expect(summarize(markdown)[0]!.items.map((item) => item[1])).toEqual(['T0', 'T1', 'T2', 'T3']);
  });
});

describe('parseIssue: item bodies', () => {
  const parseOne = (body: string) =>
    parseIssue(`${FRONT}## 🦄文章&教程\n\n1、[A](https://a.example/)\n\n${body}\n`, format).sections[0]!.items[0]!;

  it('reads an item without an image', () => {
    expect(parseOne('一段摘要。')).toEqual({ position: 1, title: 'A', url: 'https://a.example/', summary: '一段摘要。' });
  });

  it('reads several paragraphs and takes the image out, wherever it stands', () => {
    const item = parseOne('第一段。\n\n![截图](https://img.example/a.png)\n\n第二段。');
    expect(item).toMatchObject({ summary: '第一段。\n\n第二段。', imageUrl: 'https://img.example/a.png', imageAlt: '截图' });
  });

  it('takes the last of several images and keeps the others in the summary', () => {
    const item = parseOne('![](https://img.example/1.png)\n\n正文。\n\n![](https://img.example/2.png)');
    expect(item).toMatchObject({ summary: '![](https://img.example/1.png)\n\n正文。', imageUrl: 'https://img.example/2.png' });
  });

  it('keeps a fenced code block whole, blank lines, `#` comments and `2、` lines included', () => {
    const code = '```python\n# 注释\n\n2、不是条目\n```';
    const item = parseOne(`代码：\n\n${code}`);
    expect(item.summary).toBe(`代码：\n\n${code}`);
  });

  it('reads a summary that starts on the line under the title', () => {
    const issue = parseIssue(`${FRONT}## 🦄文章&教程\n\n1、[A](https://a.example/)\n紧跟的摘要。\n`, format);
    expect(issue.sections[0]!.items[0]!.summary).toBe('紧跟的摘要。');
  });

  it('takes an interlude after the last item as the section trailer, not the item summary', () => {
    const markdown = `${FRONT}## 🦄文章&教程\n\n1、[A](https://a.example/)\n\nA。\n\n> 🎁**Python潮流周刊**🎁已更新到第 30 期啦！\n\n![](https://img.example/qr.png)\n\n## 🐿️项目&资源\n\n1、[B](https://b.example/)\n\nB。\n`;
    const issue = parseIssue(markdown, format);
    expect(issue.sections[0]!.items[0]).toEqual({ position: 1, title: 'A', url: 'https://a.example/', summary: 'A。' });
    expect(issue.sections[0]!.trailer).toBe('> 🎁**Python潮流周刊**🎁已更新到第 30 期啦！\n\n![](https://img.example/qr.png)');
  });
});

describe('parseIssue: the whole issue', () => {
  const full = [
    "---\ntitle: 'Python 潮流周刊#26：requests3 的现状'\npubDate: 2023-11-11\nauthor: '豌豆花下猫'\ntags: [weekly]\n---",
    '你好，我是猫哥。\n\n第二段导语。',
    '## 🐱品牌赞助\n\n本周刊由“**Python猫**”出品。',
    '## 🦄文章&教程\n\n1、[A](https://a.example/)\n\nA。',
    '## 🎉本周活动\n\n没有条目的一节。',
    '## 🐿️项目&资源\n\n1、[B](https://b.example/)\n\nB。',
    '## 🐱赞助&支持\n\n请随意赞赏。\n\n## 🐼欢迎订阅\n\n- [博客](https://pythoncat.top)',
  ].join('\n\n');

  it('reads front matter, intro, sponsor and other extra sections, and the closing part', () => {
    const issue = parseIssue(full, format);
    expect(issue).toMatchObject({
      number: 26,
      title: 'requests3 的现状',
      pubDate: '2023-11-11',
      author: '豌豆花下猫',
      frontMatter: { title: 'Python 潮流周刊#26：requests3 的现状', pubDate: '2023-11-11', author: '豌豆花下猫', tags: ['weekly'] },
      intro: '你好，我是猫哥。\n\n第二段导语。',
      extraSections: [
        { heading: '🐱品牌赞助', body: '本周刊由“**Python猫**”出品。', after: 0 },
        { heading: '🎉本周活动', body: '没有条目的一节。', after: 1 },
      ],
      outro: '## 🐱赞助&支持\n\n请随意赞赏。\n\n## 🐼欢迎订阅\n\n- [博客](https://pythoncat.top)',
    });
    expect(issue.sections.map((section) => section.category)).toEqual(['articles', 'projects']);
  });

  it('renders back to the same text it was read from', () => {
    expect(renderIssue(parseIssue(full, format), format)).toBe(`${full}\n`.replace('tags: [weekly]', 'tags: ["weekly"]'));
  });

  it('reads CRLF files and a byte order mark like LF ones', () => {
    const crlf = `\uFEFF${full.replace(/\n/g, '\r\n')}`;
    expect(parseIssue(crlf, format)).toEqual(parseIssue(full, format));
  });

  it('reads an issue without front matter from its # title', () => {
    const issue = parseIssue('# Python 潮流周刊#3：标题\n\n导语。\n\n## 文章&教程\n\n1、[A](https://a.example/)\n\nA。\n', format);
    expect(issue).toMatchObject({ number: 3, title: '标题', pubDate: '', intro: '导语。' });
  });

  it('takes the number from the caller when the title has none', () => {
    const issue = parseIssue("---\ntitle: '一期没有编号的周刊'\n---\n\n## 文章&教程\n\n1、[A](https://a.example/)\n", format, {
      number: 12,
    });
    expect(issue).toMatchObject({ number: 12, title: '一期没有编号的周刊' });
  });

  it('finds item sections by their numbered links when no heading names a category', () => {
    const issue = parseIssue(`${FRONT}## Articles\n\n1. [A](https://a.example/)\n\n## About\n\nWho we are.\n`, {
      ...format,
      categories: [],
    });
    expect(issue.sections).toMatchObject([{ heading: 'Articles', category: undefined, items: [{ title: 'A' }] }]);
    expect(issue.outro).toBe('## About\n\nWho we are.');
  });

  it.each([
    ['no issue number anywhere', "---\ntitle: '没有编号'\n---\n\n正文\n", /no issue number/],
    ['front matter never closed', "---\ntitle: 'x'\n\n正文\n", /never closed/],
    ['front matter that is not a mapping', '---\n- a\n- b\n---\n', /mapping/],
    ['front matter with bad YAML', "---\ntitle: 'x\n---\n", /not valid YAML/],
  ])('rejects %s with a ParseError', (_, markdown, message) => {
    expect(() => parseIssue(markdown, format)).toThrow(ParseError);
    expect(() => parseIssue(markdown, format)).toThrow(message);
  });
});
