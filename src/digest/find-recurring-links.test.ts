import { describe, expect, it } from 'vitest';
import { dropRecurringLinks } from './drop-recurring-links.ts';
import { findRecurringLinks } from './find-recurring-links.ts';
import type { DigestExtraction } from './types.ts';

/** Issues as lists of link keys; `standing` appears in every issue, `pick` in two consecutive ones. */
const cases: Array<[string, string[][], string[]]> = [
  ['a first issue teaches nothing', [['standing', 'a']], []],
  [
    'two issues teach nothing',
    [
      ['standing', 'a'],
      ['standing', 'b'],
    ],
    [],
  ],
  [
    'three issues: a link in all three recurs',
    [
      ['standing', 'a'],
      ['standing', 'b'],
      ['standing', 'c'],
    ],
    ['standing'],
  ],
  [
    'three issues: a pick repeated the week after stays',
    [
      ['standing', 'pick'],
      ['standing', 'pick'],
      ['standing', 'c'],
    ],
    ['standing'],
  ],
  ['five issues: three of five is half or more', [['s', 'a'], ['s', 'b'], ['s', 'c'], ['x'], ['x']], ['s']],
  [
    'ten issues: four of ten is less than half',
    [['s', 'p'], ['s', 'p'], ['s', 'p'], ['s', 'p'], ['s'], ['x'], ['x'], ['x'], ['x'], ['x']],
    ['s', 'x'],
  ],
  ['a link repeated inside one issue counts once', [['a', 'a', 'a'], ['b'], ['c']], []],
];

describe('findRecurringLinks', () => {
  it.each(cases)('%s', (_quirk, issues, expected) => {
    expect([...findRecurringLinks(issues)].sort()).toEqual(expected);
  });
});

describe('dropRecurringLinks', () => {
  const issue = (picks: string[]): DigestExtraction => ({
    links: [
      { url: 'https://community.example/invite?utm_source=weekly', title: 'Join the chat', summary: '' },
      ...picks.map((pick) => ({ url: `https://${pick}.example/post`, title: pick, summary: '' })),
    ],
    skipped: [],
  });

  it('moves a standing link from every issue to skipped, comparing canonical URLs', () => {
    const issues = [
      issue(['a']),
      { ...issue(['b']), links: [{ url: 'https://community.example/invite', title: 'Join', summary: '' }, ...issue(['b']).links.slice(1)] },
      issue(['c']),
    ];
    const dropped = dropRecurringLinks(issues);
    expect(dropped.map((extraction) => extraction.links.map((link) => link.title))).toEqual([['a'], ['b'], ['c']]);
    expect(dropped[1].skipped).toEqual([{ href: 'https://community.example/invite', text: 'Join', reason: 'recurring' }]);
    expect(issues[0].links).toHaveLength(2); // the input is left as it was
  });

  it('keeps everything in a feed with one issue', () => {
    expect(dropRecurringLinks([issue(['a'])])).toEqual([issue(['a'])]);
  });
});
