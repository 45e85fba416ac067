import { describe, expect, it } from 'vitest';
import { weeklyFormat } from './fixtures/weekly-format.ts';
import type { IssueDocument, IssueItem } from './issue-document.ts';
import { parseIssue } from './parse-issue.ts';
import { readWholeTitle } from './read-whole-title.ts';
import { renderIssue } from './render-issue.ts';

const format = weeklyFormat({ footer: '## 🐼欢迎订阅\n\n- [博客](https://pythoncat.top)' });

function issueWith(items: Array<Partial<IssueItem>>, overrides: Partial<IssueDocument> = {}): IssueDocument {
  return {
    number: 34,
    title: '新年第一期',
    pubDate: '2024-01-06',
    author: '豌豆花下猫',
    frontMatter: {},
    intro: '你好，我是猫哥。',
    sections: [
      {
        heading: '🦄文章&教程',
        category: 'articles',
        items: items.map((item, index) => ({ position: index + 1, title: 'T', url: 'https://t.example/', summary: '', ...item })),
      },
    ],
    extraSections: [],
    outro: format.template.footer,
    ...overrides,
  };
}

describe('renderIssue', () => {
  it('writes the weekly format: front matter, intro, sections, numbered items, images, footer', () => {
    const issue = issueWith([
      { title: 'Python 3.13 发布', url: 'https://python.org/3.13', summary: '新版本。', imageUrl: 'https://img.example/313.png' },
      { title: '第二篇', url: 'https://b.example/', summary: '第一段。\n\n第二段。' },
    ]);
    issue.sections.push({
      heading: '🐢播客&视频',
      category: 'media',
      items: [{ position: 1, title: '播客', url: 'https://pod.example/1', summary: '一期节目。' }],
    });
    expect(renderIssue(issue, format)).toBe(
      [
        '---',
        "title: 'Python 潮流周刊#34：新年第一期'",
        'pubDate: 2024-01-06',
        "author: '豌豆花下猫'",
        '---',
        '',
        '你好，我是猫哥。',
        '',
        '## 🦄文章&教程',
        '',
        '1、[Python 3.13 发布](https://python.org/3.13)',
        '',
        '新版本。',
        '',
        '![](https://img.example/313.png)',
        '',
        '2、[第二篇](https://b.example/)',
        '',
        '第一段。',
        '',
        '第二段。',
        '',
        '## 🐢播客&视频',
        '',
        '1、[播客](https://pod.example/1)',
        '',
        '一期节目。',
        '',
        '## 🐼欢迎订阅',
        '',
        '- [博客](https://pythoncat.top)',
        '',
      ].join('\n'),
    );
  });

  it('numbers from 1 in each section whatever positions the items carry', () => {
    const rendered = renderIssue(
      issueWith([
        { position: 4, title: 'A' },
        { position: 9, title: 'B' },
      ]),
      format,
    );
    expect(rendered).toMatch(/^1、\[A\]/m);
    expect(rendered).toMatch(/^2、\[B\]/m);
  });

  it('leaves out sections without items', () => {
    const issue = issueWith([{ title: 'A' }]);
    issue.sections.push({ heading: '🥂讨论&问题', category: 'discussions', items: [] });
    expect(renderIssue(issue, format)).not.toContain('讨论&问题');
  });

  it('quotes a title with a quote and keeps extra front matter fields in their order', () => {
    const issue = issueWith([{ title: 'A' }], {
      title: "It's here",
      frontMatter: { layout: 'post', title: 'old', tags: ['weekly'], pubDate: 'old' },
    });
    expect(renderIssue(issue, format).split('\n---\n')[0]).toBe(
      [
        '---',
        "layout: 'post'",
        "title: 'Python 潮流周刊#34：It''s here'",
        'tags: ["weekly"]',
        'pubDate: 2024-01-06',
        "author: '豌豆花下猫'",
      ].join('\n'),
    );
  });

  it('adds the template English marker after the link of English items only', () => {
    const english = weeklyFormat({ english_marker: ' (英)' });
    const rendered = renderIssue(issueWith([{ title: 'A', isEnglish: true }, { title: 'B', isEnglish: false }, { title: 'C' }]), english);
    expect(rendered).toContain('1、[A](https://t.example/) (英)\n');
    expect(rendered).toContain('2、[B](https://t.example/)\n');
    expect(rendered).toContain('3、[C](https://t.example/)\n');
  });

  it('puts extra sections back where they stood', () => {
    const issue = issueWith([{ title: 'A' }], {
      extraSections: [
        { heading: '🐱产品推荐', body: '赞助内容。', after: 0 },
        { heading: '🎉活动', body: '活动内容。', after: 1 },
      ],
    });
    const headings = renderIssue(issue, format).match(/^## .*/gm);
    expect(headings).toEqual(['## 🐱产品推荐', '## 🦄文章&教程', '## 🎉活动', '## 🐼欢迎订阅']);
  });
});

describe('renderIssue: escaping', () => {
  const roundTrip = (item: Partial<IssueItem>) => {
    const rendered = renderIssue(issueWith([item, { title: 'Next', url: 'https://next.example/', summary: 'Next.' }]), format);
    return { rendered, items: parseIssue(rendered, format).sections[0]!.items };
  };

  it.each([
    ['a link inside the title', 'Use [x](y) here', '1、[Use \\[x\\](y) here](https://t.example/)'],
    [
      'emphasis and code marks',
      '*args, **kwargs and `__init__`',
      '1、[\\*args, \\*\\*kwargs and \\`\\_\\_init\\_\\_\\`](https://t.example/)',
    ],
    ['snake_case stays readable', 'use snake_case names', '1、[use snake_case names](https://t.example/)'],
    ['HTML and entities', '<script> &amp; co', '1、[\\<script> \\&amp; co](https://t.example/)'],
    ['a backslash and a lone bracket', 'C:\\path ] [', '1、[C:\\\\path \\] \\[](https://t.example/)'],
    ['line breaks', 'two\nlines', '1、[two lines](https://t.example/)'],
  ])('a title with %s prints as typed and keeps the link whole', (_, title, line) => {
    const { rendered, items } = roundTrip({ title });
    expect(rendered).toContain(`${line}\n`);
    expect(items.map((item) => item.title)).toEqual([title.replace(/\s+/g, ' '), 'Next']);
    expect(items[0]!.url).toBe('https://t.example/');
  });

  it.each([
    ['spaces', 'https://t.example/a b/c d.html', 'https://t.example/a%20b/c%20d.html'],
    ['unbalanced parentheses', 'https://t.example/a)b(c', 'https://t.example/a%29b%28c'],
    [
      'balanced parentheses (kept bare)',
      'https://en.wikipedia.org/wiki/Python_(language)',
      'https://en.wikipedia.org/wiki/Python_(language)',
    ],
    ['parentheses and spaces', 'https://t.example/x (1).pdf', 'https://t.example/x%20(1).pdf'],
    ['angle brackets and a backslash', 'https://t.example/<a>\\b', 'https://t.example/%3Ca%3E%5Cb'],
  ])('a URL with %s stays one link', (_, url, destination) => {
    const { rendered, items } = roundTrip({ title: 'T', url, imageUrl: url });
    expect(rendered).toContain(`1、[T](${destination})\n`);
    expect(rendered).toContain(`![](${destination})\n`);
    expect(items.map((item) => [item.title, item.url, item.imageUrl])).toEqual([
      ['T', destination, destination],
      ['Next', 'https://next.example/', undefined],
    ]);
  });

  it.each([
    ['a line that looks like the next item', '第一行\n\n2、[伪造](https://evil.example/)'],
    ['a heading', '正文\n\n## 🐿️项目&资源'],
    ['an unclosed code fence', '正文\n\n```python\nprint(1)'],
  ])('a summary with %s cannot break out of its item', (_, summary) => {
    const { items } = roundTrip({ title: 'T', summary });
    expect(items.map((item) => item.title)).toEqual(['T', 'Next']);
    expect(items[1]!.summary).toBe('Next.');
  });

  it('keeps a dash line in a summary from turning the line above into a heading', () => {
    const { rendered, items } = roundTrip({ title: 'T', summary: '正文\n---' });
    expect(rendered).toContain('正文\n\\---\n');
    expect(items[0]!.summary).toBe('正文\n\\---');
  });

  it('ends the front matter title after the number when the issue has no title of its own', () => {
    expect(renderIssue(issueWith([{}], { title: '' }), format).split('\n')[1]).toBe("title: 'Python 潮流周刊#34'");
    expect(renderIssue(issueWith([{}], { title: '' }), weeklyFormat({ title: '第 {issue} 期 - {title}' })).split('\n')[1]).toBe(
      "title: '第 34 期'",
    );
  });

  it('prints a title made of two adjacent links back whole, and reads it whole', () => {
    const line = '1、[pybites：](https://pybit.es/a)[定期重构的重要性](https://pybit.es/a)';
    const markdown = `---\ntitle: 'Python 潮流周刊#40：x'\n---\n\n## 🦄文章&教程\n\n${line}\n\n正文。\n\n![重构前后](https://img.example/r.png)\n`;
    const issue = parseIssue(markdown, format);
    expect(renderIssue(issue, format)).toContain(`${line}\n\n正文。\n\n![重构前后](https://img.example/r.png)\n`);
    expect(readWholeTitle(issue.sections[0]!.items[0]!)).toBe('pybites：定期重构的重要性');
  });

  it('keeps an unlinked title unlinked', () => {
    const { rendered, items } = roundTrip({
      title: '三则讨论 [合集]',
      url: null,
      summary: '[一](https://a.example/)、[二](https://b.example/)',
    });
    expect(rendered).toContain('1、三则讨论 \\[合集\\]\n');
    expect(items[0]).toMatchObject({ title: '三则讨论 [合集]', url: null });
  });
});
