import { describe, expect, it } from 'vitest';
import { classifyUrl, type UrlSkipReason } from './classify-url.ts';
import { unwrapRedirect } from './unwrap-redirect.ts';

const cases: Array<[string, UrlSkipReason | null]> = [
  // content
  ['https://realpython.com/python313-new-features/', null],
  ['https://github.com/astral-sh/uv', null],
  ['https://github.com/trending', null],
  ['https://twitter.com/gvanrossum/status/1700000000000000000', null],
  ['https://x.com/simonw/status/1800000000000000000', null],
  ['https://fosstodon.org/@pycoders/112233445566', null],
  ['https://www.linkedin.com/pulse/python-tips-someone', null],
  ['https://www.instagram.com/p/Cabc123/', null],
  ['https://t.me/pythontrendingweekly/1234', null],
  ['https://bsky.app/profile/simonwillison.net/post/3kabc', null],
  ['https://www.youtube.com/watch?v=DhoPM7Rz7AM', null],
  ['https://redis.io/commands/subscribe/', null],
  ['https://example.com/photos/gallery.html', null],
  // images
  ['https://img.pythoncat.top/2023-09-16_cpython.png', 'image'],
  ['https://example.com/a/b.JPEG', 'image'],
  ['https://example.com/logo.svg', 'image'],
  ['https://example.com/anim.webp', 'image'],
  // newsletter chrome
  ['https://pythonweekly.us2.list-manage.com/unsubscribe?u=1&id=2', 'newsletter-chrome'],
  ['https://news.example.com/email-preferences/abc', 'newsletter-chrome'],
  ['https://news.example.com/p?unsubscribe=1', 'newsletter-chrome'],
  ['https://twitter.com/intent/tweet?text=hello', 'newsletter-chrome'],
  ['https://www.facebook.com/sharer/sharer.php?u=https://a.example', 'newsletter-chrome'],
  ['https://www.linkedin.com/shareArticle?url=https://a.example', 'newsletter-chrome'],
  ['https://news.ycombinator.com/submitlink?u=https://a.example', 'newsletter-chrome'],
  // sponsor markers in the URL
  ['https://tool.example.com/?utm_source=weekly&utm_medium=sponsor', 'sponsor'],
  ['https://tool.example.com/?utm_campaign=paid-newsletter', 'sponsor'],
  ['https://tool.example.com/?ref=sponsored', 'sponsor'],
  ['https://tool.example.com/?sponsored', 'sponsor'],
  // donation pages
  ['https://www.buymeacoffee.com/pythoncat', 'donation'],
  ['https://ko-fi.com/someone', 'donation'],
  ['https://github.com/sponsors/someone', 'donation'],
  ['https://afdian.net/a/someone', 'donation'],
  // email trackers
  ['https://pythonweekly.us2.list-manage.com/track/click?u=1&id=2&e=3', 'tracking'],
  ['https://u123.ct.sendgrid.net/ls/click?upn=abc', 'tracking'],
  ['https://substack.com/redirect/2/eyJlIjoiaHR0cHM6Ly9leGFtcGxlIn0', 'tracking'],
  // social profiles
  ['https://twitter.com/pycoders', 'social-profile'],
  ['https://x.com/simonw', 'social-profile'],
  ['https://fosstodon.org/@pycoders', 'social-profile'],
  ['https://mastodon.social/@someone', 'social-profile'],
  ['https://www.facebook.com/pythonweekly', 'social-profile'],
  ['https://www.linkedin.com/in/someone/', 'social-profile'],
  ['https://www.linkedin.com/company/python-software-foundation/', 'social-profile'],
  ['https://www.instagram.com/someone/', 'social-profile'],
  ['https://github.com/samuelcolvin', 'social-profile'],
  ['https://github.com/orgs/python', 'social-profile'],
  ['https://t.me/pythontrendingweekly', 'social-profile'],
  ['https://bsky.app/profile/simonwillison.net', 'social-profile'],
  ['https://www.youtube.com/@PyConUS', 'social-profile'],
  ['https://www.youtube.com/channel/UCxyz', 'social-profile'],
  ['https://space.bilibili.com/123456', 'social-profile'],
  ['https://www.zhihu.com/people/someone', 'social-profile'],
  ['https://www.reddit.com/user/someone', 'social-profile'],
];

describe('classifyUrl', () => {
  it.each(cases)('%s → %s', (url, expected) => {
    expect(classifyUrl(new URL(url))).toBe(expected);
  });
});

describe('unwrapRedirect', () => {
  it.each([
    ['https://link.zhihu.com/?target=https%3A//github.com/a/b', 'https://github.com/a/b'],
    ['https://link.juejin.cn/?target=https%3A%2F%2Fdocs.python.org%2F3%2F', 'https://docs.python.org/3/'],
    ['https://www.google.com/url?q=https://example.com/post&sa=D', 'https://example.com/post'],
    ['https://click.convertkit-mail.com/abc?url=https%3A%2F%2Fexample.com%2Fx', 'https://example.com/x'],
    ['https://link.zhihu.com/?target=javascript:alert(1)', 'https://link.zhihu.com/?target=javascript:alert(1)'],
    ['https://example.com/?url=https://other.example/', 'https://example.com/?url=https://other.example/'],
  ])('%s → %s', (url, expected) => {
    expect(unwrapRedirect(new URL(url)).href).toBe(expected);
  });
});
