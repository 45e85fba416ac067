import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDigestLinks, extractDigestLinksDetailed, MAX_LINKS_PER_ISSUE } from './extract-digest-links.ts';
import type { DigestContext, DigestLink, DigestSkipReason } from './types.ts';

// Newsletters read as their editors meant them: one fixture per class of newsletter quirk
// (click-through wrappers, a publisher's own posts, credits / job threads / ads, discussion counts).

function readFixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}.html`, import.meta.url), 'utf8');
}

function skippedByReason(context: DigestContext, html: string): Partial<Record<DigestSkipReason, string[]>> {
  const grouped: Partial<Record<DigestSkipReason, string[]>> = {};
  for (const anchor of extractDigestLinksDetailed(context, html).skipped) (grouped[anchor.reason] ??= []).push(anchor.href);
  return grouped;
}

interface FixtureCase {
  fixture: string;
  context: DigestContext;
  kept: Array<Partial<DigestLink> & { url: string }>;
  skipped: Partial<Record<DigestSkipReason, string[]>>;
}

const fixtures: FixtureCase[] = [
  {
    fixture: 'click-through-wrappers',
    context: { issueUrl: 'https://monthly.example.org/periodical/volume/12', feedUrl: 'https://monthly.example.org/rss' },
    kept: [
      // The own-host wrapper read through, whatever the encoding or parameter name.
      { url: 'https://github.com/alpha/fastq', title: 'fastq', summary: '一个快速的任务队列。该项目支持重试和定时任务。' },
      { url: 'https://github.com/beta/plotkit', title: 'plotkit' },
      { url: 'https://gitlab.com/gamma/delta', title: 'delta' },
      // No target to read: kept as the newsletter's click-through, for the caller to follow.
      { url: 'https://monthly.example.org/periodical/statistics/click/?id=881', title: 'tinydb-web', isRedirect: true },
      // Another site's click-through path, read through as well.
      { url: 'https://docs.example.com/guide', title: '部署指南' },
    ],
    skipped: {
      'own-site': ['https://monthly.example.org/periodical/volume/12', 'https://monthly.example.org/periodical'],
      'bad-redirect': [
        'https://monthly.example.org/periodical/statistics/click/?target=https://',
        'https://monthly.example.org/go/?to=javascript:alert(1)',
      ],
      duplicate: ['https://github.com/alpha/fastq'],
    },
  },
  {
    fixture: 'publisher-own-posts',
    context: {
      issueUrl: 'https://news.makerco.example/issues/31',
      feedUrl: 'https://news.makerco.example/feed.xml',
      siteUrl: 'https://makerco.example/',
    },
    kept: [
      { url: 'https://blog.makerco.example/post/solder-fumes-guide', title: 'Keep Solder Fumes Out of Your Lungs' },
      { url: 'https://learn.makerco.example/guide/pico-w/getting-started', title: 'Getting Started with the Pico W' },
      { url: 'https://hackaday.example.io/project/12345-e-ink-weather', title: 'An e-ink weather station' },
      {
        url: 'https://blog.makerco.example/2024/03/circuitpython-9',
        title: 'CircuitPython 9 is out',
        summary: 'What changed for our boards.',
      },
    ],
    skipped: {
      'own-site': [
        'https://news.makerco.example/issues/31',
        'https://makerco.example/',
        'https://makerco.example/authors/jane',
        'https://blog.makerco.example/category/tutorials',
        'https://blog.makerco.example/tag/python/',
        'https://news.makerco.example/issues/30',
        'https://news.makerco.example/archive',
        'https://news.makerco.example/feed.xml',
        'https://makerco.example/about',
      ],
      'newsletter-chrome': ['https://makerco.example/subscribe'],
      'social-profile': ['https://twitter.com/makerco'],
    },
  },
  {
    fixture: 'credits-jobs-ads',
    context: {
      issueUrl: 'https://www.techweekly.example/blog/2024/01/weekly-issue-120.html',
      feedUrl: 'https://www.techweekly.example/blog/atom.xml',
    },
    kept: [
      { url: 'https://blog.example.com/rust-async', title: 'Rust 异步入门', summary: '一篇写给初学者的教程。（@alice 投稿）' },
      { url: 'https://another.example.org/python-gil', title: 'GIL 的未来' },
      // "这里" in a paragraph that sells nothing is an ordinary link.
      { url: 'https://another.example.org/python-gil-2', title: '这里' },
      { url: 'https://notes.example.dev/sqlite-tips?utm_source=rss', title: 'SQLite 的十个技巧' },
      // A pick whose only link is its submission thread in the weekly's repository: the editor's item.
      { url: 'https://github.com/editor/weekly/issues/915', title: 'quickdiff', summary: '一个比较文本差异的网页工具。（@bob 投稿）' },
      { url: 'https://github.com/carol/termchart', title: 'termchart' },
    ],
    skipped: {
      // The weekly's repository and its submissions page; the last issue named in the text.
      'own-site': [
        'https://github.com/editor/weekly',
        'https://github.com/editor/weekly/issues',
        'https://www.techweekly.example/blog/2024/01/weekly-issue-119.html',
      ],
      jobs: ['https://github.com/editor/weekly/issues/900'],
      mailto: ['mailto:editor@techweekly.example'],
      credit: [
        'https://photos.example.net/church',
        'https://github.com/editor/weekly/issues/912',
        'https://github.com/editor/weekly/issues/915',
        'https://github.com/carol/termchart/issues/3',
      ],
      // "点击这里 … 免费报名", and a link tracking the weekly's own readers (utm_source=techweekly).
      sponsor: ['https://www.eventhub.example/e/8812?bag_track=techweekly', 'https://conf.example.cn/2024?utm_source=techweekly'],
      // 往年回顾
      'newsletter-chrome': ['https://www.techweekly.example/blog/2023/01/weekly-issue-70.html'],
    },
  },
  {
    fixture: 'discussion-counts',
    context: { issueUrl: 'https://weekly.example.cn/pyrecap/pyrw-2405.html', feedUrl: 'https://weekly.example.cn/feed.xml' },
    kept: [
      { url: 'https://blog.a.example/fast-json', comments: 642 },
      { url: 'https://github.com/b/tool', comments: 1204 },
      { url: 'https://docs.example.org/howto.html#section-2', comments: 37 },
      // An empty href still says how much the link before it was discussed.
      { url: 'https://c.example/post', comments: 22 },
      { url: 'https://d.example/quiet' },
    ],
    skipped: {
      // The aggregator's own page (the recap translated): its source, not a pick.
      'newsletter-chrome': ['https://recap.example.net/weekly/python/2024/05/'],
      engagement: [
        'https://recap.example.net/q/https://blog.a.example/fast-json',
        'https://recap.example.net/q/https://github.com/b/tool',
        'https://recap.example.net/q/https://docs.example.org/howto.html%23section-2',
        '',
      ],
    },
  },
  {
    fixture: 'podcast-show-notes',
    context: { issueUrl: 'https://bytetalk.example.fm/episodes/show/131', feedUrl: 'https://bytetalk.example.fm/episodes/rss' },
    kept: [
      { url: 'https://pypi.org/project/tinyretry/', title: 'tinyretry' },
      { url: 'https://blog.example.dev/2024/05/pattern-matching-in-practice/', title: 'Pattern matching in practice' },
      { url: 'https://talks.example.org/pycon-2024/testing', title: 'PyCon talk' },
    ],
    skipped: {
      // "Sponsored by X: <link>" and "brought to you by <link>": the sponsor read, however the label goes on
      sponsor: ['https://bytetalk.example.fm/acme', 'https://acme.example.com/?ref=bytetalk'],
      'social-profile': ['https://fosstodon.org/@ana', 'https://fosstodon.org/@bytetalk'],
      // the live stream page, and an earlier episode's page (its number, then a slug)
      'own-site': ['https://bytetalk.example.fm/live', 'https://bytetalk.example.fm/episodes/show/120/typing-all-the-things'],
    },
  },
];

describe('extractDigestLinks on newsletter classes', () => {
  it.each(fixtures)('$fixture: keeps the picks', ({ fixture, context, kept }) => {
    const links = extractDigestLinks(context, readFixture(fixture));
    expect(links.map((link) => link.url)).toEqual(kept.map((link) => link.url));
    kept.forEach((expected, index) => {
      expect(links[index]).toMatchObject(expected);
    });
  });

  it.each(fixtures)('$fixture: skips every other anchor for the expected reason', ({ fixture, context, skipped }) => {
    expect(skippedByReason(context, readFixture(fixture))).toEqual(skipped);
  });

  it('discussion-counts: a link without a count has no comments at all', () => {
    const links = extractDigestLinks(fixtures[3].context, readFixture('discussion-counts'));
    expect(links.at(-1)).not.toHaveProperty('comments');
  });
});

const context: DigestContext = { issueUrl: 'https://www.weekly.example/issues/12', feedUrl: 'https://www.weekly.example/feed.xml' };

interface QuirkCase {
  quirk: string;
  html: string;
  context?: DigestContext;
  kept: Array<Partial<DigestLink>>;
}

const quirks: QuirkCase[] = [
  {
    quirk: 'a newsletter that tags every outbound link with its own name: the tag marks no ad',
    html:
      '<p><a href="https://a.example/1?utm_source=weekly">One</a> first</p><p><a href="https://b.example/2?utm_source=weekly">Two</a> second</p>' +
      '<p><a href="https://c.example/3?utm_source=weekly">Three</a> third</p>',
    kept: [
      { url: 'https://a.example/1?utm_source=weekly' },
      { url: 'https://b.example/2?utm_source=weekly' },
      { url: 'https://c.example/3?utm_source=weekly' },
    ],
  },
  {
    quirk: 'the English job thread is dropped, an article about hiring is kept',
    html:
      '<p><a href="https://news.ycombinator.com/item?id=38490811">Ask HN: Who is hiring? (December 2023)</a></p>' +
      '<p><a href="https://a.example/hiring">What we learned from hiring 50 engineers</a> a retrospective</p>',
    kept: [{ url: 'https://a.example/hiring' }],
  },
  {
    quirk: 'a repository named like the newsletter is its own; its previous-issue and feedback links are chrome',
    html:
      '<p><a href="https://github.com/someone/ExampleWeekly/blob/master/content/11.md">『上一期』</a> | <a href="https://github.com/someone/ExampleWeekly/issues/42">反馈和建议</a></p>' +
      '<p>1、<a href="https://github.com/other/tool">tool</a>：一个工具。</p>',
    context: { issueUrl: 'https://exampleweekly.example/periodical/volume/12', feedUrl: 'https://exampleweekly.example/rss' },
    kept: [{ url: 'https://github.com/other/tool', summary: '一个工具。' }],
  },
  {
    quirk: 'a title followed by a language note is still the head of its item',
    html: '<p>1、<a href="https://blog.example.com/rust-async">Rust 异步入门</a>（英文）</p><p><img src="a.png"></p><p>一篇写给初学者的教程。</p>',
    kept: [{ url: 'https://blog.example.com/rust-async', summary: '一篇写给初学者的教程。' }],
  },
  {
    quirk: 'a count after a skipped link is not given to an earlier link',
    html: '<ul><li><a href="https://a.example/post">Kept</a></li><li><a href="https://twitter.com/someone">someone</a> <a href="https://hn.example/item?id=1">85 comments</a></li></ul>',
    kept: [{ url: 'https://a.example/post', summary: '' }],
  },
  {
    quirk: 'a count linking a discussion thread teaches nothing about its host: other threads there stay picks',
    html:
      '<p><a href="https://a.example/post">An article</a> (<a href="https://news.ycombinator.com/item?id=1">120 comments</a>)</p>' +
      '<p><a href="https://news.ycombinator.com/item?id=2">Ask HN: how do you test?</a> a thread</p>',
    kept: [{ url: 'https://a.example/post', comments: 120 }, { url: 'https://news.ycombinator.com/item?id=2' }],
  },
];

describe('extractDigestLinks newsletter quirks', () => {
  it.each(quirks)('$quirk', ({ html, context: quirkContext, kept }) => {
    const links = extractDigestLinks(quirkContext ?? context, html);
    expect(links).toHaveLength(kept.length);
    kept.forEach((expected, index) => {
      expect(links[index]).toMatchObject(expected);
    });
  });
});

describe('extractDigestLinks on bad input', () => {
  it('reads the first links of an issue with thousands and reports the rest as too many', () => {
    const html = Array.from(
      { length: 5000 },
      (_, index) => `<p><a href="https://site${index}.example/post">Post ${index}</a> number ${index}</p>`,
    ).join('');
    const { links, skipped } = extractDigestLinksDetailed(context, html);
    expect(links).toHaveLength(MAX_LINKS_PER_ISSUE);
    expect(links.at(-1)?.url).toBe(`https://site${MAX_LINKS_PER_ISSUE - 1}.example/post`);
    expect(skipped).toHaveLength(5000 - MAX_LINKS_PER_ISSUE);
    expect(new Set(skipped.map((anchor) => anchor.reason))).toEqual(new Set(['too-many-links']));
  });

  it('skips a malformed href, a malformed wrapper target, an unknown wrapper, and reads the rest', () => {
    const html =
      '<p><a href="http://[::1">Broken href</a> x</p>' +
      '<p><a href="https://www.weekly.example/click?target=https%3A%2F%2F">Broken target</a> y</p>' +
      '<p><a href="https://clicks.example.net/click/0a9f2b">Unknown wrapper, no target</a> z</p>' +
      '<p><a href="https://a.example/fine">Fine</a> ok</p>';
    const { links, skipped } = extractDigestLinksDetailed(context, html);
    expect(links.map((link) => link.url)).toEqual(['https://a.example/fine']);
    expect(skipped).toEqual([
      { href: 'http://[::1', text: 'Broken href', reason: 'bad-url' },
      { href: 'https://www.weekly.example/click?target=https%3A%2F%2F', text: 'Broken target', reason: 'bad-redirect' },
      { href: 'https://clicks.example.net/click/0a9f2b', text: 'Unknown wrapper, no target', reason: 'tracking' },
    ]);
  });
});
