import { describe, expect, it } from 'vitest';
import { parseOpml } from './parse-opml.ts';
import { renderOpml, type OpmlSource } from './render-opml.ts';

const source = (overrides: Partial<OpmlSource>): OpmlSource => ({
  id: 'x',
  name: 'X',
  url: 'https://x.example/feed',
  kind: 'blog',
  lang: 'en',
  category: 'articles',
  ...overrides,
});

describe('renderOpml', () => {
  it('writes OPML 2.0 with one folder per kind, in kind order, sources by name', () => {
    const xml = renderOpml([
      source({ id: 'tp', name: 'Talk Python', kind: 'podcast', url: 'https://talkpython.fm/rss', category: 'media' }),
      source({ id: 'b', name: 'B blog' }),
      source({ id: 'a', name: 'A blog', lang: 'zh' }),
    ]);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        '  <head>',
        '    <title>sift sources</title>',
        '  </head>',
        '  <body>',
        '    <outline text="blog" title="blog">',
        '      <outline type="rss" text="A blog" title="A blog" xmlUrl="https://x.example/feed" language="zh" category="/articles"/>',
        '      <outline type="rss" text="B blog" title="B blog" xmlUrl="https://x.example/feed" language="en" category="/articles"/>',
        '    </outline>',
        '    <outline text="podcast" title="podcast">',
        '      <outline type="rss" text="Talk Python" title="Talk Python" xmlUrl="https://talkpython.fm/rss" language="en" category="/media"/>',
        '    </outline>',
        '  </body>',
        '</opml>',
        '',
      ].join('\n'),
    );
  });

  it('escapes names and URLs so the XML stays well-formed and reads back the same', () => {
    const tricky = source({ name: `Tom & "Jerry's" <blog>\u0001`, url: 'https://x.example/feed?a=1&b=<2>' });
    const xml = renderOpml([tricky], { title: 'A & B' });
    expect(xml).toContain('text="Tom &amp; &quot;Jerry&apos;s&quot; &lt;blog&gt;"');
    expect(xml).toContain('<title>A &amp; B</title>');
    expect(parseOpml(xml)[0]).toMatchObject({ title: `Tom & "Jerry's" <blog>`, xmlUrl: 'https://x.example/feed?a=1&b=<2>' });
  });

  it('adds dateCreated only when given one', () => {
    expect(renderOpml([])).not.toContain('dateCreated');
    expect(renderOpml([], { dateCreated: new Date('2024-01-06T08:00:00Z') })).toContain(
      '<dateCreated>Sat, 06 Jan 2024 08:00:00 GMT</dateCreated>',
    );
  });
});
