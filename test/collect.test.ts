import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSources } from '../src/config/load-sources.ts';
import { collectSources } from '../src/queue/collect-sources.ts';
import { selectDueSources } from '../src/store/sources/select-due-sources.ts';
import type { RefreshDeps } from '../src/refresh/refresh-source.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { listSourceHealth } from '../src/store/sources/list-source-health.ts';
import { syncSources } from '../src/store/sources/sync-sources.ts';
import { describeEachEngine } from './helpers/db.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';

const NOW = '2026-11-25T02:00:00Z';

const rss = (title: string, items: Array<{ title: string; link: string; description?: string }>) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${title}</title><link>https://blog.example/</link><description>d</description>
${items.map((item) => `<item><title>${item.title}</title><link>${item.link}</link><description>${item.description ?? ''}</description><pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate></item>`).join('\n')}
</channel></rss>`;

const atom = (title: string, entries: Array<{ title: string; link: string }>) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${title}</title><id>urn:x</id><updated>2026-11-24T00:00:00Z</updated>
${entries.map((entry, index) => `<entry><title>${entry.title}</title><id>urn:${index}</id><link href="${entry.link}"/><updated>2026-11-24T00:00:00Z</updated></entry>`).join('\n')}
</feed>`;

const digestIssue = (clickThrough: string) => `<h2>Articles &amp; Tutorials</h2>
<p><a href="${clickThrough}">Python 3.14: What's New</a></p><p>Template strings and a free-threaded build.</p>
<p><a href="https://realpython.com/python-asyncio/?utm_source=pycoders">Async IO in Python</a></p><p>A walkthrough of asyncio.</p>
<p><a href="https://github.com/astral-sh/uv">uv</a> — an extremely fast package manager.</p>
<p><a href="https://digest.example/unsubscribe">Unsubscribe</a></p>`;

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  server.serveFeed(
    '/a.xml',
    rss('Blog A', [
      { title: 'Async IO in Python', link: 'https://realpython.com/python-asyncio/' },
      { title: 'Only in A', link: 'https://blog.example/only-a' },
    ]),
    { contentType: 'application/rss+xml', etag: '"a1"' },
  );
  server.serveFeed(
    '/b.atom',
    atom('Blog B', [
      { title: 'Async IO in Python (repost)', link: 'http://www.realpython.com/python-asyncio?utm_medium=rss' },
      { title: 'uv repo', link: 'https://github.com/Astral-SH/uv/tree/main' },
    ]),
    { contentType: 'application/atom+xml', lastModified: 'Tue, 24 Nov 2026 08:00:00 GMT' },
  );
  server.serveFeed(
    '/digest.xml',
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Digest</title><link>https://digest.example/</link><description>d</description>
<item><title>Issue #1</title><link>https://digest.example/issues/1</link><description><![CDATA[${digestIssue(server.url('/link/13216/feed'))}]]></description></item></channel></rss>`,
    { contentType: 'application/rss+xml', etag: '"d1"' },
  );
  server.serveFeed(
    '/gbk.xml',
    iconv.encode(
      `<?xml version="1.0" encoding="gbk"?><rss version="2.0"><channel><title>中文博客</title><link>https://cn.example/</link><description>d</description>
<item><title>用 Python 写一个异步爬虫</title><link>https://cn.example/posts/1</link><description>详细介绍异步编程。</description></item></channel></rss>`,
      'gbk',
    ),
    { contentType: 'text/xml' },
  );
  server.serveFeed(
    '/big5.xml',
    iconv.encode(
      `<?xml version="1.0" encoding="big5"?><rss version="2.0"><channel><title>繁體</title><link>https://tw.example/</link><description>d</description>
<item><title>學習 Python 程式設計</title><link>https://tw.example/posts/1</link></item></channel></rss>`,
      'big5',
    ),
    { contentType: 'application/xml; charset=big5' },
  );
  server.redirect('/link/13216/feed', 'https://docs.python.org/3.14/whatsnew/3.14.html?utm_source=pycoders', 302);
  server.status('/gone.xml', 404);
  server.status('/error.xml', 500);
  server.retryAfter('/busy.xml', 120, 429);
  server.html(
    '/page.html',
    '<html><head><link rel="alternate" type="application/rss+xml" href="/real-feed.xml"></head><body>hi</body></html>',
  );
  server.slowBody('/slow.xml', 5_000);
  server.redirect('/loop1', '/loop2');
  server.redirect('/loop2', '/loop1');
});

