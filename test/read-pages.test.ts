import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { parseSources } from '../src/config/load-sources.ts';
import { createPageReader, type PageReaderDeps } from '../src/read/create-page-reader.ts';
import { listPrefetchUrls } from '../src/read/list-prefetch-urls.ts';
import type { CandidatesByCategory } from '../src/rank/build-candidates.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { loadReadablePage, loadStoredReadablePage } from '../src/store/pages/readable-pages.ts';
import { syncSources } from '../src/store/sources/sync-sources.ts';
import { describeEachEngine } from './helpers/db.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';
import { fetchFromLocalWeb, readPageFixture as fixture } from './helpers/local-web.ts';

/**
 * Reading the page behind a link (issue #16): extraction of local fixture pages, a GitHub
 * repository through a fake API, sanitizing, the size and time caps, the private-network
 * refusal, and storage in readable_pages on both engines.
 */

const NOW = new Date('2026-11-25T08:00:00Z');

const config = parseSources(
  `weekly:
  title: T
  categories:
    - { id: articles, title: 文章, slots: 3 }
sources:
  - { id: lan-blog, name: LAN blog, url: "http://rsshub.lan/feed", kind: blog, lang: en, category: articles, allow_private_networks: true }
  - { id: plain, name: Plain, url: "https://plain.test/feed", kind: blog, lang: en, category: articles }
`,
  'sources.yaml',
);

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server?.close();
});

