import { describe, expect, it } from 'vitest';
import { ParseError } from '../shared/errors.ts';
import { parseOpml } from './parse-opml.ts';

describe('parseOpml', () => {
  it('reads an OPML 2.0 export with nested folders', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Feeds</title></head>
  <body>
    <outline text="Python" title="Python">
      <outline text="Blogs">
        <outline type="rss" text="Real Python" title="Real Python" xmlUrl="https://realpython.com/atom.xml" htmlUrl="https://realpython.com/"/>
      </outline>
      <outline type="rss" text="PyPI recent" xmlUrl="https://pypi.org/rss/updates.xml"/>
    </outline>
    <outline type="rss" text="Top level" xmlUrl="https://top.example/feed"></outline>
  </body>
</opml>`;
    expect(parseOpml(xml)).toEqual([
      {
        title: 'Real Python',
        xmlUrl: 'https://realpython.com/atom.xml',
        htmlUrl: 'https://realpython.com/',
        categoryPath: ['Python', 'Blogs'],
        categories: [],
        type: 'rss',
      },
      { title: 'PyPI recent', xmlUrl: 'https://pypi.org/rss/updates.xml', categoryPath: ['Python'], categories: [], type: 'rss' },
      { title: 'Top level', xmlUrl: 'https://top.example/feed', categoryPath: [], categories: [], type: 'rss' },
    ]);
  });

  it('reads an OPML 1.0 file with title only, lowercase attribute names and no type', () => {
    const xml =
      '<opml version="1.0"><body><outline title="Old Reader" xmlurl="http://old.example/rss" htmlurl="http://old.example"/></body></opml>';
    expect(parseOpml(xml)).toEqual([
      { title: 'Old Reader', xmlUrl: 'http://old.example/rss', htmlUrl: 'http://old.example', categoryPath: [], categories: [] },
    ]);
  });

  it.each([
    ['XML entities', 'Tom &amp; Jerry&apos;s &lt;Blog&gt;', "Tom & Jerry's <Blog>"],
    ['numeric references', '&#x4E2D;&#25991; blog', '中文 blog'],
    ['HTML entities from sloppy exporters', 'A&nbsp;B &mdash; C', 'A B — C'],
    ['line breaks and runs of spaces', 'Two\n   lines', 'Two lines'],
  ])('decodes %s in titles', (_, raw, title) => {
    const [outline] = parseOpml(
      `<opml version="2.0"><body><outline text="${raw}" xmlUrl="https://a.example/feed?a=1&amp;b=2"/></body></opml>`,
    );
    expect(outline).toMatchObject({ title, xmlUrl: 'https://a.example/feed?a=1&b=2' });
  });

  it('prefers text (what readers display) over title, and falls back to the URL', () => {
    const xml =
      '<opml version="2.0"><body><outline text="Shown" title="Other" xmlUrl="https://a.example/1"/><outline text="" xmlUrl="https://a.example/2"/></body></opml>';
    expect(parseOpml(xml).map((outline) => outline.title)).toEqual(['Shown', 'https://a.example/2']);
  });

  it('takes the category attribute as the folder path of an unnested feed', () => {
    const xml =
      '<opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/" language="zh-CN" category="/Tech/Python, /Later"/></body></opml>';
    expect(parseOpml(xml)[0]).toMatchObject({
      categoryPath: ['Tech', 'Python'],
      categories: ['/Tech/Python', '/Later'],
      language: 'zh-CN',
    });
  });

  it('returns a feed without xmlUrl for the caller to report, and skips empty folders', () => {
    const xml =
      '<opml version="2.0"><body><outline text="Empty folder"/><outline type="rss" text="Broken"/><outline text="Site only" htmlUrl="https://s.example/"/></body></opml>';
    expect(parseOpml(xml).map((outline) => [outline.title, outline.xmlUrl])).toEqual([
      ['Broken', ''],
      ['Site only', ''],
    ]);
  });

  it.each([
    ['an RSS feed', '<rss version="2.0"><channel><title>x</title></channel></rss>'],
    ['HTML', '<html><body><p>hello</p></body></html>'],
    ['empty text', ''],
  ])('rejects %s', (_, text) => {
    expect(() => parseOpml(text)).toThrow(ParseError);
  });
});
