import { describe, expect, it } from 'vitest';
import { ParseError } from '../shared/errors.ts';
import { parseFeed } from './parse-feed.ts';
import type { ParsedFeed, ParsedItem } from './types.ts';

const RSS_NAMESPACES =
  'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
  'xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" ' +
  'xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0" xmlns:atom="http://www.w3.org/2005/Atom"';

const rss = (items: string, channel = '') =>
  `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" ${RSS_NAMESPACES}><channel><title>Py Weekly</title>` +
  `<link>https://example.com/</link>${channel}${items}</channel></rss>`;

const atom = (entries: string, head = '', attributes = '') =>
  `<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" ` +
  `xmlns:yt="http://www.youtube.com/xml/schemas/2015"${attributes}><title>Blog</title>${head}${entries}</feed>`;

/** One fixture per quirk: the document, then what the feed or its first item must contain. */
const feedCases: { name: string; text: string; feed?: Partial<ParsedFeed>; item?: Partial<ParsedItem>; itemCount?: number }[] = [
  {
    name: 'RSS 2.0 podcast item with every extension',
    text: rss(
      `<item><title>Ep 1: asyncio</title><link>https://feeds.feedburner.com/~r/py/1</link>
       <feedburner:origLink>https://example.com/ep1</feedburner:origLink>
       <guid isPermaLink="false">ep-1</guid><pubDate>Mon, 01 Jan 2024 08:00:00 GMT</pubDate>
       <dc:creator>Ann</dc:creator><description>Short &lt;b&gt;summary&lt;/b&gt;</description>
       <content:encoded><![CDATA[<p>Full <em>text</em></p>]]></content:encoded>
       <comments>https://example.com/ep1#comments</comments>
       <enclosure url="https://example.com/ep1.mp3" length="1234" type="audio/mpeg"/>
       <itunes:duration>01:02:03</itunes:duration><itunes:image href="https://example.com/ep1.jpg"/>
       <media:thumbnail url="https://example.com/thumb.jpg"/></item>`,
      '<ttl>60</ttl>',
    ),
    feed: { format: 'rss', title: 'Py Weekly', siteUrl: 'https://example.com/', ttlMinutes: 60 },
    item: {
      guid: 'ep-1',
      title: 'Ep 1: asyncio',
      link: 'https://feeds.feedburner.com/~r/py/1',
      origLink: 'https://example.com/ep1',
      published: 'Mon, 01 Jan 2024 08:00:00 GMT',
      author: 'Ann',
      summaryHtml: 'Short <b>summary</b>',
      contentHtml: '<p>Full <em>text</em></p>',
      commentsUrl: 'https://example.com/ep1#comments',
      enclosures: [{ url: 'https://example.com/ep1.mp3', type: 'audio/mpeg', length: 1234 }],
      thumbnails: ['https://example.com/thumb.jpg', 'https://example.com/ep1.jpg'],
      duration: '01:02:03',
    },
  },
  {
    name: 'RSS media:content: images become thumbnails, video becomes an enclosure',
    text: rss(
      `<item><title>t</title><link>https://example.com/a</link>
       <media:content url="https://example.com/a.jpg" medium="image"/>
       <media:group><media:content url="https://example.com/a.mp4" type="video/mp4" fileSize="99"/>
       <media:thumbnail url="https://example.com/g.jpg"/></media:group></item>`,
    ),
    item: {
      enclosures: [{ url: 'https://example.com/a.mp4', type: 'video/mp4', length: 99 }],
      thumbnails: ['https://example.com/g.jpg', 'https://example.com/a.jpg'],
    },
  },
  {
    name: 'RSS without version attribute is read as RSS 2.0',
    text: '<rss><channel><title>t</title><item><title>a</title><link>https://example.com/a</link></item></channel></rss>',
    item: { title: 'a', link: 'https://example.com/a' },
  },
  {
    name: 'RSS 0.91',
    text: '<rss version="0.91"><channel><title>Old</title><item><title>a</title><link>https://example.com/a</link></item></channel></rss>',
    feed: { format: 'rss', title: 'Old' },
    item: { title: 'a', link: 'https://example.com/a' },
  },
  {
    name: 'RSS 1.0 (RDF) with dc:date',
    text: `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://example.com/"><title>RDF</title><link>https://example.com/</link></channel>
      <item rdf:about="https://example.com/1"><title>One</title><link>https://example.com/1</link><dc:date>2024-02-03T04:05:06Z</dc:date></item>
      </rdf:RDF>`,
    feed: { format: 'rdf', title: 'RDF', siteUrl: 'https://example.com/' },
    item: { guid: 'https://example.com/1', title: 'One', link: 'https://example.com/1', published: '2024-02-03T04:05:06Z' },
  },
  {
    name: 'RSS 1.0 with the RSS namespace on a prefix',
    text: `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/">
      <rss:channel><rss:title>Prefixed</rss:title></rss:channel>
      <rss:item><rss:title>One</rss:title><rss:link>https://example.com/1</rss:link></rss:item></rdf:RDF>`,
    feed: { format: 'rdf', title: 'Prefixed' },
    item: { title: 'One', link: 'https://example.com/1' },
  },
  {
    name: 'Atom 1.0: alternate link chosen over self/enclosure, enclosure link, xml:base resolved',
    text: atom(
      `<entry xml:base="posts/"><id>tag:example.com,2024:1</id><title type="html">A &amp;lt;b&amp;gt; title</title>
       <link rel="enclosure" href="https://example.com/a.mp3" type="audio/mpeg" length="10"/>
       <link rel="self" href="https://example.com/api/1"/><link href="one.html"/>
       <published>2024-01-02T03:04:05Z</published><updated>2024-01-05T00:00:00Z</updated>
       <summary>Sum</summary><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry>`,
      '<link rel="self" href="https://example.com/feed"/><link rel="alternate" type="text/html" href="https://example.com/"/><author><name>Blogger</name></author>',
      ' xml:base="https://example.com/blog/"',
    ),
    feed: { format: 'atom', title: 'Blog', siteUrl: 'https://example.com/', baseUrl: 'https://example.com/blog/' },
    item: {
      guid: 'tag:example.com,2024:1',
      title: 'A &lt;b&gt; title',
      link: 'one.html',
      baseUrl: 'https://example.com/blog/posts/',
      published: '2024-01-02T03:04:05Z',
      author: 'Blogger',
      summaryHtml: 'Sum',
      contentHtml: '<p>Body</p>',
      enclosures: [{ url: 'https://example.com/a.mp3', type: 'audio/mpeg', length: 10 }],
    },
  },
  {
    name: 'Atom: an unparseable date does not lose the feed',
    text: atom('<entry><title>t</title><link href="https://example.com/t"/><published>last Tuesday</published></entry>'),
    item: { title: 't', published: 'last Tuesday' },
  },
  {
    name: 'Atom: a link written as text',
    text: atom('<entry><title>t</title><link>https://example.com/t</link></entry>', '<link>https://example.com/</link>'),
    feed: { siteUrl: 'https://example.com/' },
    item: { link: 'https://example.com/t' },
  },
  {
    name: 'Atom 0.3: issued date, base64 title',
    text: `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
      <entry><title mode="base64">SGVsbG8g5L2g5aW9</title><link rel="alternate" type="text/html" href="https://example.com/x"/>
      <issued>2004-01-01T00:00:00Z</issued><modified>2004-01-02T00:00:00Z</modified></entry></feed>`,
    feed: { format: 'atom', title: 'Old Atom' },
    item: { title: 'Hello 你好', link: 'https://example.com/x', published: '2004-01-01T00:00:00Z' },
  },
  {
    name: 'Atom with the Atom namespace on a prefix',
    text: '<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>P</atom:title><atom:entry><atom:title>e</atom:title><atom:link href="https://example.com/e"/></atom:entry></atom:feed>',
    feed: { format: 'atom', title: 'P' },
    item: { title: 'e', link: 'https://example.com/e' },
  },
  {
    name: 'YouTube: yt:videoId, media:group thumbnail and description',
    text: atom(
      `<entry><id>yt:video:abc</id><yt:videoId>abc</yt:videoId><title>Video</title>
       <link rel="alternate" href="https://www.youtube.com/watch?v=abc"/><author><name>Chan</name></author>
       <media:group><media:thumbnail url="https://i1.ytimg.com/vi/abc/hqdefault.jpg"/><media:description>About it</media:description></media:group></entry>`,
    ),
    item: {
      youtubeVideoId: 'abc',
      link: 'https://www.youtube.com/watch?v=abc',
      author: 'Chan',
      summaryHtml: 'About it',
      thumbnails: ['https://i1.ytimg.com/vi/abc/hqdefault.jpg'],
    },
  },
  {
    name: 'JSON Feed 1.1',
    text: JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JF',
      home_page_url: 'https://example.com/',
      items: [
        {
          id: 7,
          url: 'https://example.com/7',
          title: 'Seven',
          content_text: 'a < b',
          summary: 's',
          image: 'https://example.com/7.png',
          date_published: '2024-01-01T00:00:00Z',
          authors: [{ name: 'Zed' }],
          attachments: [{ url: 'https://example.com/7.mp3', mime_type: 'audio/mpeg', size_in_bytes: 5 }],
        },
      ],
    }),
    feed: { format: 'json', title: 'JF', siteUrl: 'https://example.com/' },
    item: {
      guid: '7',
      link: 'https://example.com/7',
      title: 'Seven',
      contentHtml: 'a &lt; b',
      summaryHtml: 's',
      published: '2024-01-01T00:00:00Z',
      author: 'Zed',
      thumbnails: ['https://example.com/7.png'],
      enclosures: [{ url: 'https://example.com/7.mp3', type: 'audio/mpeg', length: 5 }],
    },
  },
  {
    name: 'JSON Feed 1.0: author object, external_url, nulls',
    text: JSON.stringify({
      version: 'https://jsonfeed.org/version/1',
      title: 'JF',
      items: [{ id: 'x', external_url: 'https://other.example/x', content_html: '<p>x</p>', author: { name: 'Old' }, image: null }],
    }),
    item: { link: 'https://other.example/x', contentHtml: '<p>x</p>', author: 'Old', thumbnails: [] },
  },
  { name: 'JSON Feed without items is an empty feed', text: '{"version":"https://jsonfeed.org/version/1","title":"E"}', itemCount: 0 },
  {
    name: 'an <rss> root with nothing in it is an empty feed',
    text: '<?xml version="1.0"?>\n<rss>\n</rss>',
    feed: { format: 'rss' },
    itemCount: 0,
  },
  {
    name: 'items directly under <rss> without <channel>',
    text: '<rss><item><title>a</title><link>https://example.com/a</link></item></rss>',
    item: { title: 'a', link: 'https://example.com/a' },
  },
  {
    name: 'repaired: undefined HTML entities and a bare ampersand',
    text: rss('<item><title>Q&A:&nbsp;caf&eacute; &mdash; &AMP; more</title><link>https://example.com/?a=1&b=2</link></item>'),
    item: { title: 'Q&A:\u00a0café — & more', link: 'https://example.com/?a=1&b=2' },
  },
  {
    name: 'repaired: truncated document and a misspelt close tag',
    text: '<rss version="2.0"><channel><language>en</langauge><item><title>kept</title></item></channel>\n</rss',
    item: { title: 'kept' },
  },
  {
    name: 'control characters are removed',
    text: rss('<item><title>ab\u0008cd\u0001</title></item>'),
    item: { title: 'abcd' },
  },
];

