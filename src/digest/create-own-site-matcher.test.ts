import { describe, expect, it } from 'vitest';
import { createOwnSiteMatcher } from './create-own-site-matcher.ts';
import { getRegistrableDomain } from './get-registrable-domain.ts';

describe('getRegistrableDomain', () => {
  it.each([
    ['www.pythonweekly.com', 'pythonweekly.com'],
    ['img.pythoncat.top', 'pythoncat.top'],
    ['pythonweekly.us2.list-manage.com', 'list-manage.com'],
    ['news.bbc.co.uk', 'bbc.co.uk'],
    ['www.example.com.cn', 'example.com.cn'],
    ['pythoncat.substack.com', 'pythoncat.substack.com'],
    ['someone.github.io', 'someone.github.io'],
    ['PyCoders.COM.', 'pycoders.com'],
    ['127.0.0.1', '127.0.0.1'],
    ['localhost', 'localhost'],
  ])('%s → %s', (host, expected) => {
    expect(getRegistrableDomain(host)).toBe(expected);
  });
});

describe('createOwnSiteMatcher', () => {
  const cases: Array<[string, Array<string | undefined>, string, boolean]> = [
    ['subdomain of the issue host', ['https://pythoncat.top/posts/1'], 'https://img.pythoncat.top/a.png', true],
    [
      'site URL counts',
      ['https://us2.campaign-archive.com/?u=1', 'https://www.pythonweekly.com/'],
      'https://pythonweekly.com/archive',
      true,
    ],
    ['another site', ['https://pycoders.com/issues/1'], 'https://realpython.com/', false],
    ['another Substack newsletter', ['https://pythoncat.substack.com/p/weekly-20'], 'https://other.substack.com/p/x', false],
    ['same GitHub owner', ['https://github.com/someone/weekly/issues/3'], 'https://github.com/SomeOne/other-repo', true],
    ['other GitHub owner', ['https://github.com/someone/weekly/issues/3'], 'https://github.com/pypa/hatch', false],
    ['WeChat issue: other WeChat articles', ['https://mp.weixin.qq.com/s/abc'], 'https://mp.weixin.qq.com/s/def', false],
    ['feed behind RSSHub says nothing', ['https://rsshub.app/zhihu/column/x'], 'https://rsshub.app/other', false],
    ['malformed and missing context URLs are ignored', ['not a url', undefined, ''], 'https://example.com/', false],
  ];
  it.each(cases)('%s', (_name, contextUrls, url, expected) => {
    expect(createOwnSiteMatcher(contextUrls)(new URL(url))).toBe(expected);
  });
});
