import { describe, expect, it } from 'vitest';
import { parseDraftReply } from './parse-draft-reply.ts';

describe('parseDraftReply', () => {
  it.each([
    ['plain JSON', '{"title":"深入 asyncio","summary":"一篇长文。讲事件循环。"}'],
    ['fenced', '```json\n{"title": "深入 asyncio", "summary": "一篇长文。讲事件循环。"}\n```'],
    ['prose around it', '好的，草稿如下：\n{"title":"深入 asyncio","summary":"一篇长文。讲事件循环。"}\n希望有用'],
    ['extra keys and spaces', '{"title":"  深入\n asyncio ","summary":"  一篇长文。讲事件循环。 ","notes":"x"}'],
  ])('reads %s', (_name, content) => {
    expect(parseDraftReply(content)).toEqual({ title: '深入 asyncio', summary: '一篇长文。讲事件循环。' });
  });

  it.each([
    ['no JSON at all', '抱歉，我无法完成。', /holds no JSON object: "抱歉，我无法完成。"/],
    ['broken JSON', '{"title": "x", "summary": }', /not valid JSON/],
    ['a missing summary', '{"title":"x"}', /summary is missing or not text/],
    ['an empty title', '{"title":" ","summary":"y"}', /title is empty/],
    ['a number for a title', '{"title":3,"summary":"y"}', /title is missing or not text/],
  ])('refuses %s with what was wrong', (_name, content, message) => {
    expect(() => parseDraftReply(content)).toThrow(message);
    try {
      parseDraftReply(content);
    } catch (error) {
      expect((error as { code: string }).code).toBe('MALFORMED_REPLY');
    }
  });
});