describe('parseFeed', () => {
  it.each(feedCases)('$name', async ({ text, feed, item, itemCount }) => {
    const parsed = await parseFeed(text);
    if (feed) expect(parsed).toMatchObject(feed);
    if (itemCount !== undefined) expect(parsed.items).toHaveLength(itemCount);
    if (item) expect(parsed.items[0]).toMatchObject(item);
  });

  it('parses many items in document order', async () => {
    const items = Array.from({ length: 30 }, (_, index) => `<item><title>n${index}</title></item>`).join('');
    const parsed = await parseFeed(rss(items));
    expect(parsed.items.map((entry) => entry.title)).toEqual(Array.from({ length: 30 }, (_, index) => `n${index}`));
  });

  it('resolves a relative feed xml:base against the URL the feed came from', async () => {
    const parsed = await parseFeed(atom('<entry><title>t</title><link href="t.html"/></entry>', '', ' xml:base="/blog/"'), {
      url: 'https://example.com/feeds/atom.xml',
    });
    expect(parsed.baseUrl).toBe('https://example.com/blog/');
    expect(parsed.items[0].baseUrl).toBe('https://example.com/blog/');
  });
});

const errorCases: { name: string; text: string; code: ParseError['code']; message: RegExp; alternateUrl?: string }[] = [
  { name: 'empty string', text: '', code: 'EMPTY', message: /empty/ },
  { name: 'whitespace and a BOM', text: '\uFEFF  \n\t', code: 'EMPTY', message: /empty/ },
  { name: 'only a prolog and a comment', text: '<?xml version="1.0"?><!-- nothing -->', code: 'EMPTY', message: /empty/ },
  {
    name: 'HTML page advertising its feed (relative href resolved against the page URL)',
    text: '<!DOCTYPE html><html><head><title>My Blog</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body></body></html>',
    code: 'NOT_A_FEED',
    message:
      /^HTML page at https:\/\/blog\.example\/posts\/ is not a feed: it advertises a feed at https:\/\/blog\.example\/feed\.xml; use that URL instead$/,
    alternateUrl: 'https://blog.example/feed.xml',
  },
  {
    name: 'HTML page advertising an Atom feed with <base href>',
    text: '<html><head><base href="https://cdn.example/x/"><link rel="alternate feed" type="application/atom+xml; charset=utf-8" href="atom.xml"></head></html>',
    code: 'NOT_A_FEED',
    message: /https:\/\/cdn\.example\/x\/atom\.xml/,
    alternateUrl: 'https://cdn.example/x/atom.xml',
  },
  {
    name: 'HTML page advertising nothing',
    text: '<head><title>Document Moved</title></head><body>moved</body>',
    code: 'NOT_A_FEED',
    message: /^HTML page at https:\/\/blog\.example\/posts\/ is not a feed: it advertises no feed/,
  },
  {
    name: 'XML that is not a feed',
    text: '<?xml version="1.0"?><note><to>x</to></note>',
    code: 'NOT_A_FEED',
    message: /root element <note>/,
  },
  { name: 'JSON that is not a JSON Feed', text: '{"version":"1"}', code: 'NOT_A_FEED', message: /not a JSON Feed/ },
  { name: 'JSON array', text: '[1,2]', code: 'NOT_A_FEED', message: /not a JSON Feed/ },
  {
    name: 'invalid JSON',
    text: '{"version": "https://jsonfeed.org/version/1" "items": []}',
    code: 'MALFORMED',
    message: /invalid JSON: Expected ',' or '}' after property value in JSON at position \d+/,
  },
  {
    name: 'invalid JSON around secret text',
    text: '{"token": s3cr3t}',
    code: 'MALFORMED',
    message: /^https:\/\/blog\.example\/posts\/: invalid JSON: unexpected text where a JSON value should be$/,
  },
  {
    name: 'JSON Feed of the wrong shape',
    text: '{"version":"https://jsonfeed.org/version/1.1","items":[{"url":42}]}',
    code: 'MALFORMED',
    message: /items\[0\]\.url/,
  },
  {
    name: 'plain text (not repeated in the message)',
    text: 'token=s3cr3t',
    code: 'MALFORMED',
    message: /^https:\/\/blog\.example\/posts\/: not XML or JSON: no root element and no JSON object/,
  },
  {
    name: 'XML broken beyond repair',
    text: '<rss version="2.0"><channel><title a=b>t</title></channel></rss>',
    code: 'MALFORMED',
    message: /not well-formed XML: .* at line 1/,
  },
];

