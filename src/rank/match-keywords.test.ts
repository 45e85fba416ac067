import { describe, expect, it } from 'vitest';
import { matchKeywords } from './match-keywords.ts';

const keywords = ['python', 'pep', 'type hints', 'free-threading', 'django', '异步', 'b站', 'c++', 'ai agent'];

describe('matchKeywords', () => {
  it.each([
    ['PEP 703 and Django-Ninja', ['pep', 'django']],
    ['Using Type Hints with free threading', ['type hints', 'free-threading']],
    ['Python教程：使用异步编程', ['python', '异步']],
    ['B站上的 Python 视频', ['python', 'b站']],
    ['Modern C++ for Python developers', ['python', 'c++']],
    ['Building an AI agent', ['ai agent']],
    ['pepper and pythonic djangonauts', []],
    ['typing hints, not type-hint', []],
    ['C and C# are not C++ either… wait, c++!', ['c++']],
  ])('%s → %j', (text, expected) => {
    expect(matchKeywords(text, keywords)).toEqual(expected);
  });

  it('reports keywords in configuration order, each once', () => {
    expect(matchKeywords('django python django python', keywords)).toEqual(['python', 'django']);
  });

  // Plain-ASCII text takes a faster path than text with any other character: both must agree.
  const phrases = ['python', 'type hints', 'free-threading', 'ai agent', 'a b c', 'a b', 'py_spy', '3.13'];
  it.each([
    ['TYPE   hints at the very end: Type Hints', ['type hints']],
    ['type type hints (a word repeated before the phrase)', ['type hints']],
    ['type, hints; free--threading', ['type hints', 'free-threading']],
    ['types hints and type hintsy', []],
    ['a b c', ['a b c', 'a b']],
    ['x a b', ['a b']],
    ['a bc', []],
    ['py_spy and py-spy', ['py_spy']],
    ['Python 3.13 is out', ['python', '3.13']],
    ['Python3 13', []],
    ['', []],
  ])('ASCII %j → %j, the same with a non-ASCII word added', (text, expected) => {
    expect(matchKeywords(text, phrases)).toEqual(expected);
    expect(matchKeywords(`${text} café`, phrases)).toEqual(expected);
    expect(matchKeywords(`é ${text}`, phrases)).toEqual(expected);
  });

  // ASCII mixed with Chinese also takes the faster path; Japanese or an accent sends it down the general one.
  const mixed = ['python', 'type hints', '异步', 'b站', 'c++'];
  it.each([
    ['Python教程：使用异步编程', ['python', '异步']],
    ['《Type Hints》入门，B站视频', ['type hints', 'b站']],
    ['type，hints 与 C++ 的“异步”', ['type hints', '异步', 'c++']],
    ['pythonista教程', []],
  ])('Chinese %j → %j, the same with a non-Chinese word added', (text, expected) => {
    expect(matchKeywords(text, mixed)).toEqual(expected);
    expect(matchKeywords(`${text} café`, mixed)).toEqual(expected);
    expect(matchKeywords(`${text} カフェ`, mixed)).toEqual(expected);
  });

  it('finds nothing with no keywords', () => {
    expect(matchKeywords('python', [])).toEqual([]);
  });
});
