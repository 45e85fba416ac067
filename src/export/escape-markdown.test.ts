import { describe, expect, it } from 'vitest';
import { escapeInline, escapeMarkdownText, formatLinkDestination, unescapeInline } from './escape-markdown.ts';

describe('escapeInline / unescapeInline', () => {
  it.each([
    ['plain Chinese text', 'Python 中的结构化模式匹配', 'Python 中的结构化模式匹配'],
    ['a Markdown link', '[x](y)', '\\[x\\](y)'],
    ['emphasis marks', '*bold* and _em_', '\\*bold\\* and \\_em\\_'],
    ['dunder names', '__init__.py', '\\_\\_init\\_\\_.py'],
    ['intraword underscores', 'if TYPE_CHECKING', 'if TYPE_CHECKING'],
    ['an underscore next to Chinese', '用_下划线_', '用_下划线\\_'],
    ['code spans', 'use `pip`', 'use \\`pip\\`'],
    ['strikethrough tildes', '~~old~~ 1~30', '\\~\\~old\\~\\~ 1\\~30'],
    ['HTML tags', '<b>hi</b>', '\\<b>hi\\</b>'],
    ['entity-like text', 'AT&T &amp; &#39;', 'AT&T \\&amp; \\&#39;'],
    ['backslashes', 'C:\\Users', 'C:\\\\Users'],
  ])('%s', (_, text, escaped) => {
    expect(escapeInline(text)).toBe(escaped);
    expect(unescapeInline(escaped)).toBe(text);
  });

  it('reads character references and escapes the way a Markdown renderer shows them', () => {
    expect(unescapeInline('Tom &amp; Jerry \\*not bold\\* &#x4E2D;')).toBe('Tom & Jerry *not bold* 中');
  });

  it('leaves a backslash before a letter or a Chinese character alone (not an escape)', () => {
    expect(unescapeInline('\\d+ 和 \\、')).toBe('\\d+ 和 \\、');
  });
});

describe('escapeMarkdownText', () => {
  it.each([
    ['# not a heading', '\\# not a heading'],
    ['> not a quote', '\\> not a quote'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['1) not a list', '1\\) not a list'],
    ['first\nsecond line', 'first second line'],
    ['para one\n\npara two', 'para one\n\npara two'],
    ['**not bold** [not](a link)', '\\*\\*not bold\\*\\* \\[not\\](a link)'],
  ])('%j', (text, escaped) => {
    expect(escapeMarkdownText(text)).toBe(escaped);
  });
});

describe('formatLinkDestination', () => {
  it.each([
    ['https://t.example/a?b=1&c=2#d', 'https://t.example/a?b=1&c=2#d'],
    ['  https://t.example/padded  ', 'https://t.example/padded'],
    ['https://t.example/a b', 'https://t.example/a%20b'],
    ['https://t.example/tab\there', 'https://t.example/tab%09here'],
    ['https://t.example/(balanced)', 'https://t.example/(balanced)'],
    ['https://t.example/open(', 'https://t.example/open%28'],
    ['https://t.example/)(', 'https://t.example/%29%28'],
    ['https://t.example/中文', 'https://t.example/中文'],
  ])('%s → %s', (url, destination) => {
    expect(formatLinkDestination(url)).toBe(destination);
  });
});