afterAll(async () => {
  await server.close();
});

/** The digest's click-through is on 127.0.0.1 like everything here: its source allows private networks. */
function sourcesYaml(): string {
  const entry = (id: string, path: string, kind = 'blog', extra = '') =>
    `  - { id: ${id}, name: "${id}", url: "${server.url(path)}", kind: ${kind}, lang: en, category: articles, interval: 1h${extra} }\n`;
  return `weekly:
  categories:
    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 12 }
    - { id: projects, title: 项目&资源, emoji: "🐿️", slots: 12 }
sources:
${entry('a', '/a.xml')}${entry('b', '/b.atom')}${entry('digest', '/digest.xml', 'digest', ', allow_private_networks: true')}${entry('gbk', '/gbk.xml')}${entry('big5', '/big5.xml')}${entry('gone', '/gone.xml')}${entry('error', '/error.xml')}${entry('busy', '/busy.xml')}${entry('page', '/page.html')}${entry('slow', '/slow.xml', 'blog', ', timeout: 1s')}${entry('loop', '/loop1')}`;
}

describeEachEngine('collect', ({ getDb }) => {
  const clock = fixedClock(NOW);
  let deps: RefreshDeps;

  beforeAll(async () => {
    const config = parseSources(sourcesYaml(), 'sources.yaml');
    deps = { db: getDb(), log: silentLogger(), clock, fetch: globalThis.fetch, config };
    await syncSources(getDb(), config.sources);
  });

  it('stores every source, dedupes by canonical URL and records each failure', async () => {
    const sources = await selectDueSources(deps.db, clock.now());
    expect(sources).toHaveLength(11);
    const summary = await collectSources(deps, sources, { concurrency: 16, perHostConcurrency: 8 });
    expect(summary).toMatchObject({ sources: 11, ok: 5, notModified: 0, failed: 6 });
    expect(summary.failures.map((failure) => `${failure.sourceId}:${failure.code}`).sort()).toEqual([
      'busy:HTTP_STATUS',
      'error:HTTP_STATUS',
      'gone:HTTP_STATUS',
      'loop:REDIRECT_LOOP',
      'page:NOT_A_FEED',
      'slow:TIMEOUT',
    ]);

    const sharedLink = await deps.db
      .selectFrom('items')
      .innerJoin('sightings', 'sightings.item_id', 'items.id')
      .select(['items.title', 'items.canonical_url', 'sightings.source_id', 'sightings.digest_issue_url'])
      .where('items.canonical_url', '=', 'https://realpython.com/python-asyncio')
      .orderBy('sightings.source_id')
      .execute();
    expect(sharedLink.map((row) => row.source_id)).toEqual(['a', 'b', 'digest']);
    expect(sharedLink.find((row) => row.source_id === 'digest')?.digest_issue_url).toBe('https://digest.example/issues/1');

    const uv = await deps.db
      .selectFrom('items')
      .innerJoin('sightings', 'sightings.item_id', 'items.id')
      .select(['canonical_url', 'source_id'])
      .where('canonical_url', '=', 'https://github.com/astral-sh/uv')
      .execute();
    expect(uv.map((row) => row.source_id).sort()).toEqual(['b', 'digest']);

    const duplicates = await deps.db
      .selectFrom('items')
      .select(['canonical_url', (eb) => eb.fn.countAll<string>().as('count')])
      .groupBy('canonical_url')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(duplicates).toEqual([]);
    const clickThrough = await deps.db
      .selectFrom('items')
      .innerJoin('sightings', 'sightings.item_id', 'items.id')
      .select(['url', 'canonical_url', 'title', 'source_id'])
      .where('title', '=', "Python 3.14: What's New")
      .execute();
    expect(clickThrough).toEqual([
      {
        url: 'https://docs.python.org/3.14/whatsnew/3.14.html?utm_source=pycoders',
        canonical_url: 'https://docs.python.org/3.14/whatsnew/3.14.html',
        title: "Python 3.14: What's New",
        source_id: 'digest',
      },
    ]);
    const unsubscribe = await deps.db.selectFrom('items').select('url').where('url', 'like', '%unsubscribe%').execute();
    expect(unsubscribe).toEqual([]);
  });

  it('decodes GBK and Big5 feeds into correct Chinese titles', async () => {
    const titles = await deps.db
      .selectFrom('items')
      .select(['title', 'lang'])
      .where('canonical_url', 'in', ['https://cn.example/posts/1', 'https://tw.example/posts/1'])
      .orderBy('canonical_url')
      .execute();
    expect(titles).toEqual([
      { title: '用 Python 写一个异步爬虫', lang: 'zh' },
      { title: '學習 Python 程式設計', lang: 'zh' },
    ]);
  });

  it('shows every failure in the health list, broken first, with backoff and Retry-After', async () => {
    const health = await listSourceHealth(deps.db, clock.now());
    expect(
      health
        .slice(0, 6)
        .map((row) => row.id)
        .sort(),
    ).toEqual(['busy', 'error', 'gone', 'loop', 'page', 'slow']);
    const byId = new Map(health.map((row) => [row.id, row]));
    expect(byId.get('gone')).toMatchObject({ lastStatus: 'HTTP_STATUS', errorCount: 1 });
    expect(byId.get('gone')?.lastError).toContain('404');
    expect(byId.get('page')?.lastError).toContain('/real-feed.xml');
    // interval 1h × 2^1 = 2h after the first failure
    expect(byId.get('error')?.nextCheckAt.toISOString()).toBe('2026-11-25T04:00:00.000Z');
    expect(byId.get('a')).toMatchObject({ lastStatus: 'ok', errorCount: 0, itemsLast7Days: 2 });
    expect(byId.get('a')?.nextCheckAt.toISOString()).toBe('2026-11-25T03:00:00.000Z');
  });

  it('a second pass over all sources adds nothing and answers 304 where validators allow', async () => {
    const before = await countRows();
    clock.set('2026-11-25T06:00:00Z');
    const summary = await collectSources(deps, await selectDueSources(deps.db, clock.now(), { all: true }), {
      concurrency: 16,
      perHostConcurrency: 8,
    });
    expect(summary.itemsNew).toBe(0);
    expect(summary.sightingsNew).toBe(0);
    expect(summary.notModified).toBe(3); // a and digest by ETag, b by Last-Modified
    expect(await countRows()).toEqual(before);
    const errorSource = await deps.db
      .selectFrom('sources')
      .select(['error_count', 'next_check_at'])
      .where('id', '=', 'error')
      .executeTakeFirstOrThrow();
    // second consecutive failure: 1h × 2^2
    expect(errorSource).toEqual({ error_count: 2, next_check_at: new Date('2026-11-25T10:00:00Z') });
    const a = await deps.db.selectFrom('sources').select(['last_status', 'error_count']).where('id', '=', 'a').executeTakeFirstOrThrow();
    expect(a).toEqual({ last_status: 'not_modified', error_count: 0 });
  });

  async function countRows() {
    const items = await deps.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    const sightings = await deps.db
      .selectFrom('sightings')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    return { items: Number(items.count), sightings: Number(sightings.count) };
  }
});
