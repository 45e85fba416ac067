import { readdirSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, isPermanentError, ParseError } from '../shared/errors.ts';
import { processFeed, type FeedDocument } from './process-feed.ts';
import { createProcessFeedPool, type ProcessFeedPool } from './process-feed-pool.ts';

const NOW = new Date('2026-11-25T02:00:00Z');

const encode = (text: string) => new TextEncoder().encode(text);

const document = (bytes: Uint8Array, overrides: Partial<FeedDocument> = {}): FeedDocument => ({
  bytes,
  contentType: 'application/rss+xml; charset=utf-8',
  feedUrl: 'https://blog.example/feed.xml',
  finalUrl: 'https://blog.example/feed.xml',
  isDigest: false,
  now: NOW,
  ...overrides,
});

const rss = (title: string, items: string) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${title}</title><link>https://blog.example/</link><ttl>90</ttl>${items}</channel></rss>`;

const digestIssue = `<h2>文章&amp;教程</h2>
<p><a href="https://realpython.com/python-asyncio/?utm_source=weekly">Async IO in Python</a></p><p>A walkthrough of asyncio.</p>
<p><a href="https://github.com/astral-sh/uv">uv</a> — an extremely fast package manager.</p>
<p><a href="https://digest.example/unsubscribe">Unsubscribe</a></p>`;

/** Documents whose processing must come out the same on a worker as on this thread: one per path through processFeed. */
const sameResultCases: Array<{ name: string; document: () => FeedDocument }> = [
  {
    name: 'RSS 2.0 with CJK text, HTML summary, relative link and a date',
    document: () =>
      document(
        encode(
          rss(
            '中文博客',
            `<item><title>用 Python 写一个异步爬虫</title><link>/posts/1</link>
      <description>&lt;p&gt;详细介绍 &lt;b&gt;asyncio&lt;/b&gt;。&lt;img src="/a.png"&gt;&lt;/p&gt;</description><pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate></item>`,
          ),
        ),
      ),
  },
  {
    name: 'Atom with xml:base and escaped HTML content',
    document: () =>
      document(
        encode(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/"><title>Atom</title>
      <entry><title type="html">A &amp;amp; B</title><link href="entries/1"/><id>urn:1</id><updated>2026-11-20T00:00:00Z</updated>
      <content type="html">&lt;p&gt;Hello &lt;a href="x"&gt;world&lt;/a&gt;&lt;/p&gt;</content></entry></feed>`),
        { contentType: 'application/atom+xml' },
      ),
  },
  {
    name: 'GBK bytes declared only in the XML prolog',
    document: () =>
      document(
        new Uint8Array(
          iconv.encode(
            `<?xml version="1.0" encoding="gbk"?>${rss('中文', '<item><title>学习 Python 编程</title><link>https://cn.example/1</link></item>').replace(/^<\?xml[^>]*>/, '')}`,
            'gbk',
          ),
        ),
        { contentType: 'text/xml' },
      ),
  },
  {
    name: 'digest issue: the links inside become the items',
    document: () =>
      document(
        encode(
          rss(
            'Digest',
            `<item><title>Issue #1</title><link>https://digest.example/issues/1</link><description><![CDATA[${digestIssue}]]></description></item>`,
          ),
        ),
        { isDigest: true, feedUrl: 'https://digest.example/feed', finalUrl: 'https://digest.example/feed' },
      ),
  },
];

/** Documents that are not feeds: the pool must reject with the same typed error as the in-thread call. */
const errorCases: Array<{ name: string; text: string; code: string; alternateUrl?: string; isPermanent: boolean }> = [
  {
    name: 'HTML page advertising its feed',
    text: '<!doctype html><html><head><title>Blog</title><link rel="alternate" type="application/rss+xml" href="/real-feed.xml"></head><body>hi</body></html>',
    code: 'NOT_A_FEED',
    alternateUrl: 'https://blog.example/real-feed.xml',
    isPermanent: true,
  },
  { name: 'empty document', text: '  \n', code: 'EMPTY', isPermanent: false },
  { name: 'text that is neither XML nor JSON', text: 'Service temporarily unavailable', code: 'MALFORMED', isPermanent: false },
];

