import { describe, expect, it } from 'vitest';
import { findDiscussedUrl, readDiscussionCount } from './read-discussion-count.ts';

describe('readDiscussionCount', () => {
  it.each([
    ['642 comments in 2 discussions', 642],
    ['642 评注 in 2 讨论s', 642],
    ['37 评注 in 1 讨论', 37],
    ['1,204 comments', 1204],
    ['1 comment in 1 discussion', 1],
    ['85 条评论', 85],
    ['  12 replies ', 12],
    ['Python 3.12: 5 comments on the new parser', null],
    ['Top 10 comments of the year', null],
    ['comments', null],
    ['2 discussions', null],
  ] as const)('%s → %s', (text, count) => {
    expect(readDiscussionCount(text)).toBe(count);
  });
});

describe('findDiscussedUrl', () => {
  it.each([
    ['https://recap.example.net/q/https://blog.a.example/fast-json', 'https://blog.a.example/fast-json'],
    ['https://recap.example.net/q/https://medium.com/%40someone/post-1', 'https://medium.com/@someone/post-1'],
    ['https://recap.example.net/q/https://docs.example.org/howto.html%23section-2', 'https://docs.example.org/howto.html#section-2'],
    ['https://recap.example.net/q/https://www.example.com/a?ref=x', 'https://www.example.com/a?ref=x'],
    ['https://recap.example.net/search?url=https%3A%2F%2Fb.example%2Fp', 'https://b.example/p'],
    ['https://news.ycombinator.com/item?id=38490811', null],
  ])('%s → %s', (href, expected) => {
    expect(findDiscussedUrl(new URL(href))?.href ?? null).toBe(expected);
  });
});
