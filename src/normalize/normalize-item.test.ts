import { describe, expect, it } from 'vitest';
import type { ParsedItem } from '../parse/types.ts';
import { normalizeItem, type NormalizeContext } from './normalize-item.ts';

const NOW = new Date('2024-01-01T00:00:00Z');
const CONTEXT: NormalizeContext = { feedUrl: 'https://feeds.example.com/blog/rss.xml', siteUrl: 'https://blog.example.com/', now: NOW };

function makeItem(overrides: Partial<ParsedItem>): ParsedItem {
  return { enclosures: [], thumbnails: [], ...overrides };
}

/** The hnrss description, as hnrss.org writes it for a link post. */
const HNRSS_DESCRIPTION = `
<p>Article URL: <a href="https://example.com/launch">https://example.com/launch</a></p>
<p>Comments URL: <a href="https://news.ycombinator.com/item?id=38000000">https://news.ycombinator.com/item?id=38000000</a></p>
<p>Points: 412</p>
<p># Comments: 99</p>`;

describe('normalizeItem: which link', () => {
  const LINKS: Array<[quirk: string, item: Partial<ParsedItem>, context: NormalizeContext, url: string | null]> = [
    ['plain link', { link: 'https://blog.example.com/post-1' }, CONTEXT, 'https://blog.example.com/post-1'],
    [
      'feedburner origLink wins over the proxy link',
      { link: 'http://feedproxy.google.com/~r/blog/~3/abc/', origLink: 'https://blog.example.com/post-2' },
      CONTEXT,
      'https://blog.example.com/post-2',
    ],
    ['relative link resolves against the site', { link: '/2024/post-3' }, CONTEXT, 'https://blog.example.com/2024/post-3'],
    [
      'relative link resolves against xml:base first',
      { link: 'post-4', baseUrl: 'https://mirror.example.org/archive/' },
      CONTEXT,
      'https://mirror.example.org/archive/post-4',
    ],
    [
      'relative link resolves against the feed base before the site',
      { link: 'post-5' },
      { ...CONTEXT, feedBaseUrl: 'https://base.example.net/b/' },
      'https://base.example.net/b/post-5',
    ],
    [
      'relative link with only the fetch URL',
      { link: 'post-6' },
      { feedUrl: 'https://example.com/feeds/all.xml', now: NOW },
      'https://example.com/feeds/post-6',
    ],
    ['permalink guid when there is no link', { guid: 'https://blog.example.com/?p=7' }, CONTEXT, 'https://blog.example.com/?p=7'],
    ['non-URL guid is not a link', { guid: 'tag:blog.example.com,2024:8' }, CONTEXT, null],
    ['bare-number guid is not resolved into a URL', { guid: '12345' }, CONTEXT, null],
    [
      'podcast without a page uses its audio enclosure',
      { enclosures: [{ url: 'https://cdn.example.com/ep9.mp3', type: 'audio/mpeg' }] },
      CONTEXT,
      'https://cdn.example.com/ep9.mp3',
    ],
    ['an image enclosure is not a link', { enclosures: [{ url: 'https://cdn.example.com/cover.png', type: 'image/png' }] }, CONTEXT, null],
    ['YouTube feed entry with only a video id', { youtubeVideoId: 'wf-BqAjZb8M' }, CONTEXT, 'https://www.youtube.com/watch?v=wf-BqAjZb8M'],
    [
      'javascript: link falls back to the guid',
      { link: 'javascript:void(0)', guid: 'https://blog.example.com/post-10' },
      CONTEXT,
      'https://blog.example.com/post-10',
    ],
    ['no usable link at all', { link: 'mailto:author@example.com', title: 'Orphan' }, CONTEXT, null],
  ];

  it.each(LINKS)('%s', (_quirk, overrides, context, url) => {
    expect(normalizeItem(context, makeItem(overrides))?.url ?? null).toBe(url);
  });

  it('keeps tracking parameters in the display URL but not in the key', () => {
    const item = normalizeItem(CONTEXT, makeItem({ link: 'https://www.example.com/a/?utm_source=rss' }));
    expect(item?.url).toBe('https://www.example.com/a/?utm_source=rss');
    expect(item?.canonicalUrl).toBe('https://example.com/a');
  });
});

