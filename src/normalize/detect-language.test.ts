import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';

const CASES: Array<[quirk: string, text: string, expected: 'zh' | 'en' | 'other']> = [
  ['Chinese prose', '如何高效地阅读 Python 代码？', 'zh'],
  ['Chinese title full of English names', '使用 Rich 的 Inspect 查看 Python 对象属性', 'zh'],
  ['few Han characters but full-width punctuation', 'Mouse Vs Python #23：与 Charlie Marsh 聊 Ruff Formatter', 'zh'],
  ['Chinese with an enumeration comma', 'YAML、Python 和 Holy Graal', 'zh'],
  ['Traditional Chinese', '用 Python 寫一個網頁爬蟲', 'zh'],
  ['English', 'How to profile a FastAPI asynchronous request', 'en'],
  ['English with one Chinese word', 'How to say 你好 in Python', 'en'],
  ['English name list without stopwords', 'Ruff', 'en'],
  ['Dutch-looking names stay English', 'When I met Guido van Rossum', 'en'],
  ['Japanese (kana) is other', 'Pythonの型ヒント入門', 'other'],
  ['Korean is other', '파이썬 튜토리얼', 'other'],
  ['Russian is other', 'Как писать на Python', 'other'],
  ['German is other', 'Die Zukunft der Python Programmierung und das Web', 'other'],
  ['French is other', 'Les nouveautés de Python 3.12 pour les développeurs', 'other'],
  ['no letters', '12345 !!!', 'other'],
  ['empty', '', 'other'],
];

describe('detectLanguage', () => {
  it.each(CASES)('%s', (_quirk, text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });
});
