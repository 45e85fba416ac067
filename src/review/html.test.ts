import { describe, expect, it } from 'vitest';
import { html, trusted } from './html.ts';

describe('html', () => {
  it.each([
    ['a tag in a title', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['quotes breaking out of an attribute', '" onmouseover="alert(1)', '&quot; onmouseover=&quot;alert(1)'],
    ['single quotes and backticks', "it's `code`", 'it&#39;s &#96;code&#96;'],
    ['an entity typed as text', '&amp; stays visible', '&amp;amp; stays visible'],
    ['Chinese text', 'Python 潮流周刊：文章&教程', 'Python 潮流周刊：文章&amp;教程'],
  ])('escapes %s', (_quirk, text, expected) => {
    expect(html`<p title="${text}">${text}</p>`.value).toBe(`<p title="${expected}">${expected}</p>`);
  });

  it('keeps nested templates and trusted markup, escapes list entries one by one', () => {
    const items = ['<b>', 'x'].map((text) => html`<li>${text}</li>`);
    expect(html`<ul>${items}</ul>${trusted('<hr>')}`.value).toBe('<ul><li>&lt;b&gt;</li><li>x</li></ul><hr>');
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    expect(html`[${null}${undefined}${false}${0}${1.5}]`.value).toBe('[01.5]');
  });

  it('does not trust a plain string that merely looks like a template result', () => {
    const lookalike = { value: '<script>' } as unknown as string;
    expect(html`${lookalike}`.value).toBe('[object Object]');
  });
});
