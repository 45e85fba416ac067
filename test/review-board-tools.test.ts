import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createInProcessCollectNow } from '../src/review/create-in-process-collect-now.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { describeEachEngine } from './helpers/db.ts';
import { createFreshPostFetch, createTestReviewApp, signInCurator, withTestReviewApp } from './helpers/review-harness.ts';
import { readReviewConfig, REVIEW_NOW, REVIEW_WEEK, seedReviewWeek } from './helpers/review-seed.ts';
import { ReviewSession } from './helpers/review-session.ts';

const TOKEN = 'board tools token, long enough';
const WEEK = REVIEW_WEEK;
const BULK_URL = `/api/weeks/${WEEK}/decisions`;

/** An RSS feed with one item, answered for every source but Hacker News, which answers 503. */
const fakeFetch = createFreshPostFetch('https://hn.test/');

describeEachEngine('review board tools: bulk decisions, add conflicts, failing sources, collect now', ({ getDb }) => {
  let app: FastifyInstance;
  let ids: Map<string, number>;
  const config = readReviewConfig();
  const clock = fixedClock(REVIEW_NOW);
  const id = (url: string) => ids.get(url)!;

  beforeAll(async () => {
    const db = getDb();
    ids = await seedReviewWeek(db, config);
    const collectNow = createInProcessCollectNow(
      { db, log: silentLogger(), clock, fetch: fakeFetch, config },
      { concurrency: 4, perHostConcurrency: 2, parseThreads: 1 },
    );
    app = await createTestReviewApp({ db, config, clock, token: TOKEN, collectNow });
  });
  afterAll(async () => {
    await app?.close();
  });

  const signedIn = (name: string) => signInCurator(app, { token: TOKEN, name, week: WEEK });

  it('accepts the top N of a section and rejects the rest in one request, in rank order, and undoes it the same way', async () => {
    const session = await signedIn('alice');
    const [first, second, third] = [
      'https://blog.test/asyncio-deep-dive',
      'https://blog.test/typing-guide',
      'https://blog.test/packaging-2026',
    ].map(id);
    const missingCsrf = await session.postJson(BULK_URL, { items: [{ itemId: first, version: 0, status: 'rejected' }] }, { csrf: null });
    expect(missingCsrf.statusCode).toBe(403);

    const saved = await session.postJson(BULK_URL, {
      items: [
        { itemId: first, version: 0, status: 'accepted', category: 'articles' },
        { itemId: second, version: 0, status: 'accepted', category: 'articles' },
        { itemId: third, version: 0, status: 'rejected' },
      ],
    });
    expect(saved.statusCode).toBe(200);
    const results = saved.json().results as Array<{ itemId: number; previous: unknown; view: { status: string; version: number } }>;
    expect(results.map((result) => [result.itemId, result.view.status, result.view.version, result.previous])).toEqual([
      [first, 'accepted', 1, null],
      [second, 'accepted', 1, null],
      [third, 'rejected', 1, null],
    ]);
    const rows = await getDb()
      .selectFrom('decisions')
      .select(['item_id', 'status', 'position', 'decided_by'])
      .where('week', '=', WEEK)
      .orderBy('item_id')
      .execute();
    const byId = new Map(rows.map((row) => [Number(row.item_id), row]));
    expect(byId.get(first)).toMatchObject({ status: 'accepted', position: 1, decided_by: 'alice' });
    expect(byId.get(second)).toMatchObject({ status: 'accepted', position: 2 });
    expect(byId.get(third)).toMatchObject({ status: 'rejected', position: null });

    // One stale version (another curator got there first) saves none of the batch and names the item.
    const stale = await session.postJson(BULK_URL, {
      items: [
        { itemId: third, version: 1, status: 'pending' },
        { itemId: first, version: 0, status: 'rejected' },
      ],
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'CONFLICT',
      itemId: first,
      current: { status: 'accepted', version: 1, decidedBy: 'alice' },
    });
    expect((await getDb().selectFrom('decisions').select('status').where('item_id', '=', third).executeTakeFirstOrThrow()).status).toBe(
      'rejected',
    );

    // The undo review.js sends: every item back to its previous state, again one request.
    const undone = await session.postJson(BULK_URL, {
      items: [first, second, third].map((itemId) => ({ itemId, version: 1, status: 'pending', category: null })),
    });
    expect(undone.statusCode).toBe(200);
    const after = await getDb().selectFrom('decisions').select(['status', 'position']).where('week', '=', WEEK).execute();
    expect(after.every((row) => row.status === 'pending' && row.position === null)).toBe(true);

    const invalid = await session.postJson(BULK_URL, { items: [{ itemId: first, version: 2, status: 'accepted', category: 'nope' }] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toMatch(/items\.0\.category/);
  });

  it('says when an added URL already has a decision this week, keeps what the curator typed, and confirms every add', async () => {
    const session = await signedIn('bob');
    await session.get(`/weeks/${WEEK}/add`);
    const added = await session.postForm(`/weeks/${WEEK}/add`, {
      url: 'https://elsewhere.test/post',
      title: '别处的好文',
      summary: '',
      category: '',
      note: '',
    });
    expect(added.statusCode).toBe(303);
    const itemId = Number(/\?added=(\d+)#item-\1$/.exec(added.headers.location as string)?.[1]);
    expect(itemId).toBeGreaterThan(0);

    const again = await session.postForm(`/weeks/${WEEK}/add`, {
      url: 'https://elsewhere.test/post?utm_source=x',
      title: '我重新写的标题',
      summary: '我写的中文简介',
      category: 'projects',
      note: '第二次',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('本周已有这条链接的决定：待定（bob，11-25 16:00）');
    expect(again.body).toContain(`href="/weeks/${WEEK}#item-${itemId}"`);
    expect(again.body).toContain('value="我重新写的标题"');
    expect(again.body).toContain('>我写的中文简介</textarea>');
    expect(again.body).toContain('value="第二次"');
    expect(again.body).toMatch(/<option value="projects" selected>/);
    const decision = await getDb()
      .selectFrom('decisions')
      .select(['title', 'note', 'category'])
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(decision).toEqual({ title: null, note: null, category: null });
    const item = await getDb()
      .selectFrom('items')
      .select(['title', 'summary'])
      .where('canonical_url', '=', 'https://elsewhere.test/post')
      .executeTakeFirstOrThrow();
    expect(item).toEqual({ title: '别处的好文', summary: '' });

    const json = await session.postJson(`/weeks/${WEEK}/add`, { url: 'https://elsewhere.test/post' });
    expect(json.statusCode).toBe(409);
    expect(json.json()).toMatchObject({ error: 'ALREADY_DECIDED', itemId, isNewDecision: false });
  });

  it('shows failing sources on the board with a link to the sources page, and none when all are healthy', async () => {
    const db = getDb();
    const session = await signedIn('alice');
    expect((await session.get(`/weeks/${WEEK}`)).body).not.toContain('source-alert');
    await db
      .updateTable('sources')
      .set({ error_count: 2, last_status: 'HTTP_STATUS', last_error: 'HTTP 503' })
      .where('id', 'in', ['hn', 'talkpython'])
      .execute();
    const board = (await session.get(`/weeks/${WEEK}`)).body;
    expect(board).toContain('<strong>2</strong> / 6 个订阅源上次抓取失败');
    expect(board).toContain('href="/sources?broken=1"');
    expect(board).toContain('id="collect-now"');
  });

  it('collects now from the board: POST starts one pass, GET reports its progress until it is done', async () => {
    const db = getDb();
    const session = await signedIn('alice');
    expect((await session.postJson('/api/collect', {}, { csrf: null })).statusCode).toBe(403);
    const started = await session.postJson('/api/collect', {});
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ state: 'running', mode: 'in-process' });
    let status = started.json();
    for (let attempt = 0; attempt < 100 && status.state === 'running'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await session.request({ method: 'GET', url: '/api/collect', headers: { accept: 'application/json' } })).json();
    }
    expect(status).toMatchObject({ state: 'done', total: 6, done: 6, failed: 1 });
    const health = new Map(
      (await db.selectFrom('sources').select(['id', 'error_count']).execute()).map((row) => [row.id, row.error_count]),
    );
    expect(health.get('talkpython')).toBe(0);
    expect(health.get('hn')).toBe(3);
    expect(await db.selectFrom('items').select('id').where('url', '=', 'https://talkpython.test/fresh-post').execute()).toHaveLength(1);
    expect((await session.get(`/weeks/${WEEK}`)).body).toContain('<strong>1</strong> / 6 个订阅源上次抓取失败');
  });

  it('answers 503 for collect now when the app has no collector', async () => {
    await withTestReviewApp({ db: getDb() }, async (bare) => {
      const session = new ReviewSession(bare);
      await session.get(`/weeks/${WEEK}`);
      const response = await session.postJson('/api/collect', {});
      expect(response.statusCode).toBe(503);
      expect(response.json().error).toBe('COLLECT_UNAVAILABLE');
    });
  });
});
