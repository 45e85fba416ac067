import { describe, expect, it } from 'vitest';
import { WEEKLY_CATEGORIES } from './fixtures/weekly-format.ts';
import { matchCategory } from './match-category.ts';

describe('matchCategory', () => {
  it.each([
    ['🦄文章&教程', 'articles'],
    ['🦄 文章 & 教程', 'articles'],
    ['文章＆教程', 'articles'],
    ['[🐿️项目&资源](https://pythoncat.top)', 'projects'],
    ['**🐢播客&视频**', 'media'],
    ['本周讨论&问题', 'discussions'],
    ['media', 'media'],
    ['🐱赞助&支持', undefined],
    ['🐼欢迎订阅', undefined],
    ['🦄', undefined],
    ['', undefined],
  ])('%j → %s', (heading, category) => {
    expect(matchCategory(heading, WEEKLY_CATEGORIES)).toBe(category);
  });
});