describe('normalizeItem: text', () => {
  const TEXT: Array<[quirk: string, item: Partial<ParsedItem>, title: string, summary: string]> = [
    [
      'entities and tags in the title',
      { title: 'Ruff &amp; <code>uv</code>', summaryHtml: '<p>Fast tools.</p>' },
      'Ruff & uv',
      'Fast tools.',
    ],
    ['summary from content when there is no description', { title: 'T', contentHtml: '<p>Body <b>text</b></p>' }, 'T', 'Body text'],
    [
      'description wins over content for the summary',
      { title: 'T', summaryHtml: 'Short.', contentHtml: '<p>Long body</p>' },
      'T',
      'Short.',
    ],
    [
      'missing title: first words of the summary',
      { summaryHtml: '<p>A title-less micro post about asyncio.</p>' },
      'A title-less micro post about asyncio.',
      'A title-less micro post about asyncio.',
    ],
    ['missing title and summary: the URL', { title: '  ' }, 'https://blog.example.com/post', ''],
    ['hnrss boilerplate leaves an empty summary', { title: 'Show HN: A thing', summaryHtml: HNRSS_DESCRIPTION }, 'Show HN: A thing', ''],
    [
      'Ask HN text survives without the boilerplate',
      { title: 'Ask HN: Why?', summaryHtml: `<p>I wonder why.</p><hr>${HNRSS_DESCRIPTION}` },
      'Ask HN: Why?',
      'I wonder why.',
    ],
  ];

  it.each(TEXT)('%s', (_quirk, overrides, title, summary) => {
    const item = normalizeItem(CONTEXT, makeItem({ link: 'https://blog.example.com/post', ...overrides }));
    expect(item?.title).toBe(title);
    expect(item?.summary).toBe(summary);
  });

  it('cuts a long summary to 500 characters at a sentence', () => {
    const item = normalizeItem(
      CONTEXT,
      makeItem({ link: 'https://blog.example.com/post', title: 'T', contentHtml: `<p>${'One sentence here. '.repeat(60)}</p>` }),
    );
    expect(item?.summary.length).toBeLessThanOrEqual(500);
    expect(item?.summary.endsWith('here.…')).toBe(true);
  });

  it('cuts a title that is a whole page (a 5 MB <title>) to 300 characters', () => {
    const item = normalizeItem(CONTEXT, makeItem({ link: 'https://blog.example.com/post', title: 'word '.repeat(1_000_000) }));
    expect(item?.title.length).toBeLessThanOrEqual(300);
    expect(item?.title.endsWith('word…')).toBe(true);
  });

  it('keeps the item HTML for the digest stage, content first', () => {
    const item = normalizeItem(
      CONTEXT,
      makeItem({ link: 'https://blog.example.com/post', summaryHtml: '<p>s</p>', contentHtml: '<p>c <a href="https://x.org">x</a></p>' }),
    );
    expect(item?.contentHtml).toBe('<p>c <a href="https://x.org">x</a></p>');
    const summaryOnly = normalizeItem(CONTEXT, makeItem({ link: 'https://blog.example.com/post', summaryHtml: '<p>s</p>' }));
    expect(summaryOnly?.contentHtml).toBe('<p>s</p>');
  });

  it.each([
    ['zh', '如何高效地阅读 Python 代码？', '<p>本文介绍了阅读代码的方法。</p>'],
    ['en', 'Reading code', '<p>How to read code well.</p>'],
  ] as const)('detects %s from title and summary', (lang, title, summaryHtml) => {
    expect(normalizeItem(CONTEXT, makeItem({ link: 'https://blog.example.com/post', title, summaryHtml }))?.lang).toBe(lang);
  });
});

describe('normalizeItem: dates, guid, engagement', () => {
  it.each([
    ['RFC 822 date', 'Mon, 06 Nov 2023 10:00:00 +0800', '2023-11-06T02:00:00.000Z'],
    ['future date clamped to now', '2030-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z'],
    ['garbage date', 'sometime', null],
    ['no date', undefined, null],
  ])('%s', (_quirk, published, expected) => {
    const item = normalizeItem(CONTEXT, makeItem({ link: 'https://blog.example.com/post', published }));
    expect(item?.publishedAt?.toISOString() ?? null).toBe(expected);
  });

  it('keeps the guid, trimmed, and null when blank', () => {
    expect(normalizeItem(CONTEXT, makeItem({ link: 'https://a.example/x', guid: ' id-1 ' }))?.guid).toBe('id-1');
    expect(normalizeItem(CONTEXT, makeItem({ link: 'https://a.example/x', guid: '' }))?.guid).toBeNull();
  });

  it('reads hnrss points and comments', () => {
    const item = normalizeItem(CONTEXT, makeItem({ link: 'https://example.com/launch', summaryHtml: HNRSS_DESCRIPTION }));
    expect([item?.points, item?.comments]).toEqual([412, 99]);
  });

  it('does not read "Points:" in an ordinary article as engagement', () => {
    const item = normalizeItem(
      CONTEXT,
      makeItem({ link: 'https://blog.example.com/post', summaryHtml: '<p>Key Points: 3 things to know</p>' }),
    );
    expect([item?.points, item?.comments]).toEqual([null, null]);
    expect(item?.summary).toBe('Key Points: 3 things to know');
  });
});

