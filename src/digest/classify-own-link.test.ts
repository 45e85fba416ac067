import { describe, expect, it } from 'vitest';
import { classifyOwnLink, type OwnLinkKind } from './classify-own-link.ts';

/** [quirk, issue URL, own link, kind] */
const cases: Array<[string, string, string, OwnLinkKind]> = [
  // A publisher's newsletter recommending its own posts, guides and tutorials.
  ['blog post on a subdomain', 'https://news.makerco.example/issues/31', 'https://blog.makerco.example/post/solder-fumes', 'content'],
  [
    'guide on another subdomain',
    'https://news.makerco.example/issues/31',
    'https://learn.makerco.example/guide/pico-w/getting-started',
    'content',
  ],
  ['dated post beside a dated issue', 'https://cat.example/posts/2023-09-16-weekly', 'https://cat.example/posts/2020-01-06-tox', 'content'],
  ['numbered post outside an issue folder', 'https://weekly.example.org/issues/12', 'https://weekly.example.org/archives/1234', 'content'],
  [
    'post on the blog that hosts the weekly',
    'https://www.tw.example/blog/2024/01/weekly-issue-120.html',
    'https://www.tw.example/blog/2023/05/css-grid.html',
    'content',
  ],
  // The issue and the other issues of the series.
  ['the issue itself', 'https://news.makerco.example/issues/31', 'https://news.makerco.example/issues/31', 'issue'],
  ['a page under the issue', 'https://pycoders.example/issues/650', 'https://pycoders.example/issues/650/feed', 'issue'],
  ['another numbered issue', 'https://news.makerco.example/issues/31', 'https://news.makerco.example/issues/30', 'issue'],
  ['another volume', 'https://monthly.example.org/periodical/volume/93', 'https://monthly.example.org/periodical/volume/89', 'issue'],
  [
    'another issue, same stem, other year',
    'https://www.tw.example/blog/2024/01/weekly-issue-120.html',
    'http://www.tw.example/blog/2022/12/weekly-issue-70.html',
    'issue',
  ],
  ['another dated issue', 'https://cat.example/posts/2023-09-16-weekly', 'https://cat.example/posts/2023-09-09-weekly', 'issue'],
  ['another issue with its own slug', 'https://news.example.com/issues/250-django-5', 'https://news.example.com/issues/249-htmx', 'issue'],
  [
    'another episode, deeper in its folder',
    'https://bytes.example.fm/episodes/show/364',
    'https://bytes.example.fm/episodes/show/353',
    'issue',
  ],
  [
    "another episode's page under its number",
    'https://bytes.example.fm/episodes/show/364',
    'https://bytes.example.fm/episodes/show/353/hatching-another-episode',
    'issue',
  ],
  [
    'a numbered post, then its slug, outside an issue folder',
    'https://weekly.example.org/issues/12',
    'https://weekly.example.org/archives/1234/a-post',
    'content',
  ],
  [
    'another episode, both with slugs',
    'https://bytes.example.fm/episodes/show/364/the-one-about-typing',
    'https://bytes.example.fm/episodes/show/353/hatching-another-episode',
    'issue',
  ],
  [
    'another episode without its slug, beside one with',
    'https://bytes.example.fm/episodes/show/364/typing',
    'https://bytes.example.fm/episodes/show/353',
    'issue',
  ],
  [
    'a dated post in the newsletter folder',
    'https://news.example.org/newsletter/131',
    'https://news.example.org/newsletter/2024/my-post',
    'content',
  ],
  [
    'a guide under a short number, beside a longer issue number',
    'https://news.example.org/digest/131',
    'https://news.example.org/digest/42/guides/intro',
    'content',
  ],
  ['a city guide beside a numbered issue', 'https://travel.example.no/no/12', 'https://travel.example.no/no/2024/oslo-guide', 'content'],
  // The site's chrome.
  ['home page', 'https://news.makerco.example/issues/31', 'https://makerco.example/', 'chrome'],
  ['folder above the issue', 'https://monthly.example.org/periodical/volume/93', 'https://monthly.example.org/periodical', 'chrome'],
  ['archive', 'https://news.makerco.example/issues/31', 'https://news.makerco.example/archive', 'chrome'],
  ['subscribe page', 'https://news.makerco.example/issues/31', 'https://makerco.example/subscribe/', 'chrome'],
  ['category listing', 'https://news.makerco.example/issues/31', 'https://blog.makerco.example/category/tutorials', 'chrome'],
  ['tag listing', 'https://news.makerco.example/issues/31', 'https://blog.makerco.example/tag/python/', 'chrome'],
  ['feed', 'https://news.makerco.example/issues/31', 'https://news.makerco.example/feed.xml', 'chrome'],
  ['about page', 'https://news.makerco.example/issues/31', 'https://makerco.example/about.html', 'chrome'],
  ['person page', 'https://monthly.example.org/periodical/volume/93', 'https://monthly.example.org/user/zwC03jng8k', 'chrome'],
  ['blog index', 'https://news.makerco.example/issues/31', 'https://makerco.example/blog', 'chrome'],
  ['live stream page', 'https://bytes.example.fm/episodes/show/362', 'https://bytes.example.fm/stream/live', 'chrome'],
  ['second page of a listing', 'https://news.makerco.example/issues/31', 'https://blog.makerco.example/page/2', 'chrome'],
];

describe('classifyOwnLink', () => {
  it.each(cases)('%s', (_quirk, issueUrl, url, kind) => {
    expect(classifyOwnLink(new URL(url), new URL(issueUrl))).toBe(kind);
  });

  it('without an issue URL, still tells posts from chrome', () => {
    expect(classifyOwnLink(new URL('https://blog.makerco.example/post/a'), null)).toBe('content');
    expect(classifyOwnLink(new URL('https://makerco.example/'), null)).toBe('chrome');
  });
});
