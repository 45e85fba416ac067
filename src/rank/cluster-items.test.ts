import { describe, expect, it } from 'vitest';
import { clusterItems } from './cluster-items.ts';
import { forEachTitleToken } from './tokenize-title.ts';

/** A title's distinct tokens and how many of them are content tokens. */
function tokenizeTitle(title: string): { tokens: string[]; contentCount: number } {
  const tokens = new Set<string>();
  let contentCount = 0;
  forEachTitleToken(title, (token, isContent) => {
    if (tokens.has(token)) return;
    tokens.add(token);
    if (isContent) contentCount += 1;
  });
  return { tokens: [...tokens], contentCount };
}

const titlesOf = (groups: Array<Array<{ title: string }>>) => groups.map((group) => group.map((item) => item.title));

describe('clusterItems', () => {
  it.each([
    [
      'a repost with the site name appended',
      'Understanding the Python GIL in Depth',
      'Understanding the Python GIL in Depth - DEV Community',
    ],
    [
      'the same headline, different case and punctuation',
      'Python 3.13: The Free-Threaded Build, Explained',
      'python 3.13 — the free threaded build explained',
    ],
    [
      'two headlines differing by one word',
      'Writing a fast JSON parser in pure Python from scratch',
      'Writing a fast JSON parser in plain Python from scratch',
    ],
    [
      'one headline with an extra word',
      'How we migrated our Django monolith to async views',
      'How we migrated our huge Django monolith to async views',
    ],
    ['Chinese headlines by character bigrams', '使用 Python 构建高性能的异步爬虫框架', '使用Python构建高性能的异步爬虫框架 - 掘金'],
  ])('merges %s', (_case, left, right) => {
    const groups = clusterItems([{ title: left }, { title: 'Something else entirely about Rust lifetimes' }, { title: right }]);
    expect(titlesOf(groups)).toEqual([[left, right], ['Something else entirely about Rust lifetimes']]);
  });

  it.each([
    ['short generic release titles of two projects', 'Release 1.0', 'Release 1.0'],
    ['announcements that differ only by name', 'Announcing Django 5.0', 'Announcing Flask 3.0'],
    ['version bumps', 'Python 3.12.1 is now available', 'Python 3.11.7 is now available'],
    ['related but different stories', 'Profiling Python memory usage with memray', 'Profiling Python CPU usage with py-spy'],
    ['a series of posts', 'Python asyncio deep dive, part 1: the event loop', 'Python asyncio deep dive, part 2: tasks and futures'],
    ['Chinese headlines on different topics', '使用 Python 构建异步爬虫', '使用 Python 构建命令行工具'],
  ])('keeps apart %s', (_case, left, right) => {
    expect(clusterItems([{ title: left }, { title: right }])).toHaveLength(2);
  });

  it('keeps every member (with its URL and source) on the merged card', () => {
    const items = [
      { title: 'Ten Python tricks for cleaner data pipelines', url: 'https://blog.example.com/ten-tricks', source: 'blog' },
      {
        title: 'Ten Python Tricks for Cleaner Data Pipelines | by Jane | Medium',
        url: 'https://medium.com/@jane/ten-tricks',
        source: 'medium',
      },
      { title: 'Ten Python tricks for cleaner data pipelines', url: 'https://dev.to/jane/ten-tricks', source: 'devto' },
    ];
    const [group, ...rest] = clusterItems(items);
    expect(rest).toHaveLength(0);
    expect(group.map((item) => item.source)).toEqual(['blog', 'medium', 'devto']);
  });

  it('merges transitively and returns groups in the order of their first member', () => {
    const groups = clusterItems([
      { title: 'Alone: a post about SQLite internals and pages' },
      { title: 'A practical guide to structured logging in Python apps today' },
      { title: 'A practical guide to structured logging in Python apps' },
      { title: 'Practical guide to structured logging in Python apps' },
    ]);
    expect(groups.map((group) => group.length)).toEqual([1, 3]);
  });

  it('respects the threshold option', () => {
    const pair = [
      { title: 'Build a tiny search engine with Python and SQLite' },
      { title: 'Build a tiny search engine with Rust and SQLite' },
    ];
    expect(clusterItems(pair)).toHaveLength(2);
    expect(clusterItems(pair, { threshold: 0.6 })).toHaveLength(1);
  });

  it("looks for pairs only among a title's own tokens, whatever the threshold", () => {
    const items = [
      { title: 'alpha beta gamma' },
      { title: 'delta epsilon zeta' },
      { title: 'alpha eta theta' },
      { title: 'delta iota kappa' },
    ];
    expect(titlesOf(clusterItems(items, { threshold: 0 }))).toEqual([
      ['alpha beta gamma', 'alpha eta theta'],
      ['delta epsilon zeta', 'delta iota kappa'],
    ]);
  });

  it('finds every repost among 50,000 templated titles', () => {
    let seed = 42;
    const random = () => (seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
    const vocabulary = Array.from({ length: 20_000 }, (_, index) => `w${index.toString(36)}`);
    const common = ['python', 'the', 'how', 'to', 'with', 'release', 'django', 'data', 'guide', 'new'];
    const pick = () =>
      random() < 0.4 ? common[Math.floor(random() * common.length)] : vocabulary[Math.floor(random() ** 2 * vocabulary.length)];
    const items = Array.from({ length: 50_000 }, () => ({ title: Array.from({ length: 4 + Math.floor(random() * 9) }, pick).join(' ') }));
    for (let index = 0; index < 500; index += 1) items.push({ title: `${items[index].title} - DEV Community` });

    const groups = clusterItems(items);
    const groupOf = new Map(groups.flatMap((group, index) => group.map((item) => [item, index] as const)));
    const mergeable = Array.from({ length: 500 }, (_, index) => index).filter(
      (index) => tokenizeTitle(items[index].title).contentCount >= 3,
    );
    expect(mergeable.length).toBeGreaterThan(300);
    for (const index of mergeable) expect(groupOf.get(items[index])).toBe(groupOf.get(items[50_000 + index]));
  });
});

describe('forEachTitleToken', () => {
  it('splits Chinese into bigrams and keeps Latin words whole', () => {
    expect(tokenizeTitle('Python 异步编程').tokens.sort()).toEqual(['python', '异步', '步编', '编程'].sort());
  });

  it('does not count numbers and stop words as content', () => {
    expect(tokenizeTitle('Release 1.0').contentCount).toBe(1);
    expect(tokenizeTitle('What is new in Python 3.13').contentCount).toBe(1);
  });

  it('reports each repeat, so callers count distinct tokens themselves', () => {
    const seen: string[] = [];
    forEachTitleToken('Python tips, more Python tips', (token) => seen.push(token));
    expect(seen).toEqual(['python', 'tips', 'more', 'python', 'tips']);
  });
});

describe('clusterItems similarity', () => {
  it('measures Jaccard as shared over distinct tokens (3 of 5 here)', () => {
    const pair = [{ title: 'alpha beta gamma delta' }, { title: 'alpha beta gamma epsilon' }];
    expect(clusterItems(pair, { threshold: 0.6 })).toHaveLength(1);
    expect(clusterItems(pair, { threshold: 0.61 })).toHaveLength(2);
  });
});
