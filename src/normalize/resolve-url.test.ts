import { describe, expect, it } from 'vitest';
import { resolveUrl } from './resolve-url.ts';

const FEED = 'https://example.com/blog/feed.xml';

const RESOLUTIONS: Array<[quirk: string, href: string | undefined, bases: Array<string | undefined>, expected: string | null]> = [
  ['absolute link ignores the bases', 'https://other.org/a', [FEED], 'https://other.org/a'],
  ['relative to the fetch URL', 'post-1.html', [undefined, undefined, FEED], 'https://example.com/blog/post-1.html'],
  ['root-relative', '/about', [FEED], 'https://example.com/about'],
  ['xml:base wins over the feed URL', 'a.png', ['https://cdn.example.net/img/', FEED], 'https://cdn.example.net/img/a.png'],
  ['relative xml:base resolves against the next base', '../a.png', ['/media/2024/', FEED], 'https://example.com/media/a.png'],
  [
    'item link is used before the feed',
    'img/a.png',
    [undefined, 'https://example.com/posts/x/', FEED],
    'https://example.com/posts/x/img/a.png',
  ],
  ['malformed base is skipped', 'a', ['http://[bad', FEED], 'https://example.com/blog/a'],
  ['protocol-relative takes the base scheme', '//cdn.example.net/x.png', ['http://example.com/'], 'http://cdn.example.net/x.png'],
  ['protocol-relative without a base is https', '//cdn.example.net/x.png', [], 'https://cdn.example.net/x.png'],
  ['surrounding whitespace is trimmed', '  /about\n', [FEED], 'https://example.com/about'],
  ['relative with no base', 'post.html', [undefined], null],
  ['javascript: is never a link', 'javascript:alert(1)', [FEED], null],
  ['JavaScript: in capitals', 'JavaScript:void(0)', [FEED], null],
  ['data: is never a link', 'data:image/png;base64,AAAA', [FEED], null],
  ['mailto: is never a link', 'mailto:me@example.com', [FEED], null],
  ['ftp: is never a link', 'ftp://example.com/f', [FEED], null],
  ['tag: URIs are not links', 'tag:example.com,2024:1', [FEED], null],
  ['empty href', '', [FEED], null],
  ['missing href', undefined, [FEED], null],
];

describe('resolveUrl', () => {
  it.each(RESOLUTIONS)('%s', (_quirk, href, bases, expected) => {
    expect(resolveUrl(href, bases)).toBe(expected);
  });
});
