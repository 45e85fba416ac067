import { describe, expect, it } from 'vitest';
import { createOwnSiteMatcher } from './create-own-site-matcher.ts';
import { unwrapClickThrough, type ClickThrough } from './unwrap-click-through.ts';

const isOwnSite = createOwnSiteMatcher(['https://monthly.example.org/periodical/volume/12']);

/** [quirk, href, kind, resulting URL (the target, or the wrapper itself when there is none)] */
const cases: Array<[string, string, ClickThrough['kind'], string]> = [
  [
    'own-host wrapper, plain target',
    'https://monthly.example.org/periodical/statistics/click/?target=https://github.com/a/b',
    'page',
    'https://github.com/a/b',
  ],
  [
    'own-host wrapper, percent-encoded target',
    'https://monthly.example.org/click?url=https%3A%2F%2Fgithub.com%2Fa%2Fb%3Ftab%3Dreadme',
    'page',
    'https://github.com/a/b?tab=readme',
  ],
  [
    'own-host wrapper, target encoded twice',
    'https://monthly.example.org/click?u=https%253A%252F%252Fgitlab.com%252Fg%252Fd',
    'page',
    'https://gitlab.com/g/d',
  ],
  [
    'own host, any usual parameter name',
    'https://monthly.example.org/r?goto=http://docs.example.com/x',
    'page',
    'http://docs.example.com/x',
  ],
  [
    'another host, click-through path',
    'https://out.example.net/click?dest=https://docs.example.com/guide',
    'page',
    'https://docs.example.com/guide',
  ],
  [
    'wrapper of a known wrapper',
    'https://monthly.example.org/out?to=https%3A%2F%2Flink.zhihu.com%2F%3Ftarget%3Dhttps%253A%2F%2Fa.example%2Fp',
    'page',
    'https://a.example/p',
  ],
  [
    'a page about a URL is no wrapper',
    'https://validator.example.com/check?url=https://a.example/',
    'page',
    'https://validator.example.com/check?url=https://a.example/',
  ],
  [
    'own page without a target',
    'https://monthly.example.org/blog/post-1?ref=home',
    'page',
    'https://monthly.example.org/blog/post-1?ref=home',
  ],
  [
    'own click-through without a target',
    'https://monthly.example.org/periodical/statistics/click/?id=881',
    'opaque',
    'https://monthly.example.org/periodical/statistics/click/?id=881',
  ],
  ['own numbered click-through', 'https://monthly.example.org/link/13214/feed', 'opaque', 'https://monthly.example.org/link/13214/feed'],
  ['own page named like a click word is a page', 'https://monthly.example.org/links', 'page', 'https://monthly.example.org/links'],
  [
    "another site's tracker without a target",
    'https://clicks.example.net/click/0a9f2b',
    'unknown-wrapper',
    'https://clicks.example.net/click/0a9f2b',
  ],
  ['a repository named like a click word is a page', 'https://github.com/someone/redirect', 'page', 'https://github.com/someone/redirect'],
  [
    'a subreddit is a page',
    'https://www.reddit.com/r/Python/comments/abc/title/',
    'page',
    'https://www.reddit.com/r/Python/comments/abc/title/',
  ],
  [
    'malformed target: no host',
    'https://monthly.example.org/click/?target=https://',
    'bad-target',
    'https://monthly.example.org/click/?target=https://',
  ],
  [
    'malformed target: space in the host',
    'https://out.example.net/go?url=http://exa%20mple.com/',
    'bad-target',
    'https://out.example.net/go?url=http://exa%20mple.com/',
  ],
  [
    'script target',
    'https://monthly.example.org/go/?to=javascript:alert(1)',
    'bad-target',
    'https://monthly.example.org/go/?to=javascript:alert(1)',
  ],
  [
    'known wrapper with a script target',
    'https://link.zhihu.com/?target=javascript:alert(1)',
    'bad-target',
    'https://link.zhihu.com/?target=javascript:alert(1)',
  ],
];

describe('unwrapClickThrough', () => {
  it.each(cases)('%s', (_quirk, href, kind, expected) => {
    const result = unwrapClickThrough(new URL(href), isOwnSite);
    expect(result.kind).toBe(kind);
    expect(result.url.href).toBe(expected);
  });

  it('reports the unusable target as written', () => {
    expect(unwrapClickThrough(new URL('https://monthly.example.org/click/?target=https://'), isOwnSite)).toMatchObject({
      target: 'https://',
    });
  });
});
