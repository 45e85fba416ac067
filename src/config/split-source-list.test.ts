import { describe, expect, it } from 'vitest';
import { splitSourceList } from './split-source-list.ts';

const weekly = 'weekly:\n  categories:\n    - { id: articles, title: Articles, slots: 12 }\n';

describe('splitSourceList', () => {
  it('cuts an indented list of one-line sources into chunks, the rest of the file kept line for line', () => {
    const text = `${weekly}sources:\n  - { id: a }\n  - { id: b }\n  - { id: c }\n`;
    const split = splitSourceList(text, 2);
    expect(split?.keyLine).toBe(3);
    expect(split?.chunks).toEqual([
      { text: '  - { id: a }\n  - { id: b }\n', lineOffset: 4, itemCount: 2 },
      { text: '  - { id: c }\n', lineOffset: 6, itemCount: 1 },
    ]);
    expect(split?.head.split('\n')).toEqual([...weekly.split('\n').slice(0, 3), 'sources: []', '', '', '', '']);
  });

  it('keeps multi-line items, comments and blank lines with their item, and ends a column-0 list at the next key', () => {
    const text = `${weekly}sources: # the feeds\n\n# first\n- id: a\n  name: A\n\n  # inside\n-\n  id: b\n- id: c\n  summary: |\n    - not an item\n    # not a comment\nclassify: []\n`;
    const split = splitSourceList(text, 2);
    expect(split?.chunks.map((chunk) => [chunk.lineOffset, chunk.itemCount])).toEqual([
      [6, 2],
      [12, 1],
    ]);
    expect(split?.chunks[1]?.text).toBe('- id: c\n  summary: |\n    - not an item\n    # not a comment\n');
    expect(split?.head.split('\n').slice(3)).toEqual(['sources: []', '', '# first', ...Array<string>(10).fill(''), 'classify: []', '']);
  });

  it('splits a CRLF file with comments too', () => {
    const text = `${weekly}sources: # the feeds\n  # first\n  - { id: a }\n  - { id: b }\n`.replaceAll('\n', '\r\n');
    expect(splitSourceList(text, 1)?.chunks.map((chunk) => chunk.itemCount)).toEqual([1, 1]);
  });

  it.each([
    ['no sources key', `${weekly}`],
    ['an inline list', `${weekly}sources: [{ id: a }]\n`],
    ['a quoted key', `${weekly}"sources":\n  - { id: a }\n`],
    ['a key twice', `${weekly}sources:\n  - { id: a }\nsources:\n  - { id: b }\n`],
    ['an empty list', `${weekly}sources:\nclassify: []\n`],
    ['several documents', `${weekly}sources:\n  - { id: a }\n---\nweekly: {}\n`],
    ['a directive', `%YAML 1.2\n---\n${weekly}sources:\n  - { id: a }\n`],
    ['tab indentation', `${weekly}sources:\n\t- { id: a }\n`],
  ])('leaves %s to the whole-document parse', (_label, text) => {
    expect(splitSourceList(text, 100)).toBeUndefined();
  });
});
