import { describe, expect, it } from 'vitest';
import { cleanText, truncateText } from './clean-text.ts';

describe('cleanText', () => {
  it.each([
    ['  a\n\t b  ', 'a b'],
    ['a\u00a0\u00a0b', 'a b'],
    ['中\u3000文', '中 文'],
    ['zero\u200bwidth\u200c\ufeff', 'zerowidth'],
  ])('%j → %j', (raw, expected) => {
    expect(cleanText(raw)).toBe(expected);
  });
});

describe('truncateText', () => {
  it.each([
    ['short text stays', 'Hello world.', 20, 'Hello world.'],
    ['cuts at the last sentence end', 'The first one ends. Then more words here', 25, 'The first one ends.'],
    ['a sentence end in the first half is too early', 'First one. Second sentence runs on and on', 20, 'First one. Second…'],
    ['a version number is no sentence end', 'Python 3.13 brings a new interpreter here', 20, 'Python 3.13 brings…'],
    ['cuts at a word boundary with an ellipsis', 'aaaa bbbb cccc dddd eeee', 12, 'aaaa bbbb…'],
    ['Chinese full stop ends a sentence without a space', '第一句话写完了。第二句话还没有写完呢还没有', 12, '第一句话写完了。'],
    ['no boundary: hard cut', 'abcdefghijklmnopqrstuvwxyz', 10, 'abcdefghi…'],
    ['emoji are never split', '🐍🐍🐍🐍🐍🐍', 4, '🐍🐍🐍…'],
  ])('%s', (_name, text, max, expected) => {
    expect(truncateText(text, max)).toBe(expected);
    expect(Array.from(truncateText(text, max)).length).toBeLessThanOrEqual(max);
  });
});
