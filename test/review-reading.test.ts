import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPageReader } from '../src/read/create-page-reader.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { loadReadablePage } from '../src/store/pages/readable-pages.ts';
import { describeEachEngine } from './helpers/db.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';
import { fetchFromLocalWeb, readPageFixture } from './helpers/local-web.ts';
import { createTestReviewApp, signInCurator } from './helpers/review-harness.ts';
import { insertRawItem, readReviewConfig, REVIEW_NOW, REVIEW_WEEK, seedReviewWeek } from './helpers/review-seed.ts';
import { ReviewSession } from './helpers/review-session.ts';

const TOKEN = 'reading-route-test-token';

/** GET /items/:id/read (POST: retry): the reading pane's fragment, behind the login, escaped and sanitized, with provenance. */
describeEachEngine('reading pane route', ({ getDb }) => {
  let app: FastifyInstance;
  let web: FeedServer;
  let ids: Map<string, number>;
  let hostileId: number;
  const config = readReviewConfig();
  const clock = fixedClock(REVIEW_NOW);
  const id = (url: string) => ids.get(url)!;

  beforeAll(async () => {
    const db = getDb();
    web = await startFeedServer();
    web.html('/blog.test/asyncio-deep-dive', readPageFixture('article.html'));
    web.html('/blog.test/typing-guide', readPageFixture('hostile.html'));
    web.status('/blog.test/packaging-2026', 503);
    ids = await seedReviewWeek(db, config);
    hostileId = await insertRawItem(db, { url: 'javascript:alert(1)', title: '<img src=x onerror=alert(1)>', sourceId: 'realpython' });
    await db
      .updateTable('sightings')
      .set({ digest_issue_url: 'https://pycoders.test/issues/700', points: 321, comments: 45 })
      .where('item_id', '=', id('https://blog.test/asyncio-deep-dive'))
      .where('source_id', '=', 'pycoders')
      .execute();
    const reader = createPageReader({
      db,
      log: silentLogger(),
      clock,
      config,
      env: { SIFT_ALLOW_PRIVATE_NETWORKS: true },
      fetch: fetchFromLocalWeb(web),
      limits: { timeoutMs: 2_000, maxBytes: 500_000 },
    });
    app = await createTestReviewApp({ db, config, clock, token: TOKEN, reader, loginRateLimit: { max: 1000, timeWindowMs: 60_000 } });
  });
  afterAll(async () => {
    await app?.close();
    await web?.close();
  });

  const signedIn = () => signInCurator(app, { token: TOKEN, name: 'alice' });

  it('needs a signed-in curator, and fetches nothing for anyone else', async () => {
    const anonymous = new ReviewSession(app);
    const response = await anonymous.get(`/items/${id('https://blog.test/asyncio-deep-dive')}/read`);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toMatch(/^\/login/);
    expect(response.body).not.toContain('Asyncio');
    expect(web.requests).toHaveLength(0);
  });

  it('fetches on first open, stores it, and shows the article with its provenance one click away', async () => {
    const session = await signedIn();
    const itemId = id('https://blog.test/asyncio-deep-dive');
    const response = await session.get(`/items/${itemId}/read`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    const body = response.body;
    expect(body).toContain(
      '<h2 class="reading-title"><a href="https://blog.test/asyncio-deep-dive" target="_blank" rel="noopener noreferrer nofollow">Asyncio deep dive',
    );
    expect(body).toContain('suspending coroutines');
    expect(body).not.toContain('SIDEBAR-BOILERPLATE');
    expect(body).toContain('<a class="digest-issue" href="https://pycoders.test/issues/700"');
    expect(body).toContain('PyCoder&#39;s Weekly');
    expect(body).toContain('Real Python');
    expect(body).toContain('321 points · 45 comments');
    expect((await loadReadablePage(getDb(), 'https://blog.test/asyncio-deep-dive'))?.status).toBe('ok');

    await session.get(`/items/${itemId}/read`);
    expect(web.requests.filter((request) => request.path === '/blog.test/asyncio-deep-dive')).toHaveLength(1);
  });

  it('shows a hostile page sanitized and a hostile title escaped', async () => {
    const session = await signedIn();
    const hostilePage = (await session.get(`/items/${id('https://blog.test/typing-guide')}/read`)).body;
    expect(hostilePage).toContain('A hostile article');
    expect(hostilePage).not.toMatch(/<script|<iframe|<form|\son\w+=|javascript:/i);

    const hostileItem = await session.get(`/items/${hostileId}/read`);
    expect(hostileItem.statusCode).toBe(200);
    expect(hostileItem.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hostileItem.body).not.toContain('<img src=x');
    expect(hostileItem.body).not.toMatch(/href="javascript:/i);
    expect(hostileItem.body).toContain('only http(s) URLs can be fetched');
  });

  it('says why a page could not be read, with a retry that fetches again', async () => {
    const session = await signedIn();
    const itemId = id('https://blog.test/packaging-2026');
    const failed = await session.get(`/items/${itemId}/read`);
    expect(failed.statusCode).toBe(200);
    expect(failed.body).toContain('无法读取这个页面 The page could not be read');
    expect(failed.body).toContain('GET https://blog.test/packaging-2026: HTTP 503');
    expect(failed.body).toContain('data-action="retry-reading"');

    web.html('/blog.test/packaging-2026', readPageFixture('article.html'));
    expect((await session.get(`/items/${itemId}/read`)).body).toContain('HTTP 503'); // not due again yet
    // a GET never forces a fetch: any site could send one (an <img>); the retry is a POST with the CSRF token
    expect((await session.get(`/items/${itemId}/read?retry=1`)).body).toContain('HTTP 503');
    const asked = () => web.requests.filter((request) => request.path === '/blog.test/packaging-2026').length;
    const before = asked();
    const retry = (headers: Record<string, string>) =>
      session.request({ method: 'POST', url: `/items/${itemId}/read`, headers: { accept: 'text/html', ...headers } });
    expect((await retry({})).statusCode).toBe(403);
    expect((await retry({ 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    expect(asked()).toBe(before);
    await session.get(`/weeks/${REVIEW_WEEK}`); // the board's CSRF token, bound to this session
    const retried = await retry({ 'x-csrf-token': session.csrfToken });
    expect(retried.statusCode).toBe(200);
    expect(retried.body).toContain('suspending coroutines');
    expect(asked()).toBe(before + 1);
  });

  it('answers 404 for an item that does not exist', async () => {
    const session = await signedIn();
    expect((await session.get('/items/999999/read')).statusCode).toBe(404);
    expect((await session.get('/items/abc/read')).statusCode).toBe(404);
  });

  it('puts the reading pane beside the board, hidden until a card is opened', async () => {
    const session = await signedIn();
    const board = await session.get(`/weeks/${REVIEW_WEEK}`);
    expect(board.body).toMatch(/<aside id="reading-pane" class="reading-pane"[^>]*hidden>/);
  });
});
