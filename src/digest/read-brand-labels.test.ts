import { describe, expect, it } from 'vitest';
import { readBrandLabels } from './read-brand-labels.ts';

describe('readBrandLabels', () => {
  it.each([
    ['the site', ['https://hellogithub.com/periodical/volume/93'], ['hellogithub']],
    ['a subdomain gives its owner', ['https://weekly.pychina.org/pyrecap/pyrw-2345.html'], ['pychina']],
    ['separators dropped', ['https://django-news.com/issues/250'], ['djangonews']],
    [
      'issue, feed and site, once each',
      ['https://www.techweekly.example/blog/1.html', 'https://www.techweekly.example/atom.xml', 'https://techweekly.example/'],
      ['techweekly'],
    ],
    ['a hosted newsletter gives its own name', ['https://pythoncat.substack.com/p/weekly-20'], ['pythoncat']],
    [
      'shared hosts and email services give none',
      ['https://mp.weixin.qq.com/s/abc', 'https://github.com/someone/weekly', 'https://us2.campaign-archive.com/?u=1'],
      [],
    ],
    ['too short a name gives none', ['https://py.example/issues/1'], []],
    ['malformed URLs are ignored', ['not a url', undefined, ''], []],
  ] as const)('%s', (_quirk, urls, expected) => {
    expect(readBrandLabels([...urls])).toEqual(expected);
  });
});
