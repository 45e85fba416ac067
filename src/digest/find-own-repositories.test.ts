import { describe, expect, it } from 'vitest';
import { findOwnRepositories, repositoryKey, type AnchorSample } from './find-own-repositories.ts';
import { readBrandLabels } from './read-brand-labels.ts';

const sample = (href: string, text: string, blockText = text): AnchorSample => ({ url: new URL(href), text, blockText });

/** [quirk, issue URL, anchors, repositories found] */
const cases: Array<[string, string, AnchorSample[], string[]]> = [
  [
    'a repository named like the newsletter',
    'https://hellomonthly.example/periodical/volume/9',
    [sample('https://github.com/someone/HelloMonthly/issues/899', '反馈和建议')],
    ['github.com/someone/hellomonthly'],
  ],
  [
    "the newsletter's organisation with a weekly repository",
    'https://weekly.pyclub.example/recap/r-12.html',
    [sample('https://github.com/PyClub/weekly/blob/master/r-12.md', 'r-12.md', '修订: r-12.md')],
    ['github.com/pyclub/weekly'],
  ],
  [
    "the newsletter's organisation with a project repository is not the newsletter",
    'https://weekly.pyclub.example/recap/r-12.html',
    [sample('https://github.com/PyClub/fastparse', 'fastparse')],
    [],
  ],
  [
    'linked as the place to submit',
    'https://www.blog.example/weekly-120.html',
    [sample('https://github.com/editor/weekly/issues', '投稿', '本杂志开源，欢迎投稿。')],
    ['github.com/editor/weekly'],
  ],
  [
    '"open source" said of the newsletter',
    'https://www.blog.example/weekly-120.html',
    [sample('https://github.com/editor/weekly', '开源', '本杂志开源，欢迎投稿。')],
    ['github.com/editor/weekly'],
  ],
  [
    '"open source" said of a project is the project',
    'https://www.blog.example/weekly-120.html',
    [sample('https://github.com/acme/puncia', '代码开源', '它的代码开源。')],
    [],
  ],
  [
    'two credits into the same repository',
    'https://www.blog.example/weekly-120.html',
    [
      sample('https://github.com/editor/notes/issues/1', '@a', '（@a 投稿）'),
      sample('https://github.com/editor/notes/issues/2', '@b', '（@b 投稿）'),
    ],
    ['github.com/editor/notes'],
  ],
  [
    'one credit is not enough',
    'https://www.blog.example/weekly-120.html',
    [sample('https://github.com/editor/notes/issues/1', '@a', '（@a 投稿）')],
    [],
  ],
  [
    'the repository the issue is published from',
    'https://github.com/someone/weekly/blob/main/docs/13.md',
    [],
    ['github.com/someone/weekly'],
  ],
];

describe('findOwnRepositories', () => {
  it.each(cases)('%s', (_quirk, issueUrl, anchors, expected) => {
    const contextUrls = [issueUrl, new URL('/feed', issueUrl).href];
    expect([...findOwnRepositories(anchors, contextUrls, readBrandLabels(contextUrls))].sort()).toEqual(expected);
  });
});

describe('repositoryKey', () => {
  it.each([
    ['https://github.com/Owner/Repo/issues/3', 'github.com/owner/repo'],
    ['https://www.github.com/owner/repo.git', 'github.com/owner/repo'],
    ['https://gitee.com/owner/repo/blob/master/a.md', 'gitee.com/owner/repo'],
    ['https://github.com/owner', null],
    ['https://example.com/owner/repo', null],
  ])('%s → %s', (href, expected) => {
    expect(repositoryKey(new URL(href))).toBe(expected);
  });
});