async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createProcessFeedPool', () => {
  let pool: ProcessFeedPool;

  beforeAll(() => {
    pool = createProcessFeedPool({ size: 2 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it.each(sameResultCases)('gives the in-thread result: $name', async ({ document: make }) => {
    const inThread = await processFeed(make());
    expect(inThread.items.length).toBeGreaterThan(0);
    expect(await pool.processFeed(make())).toEqual(inThread);
  });

  it.each(errorCases)('rejects with the same typed error: $name', async ({ text, code, alternateUrl, isPermanent }) => {
    const inThread = await captureError(processFeed(document(encode(text))));
    const pooled = await captureError(pool.processFeed(document(encode(text))));
    expect(pooled).toBeInstanceOf(ParseError);
    expect(pooled).toMatchObject({ name: 'ParseError', code, message: (inThread as ParseError).message, alternateUrl });
    // refreshSource decides retry vs give up from the error's type and code.
    expect(isPermanentError(pooled)).toBe(isPermanent);
  });

  it('answers many concurrent documents, each with its own result', async () => {
    const titles = Array.from({ length: 24 }, (_, index) => `Feed ${index}`);
    const results = await Promise.all(
      titles.map((title, index) =>
        pool.processFeed(
          document(encode(rss(title, `<item><title>Post ${index}</title><link>https://blog.example/${index}</link></item>`))),
        ),
      ),
    );
    expect(results.map((result) => result.title)).toEqual(titles);
    expect(results.map((result) => result.items[0]?.url)).toEqual(titles.map((_, index) => `https://blog.example/${index}`));
  });

  it('leaves the rest of a shared buffer intact when the bytes are a view into it', async () => {
    const text = encode(rss('Shared', '<item><title>t</title><link>https://blog.example/t</link></item>'));
    const neighbour = encode('NEIGHBOUR');
    // A plain ArrayBuffer (Node's own Buffer pool is never transferred, so it would not show the problem).
    const shared = new Uint8Array(new ArrayBuffer(text.byteLength + neighbour.byteLength));
    shared.set(text);
    shared.set(neighbour, text.byteLength);
    const result = await pool.processFeed(document(shared.subarray(0, text.byteLength)));
    expect(result.title).toBe('Shared');
    expect(new TextDecoder().decode(shared.subarray(text.byteLength))).toBe('NEIGHBOUR');
  });
});

describe('createProcessFeedPool lifecycle', () => {
  it('refuses a size that is not a positive integer', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) expect(() => createProcessFeedPool({ size })).toThrow(AppError);
  });

  it('starts its threads with the first document: a pass with nothing to parse starts none', async () => {
    // the process's own threads (Linux): a Worker is one more as soon as it is constructed
    const threads = () => readdirSync('/proc/self/task').length;
    const before = threads();
    const idle = createProcessFeedPool({ size: 2 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(threads()).toBe(before);
    expect(idle.threadsStarted).toBe(0);
    await idle.close();
    expect(idle.threadsStarted).toBe(0);

    const pool = createProcessFeedPool({ size: 2 });
    try {
      const processed = await pool.processFeed(
        document(encode(rss('Blog', '<item><title>Post</title><link>https://blog.example/1</link></item>'))),
      );
      expect(processed.items).toHaveLength(1);
      expect(pool.threadsStarted).toBe(2);
      await pool.processFeed(document(encode(rss('Blog', '<item><title>Post</title><link>https://blog.example/2</link></item>'))));
      expect(pool.threadsStarted).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('rejects work still running when closed, and any work after', async () => {
    const pool = createProcessFeedPool({ size: 1 });
    const big = rss(
      'Big',
      Array.from(
        { length: 2_000 },
        (_, index) =>
          `<item><title>Post ${index}</title><link>https://blog.example/${index}</link><description>${'text '.repeat(50)}</description></item>`,
      ).join(''),
    );
    const running = captureError(pool.processFeed(document(encode(big))));
    await pool.close();
    expect(await running).toMatchObject({ code: 'POOL_CLOSED' });
    expect(await captureError(pool.processFeed(document(encode(big))))).toMatchObject({ code: 'POOL_CLOSED' });
  });
});
