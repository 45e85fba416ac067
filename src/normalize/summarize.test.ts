import { describe, expect, it } from 'vitest';
import { summarize } from './summarize.ts';

const LONG_ENGLISH = 'Python is great. '.repeat(10) + 'This last sentence is long and goes on and on';
const CHINESE_NO_PUNCTUATION = '这是一个很长的中文句子没有任何标点符号'.repeat(5);
const CHINESE_SENTENCES = '第一句话说得很清楚。第二句话也很清楚！'.repeat(5);
const CHINESE_CLAUSES = '这个库支持异步，也支持同步调用，而且速度很快，文档也写得很好'.repeat(3);

const CASES: Array<[quirk: string, text: string, max: number, expected: string]> = [
  ['short text is unchanged', 'Short text.', 500, 'Short text.'],
  ['text of exactly max is unchanged', 'a'.repeat(20), 20, 'a'.repeat(20)],
  ['cut after the last whole sentence', LONG_ENGLISH, 100, 'Python is great. '.repeat(5).trim() + '…'],
  ['cut at a word boundary when no sentence ends late enough', 'word '.repeat(50), 42, 'word word word word word word word word…'],
  ['Chinese cut after 。/！', CHINESE_SENTENCES, 40, '第一句话说得很清楚。第二句话也很清楚！第一句话说得很清楚。第二句话也很清楚！…'],
  [
    'Chinese cut after a comma when no stop is in reach',
    CHINESE_CLAUSES,
    40,
    '这个库支持异步，也支持同步调用，而且速度很快，文档也写得很好这个库支持异步，…',
  ],
  ['Chinese without punctuation is cut between characters', CHINESE_NO_PUNCTUATION, 30, CHINESE_NO_PUNCTUATION.slice(0, 29) + '…'],
  ['one endless token is cut hard', 'x'.repeat(100), 10, 'x'.repeat(9) + '…'],
];

describe('summarize', () => {
  it.each(CASES)('%s', (_quirk, text, max, expected) => {
    expect(summarize(text, max)).toBe(expected);
  });

  it('never exceeds max, default 500', () => {
    for (const text of [LONG_ENGLISH.repeat(20), CHINESE_NO_PUNCTUATION.repeat(20), 'word '.repeat(300)]) {
      expect(summarize(text).length).toBeLessThanOrEqual(500);
      expect(summarize(text).endsWith('…')).toBe(true);
    }
  });

  it('does not split an emoji (surrogate pair) at the cut', () => {
    const text = 'a'.repeat(8) + '🐍' + 'b'.repeat(10);
    expect(summarize(text, 10)).toBe('a'.repeat(8) + '…');
  });
});