describe('normalizeItem: image', () => {
  const IMAGES: Array<[quirk: string, item: Partial<ParsedItem>, imageUrl: string | null]> = [
    [
      'image enclosure first',
      { enclosures: [{ url: 'https://cdn.example.com/cover.jpg', type: 'image/jpeg' }], thumbnails: ['https://cdn.example.com/thumb.jpg'] },
      'https://cdn.example.com/cover.jpg',
    ],
    [
      'image enclosure without a type, by extension',
      { enclosures: [{ url: 'https://cdn.example.com/cover.webp' }] },
      'https://cdn.example.com/cover.webp',
    ],
    [
      'then the media thumbnail',
      { thumbnails: ['https://i.ytimg.com/vi/x/hqdefault.jpg'], contentHtml: '<img src="https://cdn.example.com/in.png">' },
      'https://i.ytimg.com/vi/x/hqdefault.jpg',
    ],
    [
      'then the first img of the content',
      { contentHtml: '<p>x</p><img src="https://cdn.example.com/a.png"><img src="https://cdn.example.com/b.png">' },
      'https://cdn.example.com/a.png',
    ],
    [
      'relative img resolves against the item link',
      { contentHtml: '<img src="figures/plot.png">' },
      'https://blog.example.com/posts/plot/figures/plot.png',
    ],
    [
      'tracking pixel is skipped',
      {
        contentHtml: '<img src="https://feeds.feedburner.com/~r/x/~4/y" width="1" height="1"><img src="https://cdn.example.com/real.png">',
      },
      'https://cdn.example.com/real.png',
    ],
    [
      'FeedBurner share buttons are skipped',
      {
        contentHtml:
          '<p>Post.</p><a href="http://feeds.feedburner.com/~ff/blog?a=x"><img src="http://feeds.feedburner.com/~ff/blog?d=yIl2AUoC8zA" border="0"></a>',
      },
      null,
    ],
    [
      'lazy-loaded data-src when src is a data: placeholder',
      { contentHtml: '<img src="data:image/gif;base64,R0lGOD" data-src="https://cdn.example.com/lazy.png">' },
      'https://cdn.example.com/lazy.png',
    ],
    [
      'img in the summary when the content has none',
      { contentHtml: '<p>text</p>', summaryHtml: '<img src="https://cdn.example.com/s.png">' },
      'https://cdn.example.com/s.png',
    ],
    ['audio enclosure is not an image', { enclosures: [{ url: 'https://cdn.example.com/ep.mp3', type: 'audio/mpeg' }] }, null],
    ['no image anywhere', { contentHtml: '<p>words only</p>' }, null],
  ];

  it.each(IMAGES)('%s', (_quirk, overrides, imageUrl) => {
    const item = normalizeItem(CONTEXT, makeItem({ link: 'https://blog.example.com/posts/plot/', ...overrides }));
    expect(item?.imageUrl).toBe(imageUrl);
  });
});

describe('normalizeItem: media kind', () => {
  const MEDIA: Array<[quirk: string, item: Partial<ParsedItem>, mediaKind: 'audio' | 'video' | null]> = [
    [
      'audio enclosure',
      { link: 'https://talkpython.fm/episodes/show/425', enclosures: [{ url: 'https://cdn.example.com/425.mp3', type: 'audio/mpeg' }] },
      'audio',
    ],
    [
      'audio enclosure without a type',
      { link: 'https://pod.example.com/1', enclosures: [{ url: 'https://cdn.example.com/1.m4a' }] },
      'audio',
    ],
    [
      'video enclosure',
      { link: 'https://blog.example.com/talk', enclosures: [{ url: 'https://cdn.example.com/talk.mp4', type: 'video/mp4' }] },
      'video',
    ],
    ['YouTube link', { link: 'https://www.youtube.com/watch?v=wf-BqAjZb8M' }, 'video'],
    ['youtu.be link', { link: 'https://youtu.be/wf-BqAjZb8M' }, 'video'],
    ['Bilibili link', { link: 'https://www.bilibili.com/video/BV1v64y1J7hS' }, 'video'],
    ['yt:videoId', { link: 'https://example.com/mirror', youtubeVideoId: 'wf-BqAjZb8M' }, 'video'],
    [
      'ordinary article',
      { link: 'https://blog.example.com/post', enclosures: [{ url: 'https://cdn.example.com/c.png', type: 'image/png' }] },
      null,
    ],
  ];

  it.each(MEDIA)('%s', (_quirk, overrides, mediaKind) => {
    expect(normalizeItem(CONTEXT, makeItem(overrides))?.mediaKind).toBe(mediaKind);
  });
});
