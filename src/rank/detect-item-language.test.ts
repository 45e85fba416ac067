import { describe, expect, it } from 'vitest';
import { detectItemLanguage } from './detect-item-language.ts';

describe('detectItemLanguage', () => {
  it.each([
    ['https://juejin.cn/post/7288998044020326415', '', 'zh'],
    ['https://zhuanlan.zhihu.com/p/123', 'Why Python', 'zh'],
    ['https://www.bilibili.com/video/BV1v64y1J7hS', '', 'zh'],
    ['https://example.com.cn/post', '', 'zh'],
    ['https://example.com/%E4%B8%AD%E6%96%87', '', 'zh'],
    ['https://github.com/someone/tool', '一个很好用的工具', 'zh'],
    ['https://github.com/someone/tool', 'A handy tool', 'en'],
    ['https://realpython.com/python-gil/', 'What Is the Python GIL?', 'en'],
    ['https://www.youtube.com/watch?v=x', 'PyCon talk', 'en'],
    ['not a url', '', 'en'],
  ])('%s %j → %s', (url, title, expected) => {
    expect(detectItemLanguage(url, title)).toBe(expected);
  });
});