describeEachEngine('reading pages', ({ getDb }) => {
  const clock = fixedClock(NOW);
  const reader = (extra: Partial<PageReaderDeps> = {}) =>
    createPageReader({
      db: getDb(),
      log: silentLogger(),
      clock,
      config,
      env: { SIFT_ALLOW_PRIVATE_NETWORKS: true },
      fetch: fetchFromLocalWeb(server),
      githubApiUrl: `${server.origin}/api`,
      limits: { timeoutMs: 1_500, maxBytes: 200_000 },
      ...extra,
    });

  beforeEach(() => {
    server.reset();
    clock.set(NOW);
  });

  it('extracts the article of a page with boilerplate: text, byline, lead image, site name, paragraphs', async () => {
    server.html('/blog/asyncio', fixture('article.html'));
    const url = server.url('/blog/asyncio');
    const page = await reader().read(url);
    expect(page.status).toBe('ok');
    expect(page.title).toMatch(/Asyncio deep dive/);
    expect(page.byline).toMatch(/Jane Doe/);
    expect(page.siteName).toBe('Example Blog');
    expect(page.leadImageUrl).toBe(server.url('/images/loop.png'));
    expect(page.lang).toBe('en');
    expect(page.text).toContain('suspending coroutines');
    expect(page.text).toContain('\n\n'); // paragraphs kept
    for (const boilerplate of ['SIDEBAR-BOILERPLATE', 'COOKIE-BANNER-BOILERPLATE', 'Subscribe to our newsletter']) {
      expect(page.text).not.toContain(boilerplate);
      expect(page.html).not.toContain(boilerplate);
    }
    // relative links made absolute, marked for a new tab without referrer or endorsement
    expect(page.html).toContain(`<a href="${server.url('/docs/tasks')}" rel="noopener noreferrer nofollow" target="_blank">`);
    expect(page.html).toContain('<pre><code>');

    const stored = await loadReadablePage(getDb(), url);
    expect(stored).toMatchObject({ status: 'ok', title: page.title, isEnglish: true, lang: 'en', github: null });
    expect(stored!.text).toBe(page.text);
    expect(stored!.leadParagraph).toMatch(/^Asyncio lets one thread juggle/);
  });

  it('fetches a link once: a stored page is served without a request', async () => {
    server.html('/once', fixture('article.html'));
    const url = server.url('/once');
    const pages = await Promise.all([reader().read(url), reader().read(url)]);
    const shared = reader();
    await Promise.all([shared.read(url), shared.read(url)]);
    expect(pages[0].status).toBe('ok');
    // two readers raced once (two requests at most); the third and fourth reads found it stored
    expect(server.requests.filter((request) => request.path === '/once').length).toBeLessThanOrEqual(2);
    await reader().read(url);
    expect(server.requests.filter((request) => request.path === '/once').length).toBeLessThanOrEqual(2);
  });

  it('reads a GitHub repository: the README’s first paragraphs from the page, description, stars and language from the API', async () => {
    server.html('/github.com/example/fastcli', fixture('github-repo.html'));
    server.route('/api/repos/example/fastcli', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        full_name: 'example/fastcli',
        description: 'Build CLI tools fast',
        stargazers_count: 12345,
        language: 'Python',
        topics: ['cli', 'python'],
      }),
    });
    const url = 'https://github.com/example/fastcli';
    const page = await reader().read(url);
    expect(page.status).toBe('ok');
    expect(page.github).toEqual({
      fullName: 'example/fastcli',
      description: 'Build CLI tools fast',
      stars: 12345,
      language: 'Python',
      topics: ['cli', 'python'],
      readme: [
        'fastcli turns a plain Python function into a command line tool with typed options, help text and shell completion, in one decorator.',
        'It starts in under twenty milliseconds because it imports nothing it does not need, which matters for tools run hundreds of times a day.',
        'A third paragraph about the documentation, the examples folder and how to contribute to the project.',
      ],
    });
    const api = server.requests.find((request) => request.path === '/api/repos/example/fastcli');
    expect(api?.headers['user-agent']).toMatch(/^sift/);
    const stored = await loadReadablePage(getDb(), url);
    expect(stored!.leadParagraph).toMatch(/^fastcli turns a plain Python function/);
    expect(stored!.github?.stars).toBe(12345);
  });

  it('takes the README from the API when the page has none', async () => {
    server.html(
      '/github.com/example/tui-kit',
      '<!doctype html><html><head><title>example/tui-kit</title></head><body><p>Sign in to see this repository.</p></body></html>',
    );
    server.route('/api/repos/example/tui-kit', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ full_name: 'example/tui-kit', description: 'A TUI toolkit', stargazers_count: 42, language: 'Rust' }),
    });
    const readme =
      '# tui-kit\n\n[![CI](https://ci.test/b.svg)](https://ci.test)\n\n**tui-kit** gives you [widgets](https://docs.test) for terminal apps, with `async` rendering.\n\n```sh\ncargo add tui-kit\n```\n';
    server.route('/api/repos/example/tui-kit/readme', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ encoding: 'base64', content: Buffer.from(readme).toString('base64') }),
    });
    const page = await reader().read('https://github.com/example/tui-kit');
    expect(page.github).toMatchObject({
      fullName: 'example/tui-kit',
      stars: 42,
      language: 'Rust',
      readme: ['tui-kit gives you widgets for terminal apps, with async rendering.'],
    });
  });

  it('sanitizes a hostile page: no script, event handler, javascript:/data: link, frame, form or foreign id/style survives', async () => {
    server.html('/hostile', fixture('hostile.html'));
    const page = await reader().read(server.url('/hostile'));
    expect(page.status).toBe('ok');
    const stored = (await loadStoredReadablePage(getDb(), server.url('/hostile')))!;
    for (const html of [page.html!, stored.html!]) {
      expect(html).not.toMatch(/<script|<iframe|<form|<input|<svg|<style/i);
      expect(html).not.toMatch(/\son\w+=/i);
      expect(html).not.toMatch(/javascript:|data:text/i);
      expect(html).not.toMatch(/\s(style|id|class)=/i);
      expect(html).not.toContain('alert(');
      expect(html).toContain('<a href="https://safe.test/page" rel="noopener noreferrer nofollow" target="_blank">is safe</a>');
      expect(html).toContain('<img alt="ok image" src="https://img.test/ok.png" loading="lazy" referrerpolicy="no-referrer" />');
      expect(html).toContain('runs javascript'); // the refused link keeps its text
    }
    expect(page.leadImageUrl).not.toMatch(/javascript/);
  });

  it('stores an oversized page as too_large without extracting it, and retries it only after a week', async () => {
    server.oversize('/huge', 300_000);
    const url = server.url('/huge');
    const page = await reader().read(url);
    expect(page).toMatchObject({ status: 'too_large', errorCode: 'TOO_LARGE', text: null, html: null, attempts: 1 });
    expect(page.error).toMatch(/exceeded the 195.3 KiB limit/);
    expect(page.nextTryAt?.toISOString()).toBe(new Date(NOW.getTime() + 7 * 86_400_000).toISOString());
    await reader().read(url);
    expect(server.requests.filter((request) => request.path === '/huge')).toHaveLength(1);
    expect(await loadReadablePage(getDb(), url)).toMatchObject({ status: 'too_large', text: '', leadParagraph: null, isEnglish: null });
  });

  it('gives up on a slow page at the time cap, stores the failure, and tries again when due or when forced', async () => {
    server.html('/slow', fixture('article.html'), { delayMs: 4_000 });
    const url = server.url('/slow');
    const started = Date.now();
    const page = await reader().read(url);
    expect(Date.now() - started).toBeLessThan(3_500);
    expect(page).toMatchObject({ status: 'failed', errorCode: 'TIMEOUT', attempts: 1 });
    expect(page.error).toBe(`GET ${url}: no complete response within 1500 ms`);

    server.html('/slow', fixture('article.html'));
    expect((await reader().read(url)).status).toBe('failed'); // not due: an hour after the failure
    clock.set(new Date(NOW.getTime() + 3_600_001));
    expect((await reader().read(url)).status).toBe('ok');
    server.status('/slow', 500);
    expect((await reader().read(url)).status).toBe('ok'); // ok pages are not fetched again
    expect((await reader().read(url, { force: true })).status).toBe('ok'); // force retries failures only
  });

  it('reads a page with NUL and other control characters: stored ok, the characters removed', async () => {
    const paragraph = 'Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor. '.repeat(8);
    server.html(
      '/nul',
      `<html><head><title>Null\u0000Title\u0007</title><meta name="description" content="An\u0000 excerpt"></head><body><article><p>${paragraph}\u0000</p><p>${paragraph}\u001b</p></article></body></html>`,
    );
    const url = server.url('/nul');
    const page = await reader().read(url);
    expect(page).toMatchObject({ status: 'ok', title: 'NullTitle' });
    const stored = await loadStoredReadablePage(getDb(), url);
    expect(stored).toMatchObject({ status: 'ok', title: 'NullTitle' });
    expect(JSON.stringify(stored)).not.toMatch(/\\u00(0[0-8bcef]|1[0-9a-f])|\\u007f/i);
    expect(stored?.text).toContain('eiusmod tempor.');
    await reader().read(url);
    expect(server.requests.filter((request) => request.path === '/nul')).toHaveLength(1); // stored, so not fetched again
  });

  it('stores a read the database refuses as failed, so it is retried only after the backoff', async () => {
    server.html('/refused', fixture('article.html'));
    const url = server.url('/refused');
    let refusals = 0;
    // the database refuses the first write of the ok page, as Postgres refused a NUL (22021)
    const refusing = getDb().withPlugin({
      transformQuery(args) {
        if (args.node.kind === 'InsertQueryNode' && refusals === 0) {
          refusals += 1;
          throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
        }
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const page = await reader({ db: refusing }).read(url);
    expect(page).toMatchObject({ status: 'failed', errorCode: 'STORE', title: null, text: null, attempts: 1 });
    expect(page.error).toBe(`GET ${url}: the page was read but the database refused to store it (22021)`);
    expect(await loadStoredReadablePage(getDb(), url)).toMatchObject({ status: 'failed', errorCode: 'STORE' });
    await reader().read(url);
    expect(server.requests.filter((request) => request.path === '/refused')).toHaveLength(1); // backed off
  });

  it('stores a page that is not HTML as failed, saying what it was', async () => {
    server.route('/paper.pdf', { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7 secret content' });
    const page = await reader().read(server.url('/paper.pdf'));
    expect(page).toMatchObject({ status: 'failed', errorCode: 'NOT_HTML' });
    expect(page.error).toContain('not an HTML page (application/pdf)');
    expect(page.error).not.toContain('secret');
  });

  it('refuses a link to a private address unless the environment or a source that carried it allows it', async () => {
    server.html('/internal', fixture('article.html'));
    const url = server.url('/internal');
    const refused = await reader({ env: { SIFT_ALLOW_PRIVATE_NETWORKS: false }, fetch: undefined }).read(url);
    expect(refused).toMatchObject({ status: 'failed', errorCode: 'PRIVATE_ADDRESS' });
    expect(refused.error).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/internal refused: 127\.0\.0\.1 is a loopback address; a target chosen by a response may not be on a private network/,
    );
    expect(server.requests.filter((request) => request.path === '/internal')).toHaveLength(0);

    // carried by a source with allow_private_networks: true
    const db = getDb();
    await syncSources(db, config.sources);
    const item = await db
      .insertInto('items')
      .values({ url, canonical_url: url, title: 'internal', summary: '', lang: 'en', published_at: NOW, first_seen_at: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('sightings').values({ item_id: item.id, source_id: 'lan-blog', first_seen_at: NOW }).execute();
    const allowed = await reader({ env: { SIFT_ALLOW_PRIVATE_NETWORKS: false }, fetch: undefined }).read(url, { force: true });
    expect(allowed.status).toBe('ok');
  });

  it('reads ahead the top 3 × slots candidates of each category, two at a time, skipping pages already settled', async () => {
    const urls = ['a', 'b', 'c', 'd'].map((name) => server.url(`/ahead/${name}`));
    for (const url of urls) server.html(new URL(url).pathname, fixture('article.html'), { delayMs: 100 });
    const ranked = {
      articles: [...urls, server.url('/ahead/beyond')].map((clusterKey) => ({ clusterKey })),
    } as unknown as CandidatesByCategory;
    const chosen = listPrefetchUrls(ranked, { categories: [{ id: 'articles', slots: 1 }] } as never);
    expect(chosen).toEqual(urls.slice(0, 3));
    const shared = reader();
    await shared.read(urls[0]!);
    expect(await shared.prefetch(chosen)).toBe(2);
    expect(server.concurrency('/ahead/').max).toBeLessThanOrEqual(2);
    expect(server.requests.map((request) => request.path).sort()).toEqual(['/ahead/a', '/ahead/b', '/ahead/c']);
    expect((await loadReadablePage(getDb(), urls[2]!))?.status).toBe('ok');
  });
});
