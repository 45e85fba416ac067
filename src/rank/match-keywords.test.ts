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

  it('finds nothing with no keywords', () => {
    expect(matchKeywords('python', [])).toEqual([]);
  });
});