describe('parseFeed errors', () => {
  it.each(errorCases)('$name → $code', async ({ text, code, message, alternateUrl }) => {
    const error = await parseFeed(text, { url: 'https://blog.example/posts/' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).code).toBe(code);
    expect((error as ParseError).message).toMatch(message);
    expect((error as ParseError).alternateUrl).toBe(alternateUrl);
  });

  it('names the document in messages when no URL is given', async () => {
    await expect(parseFeed('<note/>')).rejects.toThrow(/^document: root element <note>/);
  });

  it('throws nothing but ParseError on hostile input', async () => {
    const inputs = [
      '<rss version="2.0"><channel><item><title><![CDATA[unterminated',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link/><link rel="alternate"/><title><div>x</div></title></entry></feed>',
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
      '<feed/>',
      '<rss version="2.0"><channel><item><enclosure/><guid/><pubDate><b>x</b></pubDate></item></channel></rss>',
      '{"items": "nope"}',
      '\u0000\u0001\u0002',
      '<<<>>>',
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY custom "x">]><rss><channel><title>&custom;</title></channel></rss>',
    ];
    for (const input of inputs) {
      const outcome: ParsedFeed | unknown = await parseFeed(input).catch((error: unknown) => error);
      if (outcome instanceof Error) expect(outcome, input).toBeInstanceOf(ParseError);
      else expect(Array.isArray((outcome as ParsedFeed).items), input).toBe(true);
    }
  });
});
