import { describe, expect, it } from 'vitest';
import { collapseWhitespace, toPlainText } from './to-plain-text.ts';

const CASES: Array<[quirk: string, html: string, expected: string]> = [
  ['tags are stripped', '<p>Ruff &amp; <b>uv</b></p>', 'Ruff & uv'],
  ['block elements separate words', '<p>First.</p><p>Second.</p><ul><li>one</li><li>two</li></ul>', 'First. Second. one two'],
  ['br separates words', 'line one<br>line two<br/>three', 'line one line two three'],
  ['inline elements do not split words', 'Py<em>thon</em>', 'Python'],
  ['named and numeric entities are decoded', 'caf&eacute; &#8220;quoted&#x201D; &hellip;', 'café “quoted” …'],
  ['nbsp collapses like a space', 'a&nbsp;&nbsp; b', 'a b'],
  ['unknown entities stay as written', 'AT&T &foo; rock', 'AT&T &foo; rock'],
  ['script content is dropped', 'Hi<script>var x = "<p>no</p>";</script>!', 'Hi!'],
  ['style content is dropped', '<style>p { color: red }</style>Text', 'Text'],
  ['comments are dropped', 'a<!-- hidden -->b', 'ab'],
  ['whitespace runs collapse and trim', '\n\t  Hello \r\n   world  ', 'Hello world'],
  ['zero-width characters vanish', 'Py\u200Bthon\uFEFF', 'Python'],
  ['a lone < is text', 'a < b and c > d', 'a < b and c > d'],
  ['generics stay text', 'List<int> and Dict<K, V>', 'List<int> and Dict<K, V>'],
  ['escaped markup in prose stays text', 'Use the &lt;p&gt; tag', 'Use the <p> tag'],
  ['double-escaped HTML is unwrapped', '&lt;p&gt;Hello &amp;amp; bye&lt;/p&gt;', 'Hello & bye'],
  ['CDATA text is kept', '<![CDATA[inside]]> after', 'inside after'],
  ['Chinese paragraphs', '<div><p>第一段。</p><p>第二段</p></div>', '第一段。 第二段'],
  ['plain text passes through', 'Just text.', 'Just text.'],
  ['empty', '', ''],
];

describe('toPlainText', () => {
  it.each(CASES)('%s', (_quirk, html, expected) => {
    expect(toPlainText(html)).toBe(expected);
  });
});

describe('collapseWhitespace', () => {
  it.each([
    ['keeps markup-like text untouched', 'List<int> &amp;', 'List<int> &amp;'],
    ['collapses and trims', '  a \n\n b  ', 'a b'],
    ['drops control characters', 'a\u0007b', 'a b'],
  ])('%s', (_quirk, text, expected) => {
    expect(collapseWhitespace(text)).toBe(expected);
  });
});
