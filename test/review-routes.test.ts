import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from './helpers/db.ts';
import { createTestReviewApp, signInCurator, withTestReviewApp } from './helpers/review-harness.ts';
import { insertRawItem, readReviewConfig, REVIEW_WEEK, seedReviewWeek } from './helpers/review-seed.ts';
import { ReviewSession } from './helpers/review-session.ts';

const TOKEN = 'correct horse battery staple';
const WEEK = REVIEW_WEEK;
const decisionUrl = (itemId: number) => `/api/weeks/${WEEK}/items/${itemId}/decision`;

describeEachEngine('review app routes', ({ getDb }) => {
  let app: FastifyInstance;
  let ids: Map<string, number>;
  let hostileId: number;
  const id = (url: string) => ids.get(url)!;

  beforeAll(async () => {
    const db = getDb();
    ids = await seedReviewWeek(db, readReviewConfig());
    hostileId = await insertRawItem(db, {
      url: 'javascript:alert(1)',
      title: '<img src=x onerror=alert(1)>',
      summary: '<script>alert(2)</script>',
      sourceId: 'realpython',
    });
    await db
      .updateTable('sources')
      .set({ error_count: 3, last_status: 'HTTP_STATUS', last_error: 'HTTP 503 from https://hn.test/feed' })
      .where('id', '=', 'hn')
      .execute();
    app = await createTestReviewApp({ db, token: TOKEN, loginRateLimit: { max: 1000, timeWindowMs: 60_000 } });
  });
  afterAll(async () => {
    await app?.close();
  });

  const signedIn = (name: string) => signInCurator(app, { token: TOKEN, name, week: WEEK });

  it('sends pages to the login form and API calls a 401 until signed in; assets stay public', async () => {
    const anonymous = new ReviewSession(app);
    const page = await anonymous.get(`/weeks/${WEEK}`);
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe(`/login?next=${encodeURIComponent(`/weeks/${WEEK}`)}`);
    const api = await anonymous.postJson(decisionUrl(id('https://blog.test/typing-guide')), {
      version: 0,
      status: 'accepted',
      category: 'articles',
    });
    expect(api.statusCode).toBe(401);
    expect(api.json().error).toBe('UNAUTHORIZED');
    expect((await anonymous.get('/sources')).statusCode).toBe(302);
    expect((await anonymous.get(`/weeks/${WEEK}/export.md`)).statusCode).toBe(302);
    expect((await anonymous.get('/assets/review.js')).statusCode).toBe(200);
  });

  it('signs in with the token into a signed, HttpOnly, SameSite=Strict cookie, and refuses a wrong token', async () => {
    const session = new ReviewSession(app);
    const form = await session.get('/login');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="token"');
    const wrong = await session.postForm('/login', { token: 'guess', name: 'mallory' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Wrong token');
    expect(session.cookies.has('sift_session')).toBe(false);

    const right = await session.postForm('/login', { token: TOKEN, name: 'alice', next: `/weeks/${WEEK}` });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe(`/weeks/${WEEK}`);
    const setCookie = [right.headers['set-cookie']].flat().find((header) => header!.startsWith('sift_session='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const board = await session.get(`/weeks/${WEEK}`);
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('alice');

    const forged = new ReviewSession(app);
    forged.cookies.set('sift_session', '0'.repeat(32));
    expect((await forged.get(`/weeks/${WEEK}`)).statusCode).toBe(302);
  });

  it('does not redirect off-site after login', async () => {
    const session = new ReviewSession(app);
    await session.get('/login');
    const response = await session.postForm('/login', { token: TOKEN, name: 'alice', next: '//evil.test/phish' });
    expect(response.headers.location).toBe('/');
    // browsers drop tabs and newlines from URLs and read a backslash as a slash: each would be `//evil.test`
    for (const next of [
      '/\t/evil.test/phish',
      '/\n/evil.test',
      '/\\evil.test',
      '/%09/evil.test',
      'https://evil.test/',
      '/\r\n/evil.test',
    ]) {
      const signedIn = new ReviewSession(app);
      await signedIn.get('/login');
      const login = await signedIn.postForm('/login', { token: TOKEN, name: 'alice', next });
      const location = String(login.headers.location);
      expect(new URL(location, 'https://sift.example/').origin, JSON.stringify(next)).toBe('https://sift.example');
      const again = await signedIn.get(`/login?next=${encodeURIComponent(next)}`);
      expect(new URL(String(again.headers.location), 'https://sift.example/').origin, JSON.stringify(next)).toBe('https://sift.example');
    }
    // a path of this site is kept whole
    const back = new ReviewSession(app);
    await back.get('/login');
    expect(
      (await back.postForm('/login', { token: TOKEN, name: 'alice', next: `/weeks/${WEEK}?category=articles#card-3` })).headers.location,
    ).toBe(`/weeks/${WEEK}?category=articles#card-3`);
  });

  it('logout revokes the session: a copied cookie stops working, here and in a restarted app', async () => {
    const curator = await signedIn('alice');
    const thief = new ReviewSession(app);
    thief.cookies.set('sift_session', curator.cookies.get('sift_session')!);
    expect((await thief.get(`/weeks/${WEEK}`)).statusCode).toBe(200);

    // a restart (a new app on the same database and token) keeps the session...
    await withTestReviewApp({ db: getDb(), token: TOKEN }, async (restarted) => {
      const afterRestart = new ReviewSession(restarted);
      afterRestart.cookies.set('sift_session', curator.cookies.get('sift_session')!);
      expect((await afterRestart.get(`/weeks/${WEEK}`)).statusCode).toBe(200);

      const logout = await curator.postForm('/logout', {});
      expect(logout.statusCode).toBe(303);
      expect(curator.cookies.has('sift_session')).toBe(false);
      // ...and logout ends it everywhere: the copy gets the login page and API calls a 401
      const stolen = await thief.get(`/weeks/${WEEK}`);
      expect(stolen.statusCode).toBe(302);
      expect(stolen.headers.location).toMatch(/^\/login/);
      expect((await thief.postJson(decisionUrl(id('https://hn.test/item?id=1')), { version: 0, status: 'rejected' })).statusCode).toBe(401);
      expect((await afterRestart.get(`/weeks/${WEEK}`)).statusCode).toBe(302);
    });
    // another curator's session is untouched
    const bob = await signedIn('bob');
    await curator.login(TOKEN, 'alice');
    expect((await bob.get(`/weeks/${WEEK}`)).statusCode).toBe(200);
    // signing in again replaces the browser's session: the old cookie is worthless too
    const old = new ReviewSession(app);
    old.cookies.set('sift_session', bob.cookies.get('sift_session')!);
    expect((await bob.postForm('/login', { token: TOKEN, name: 'robert', next: '/' })).statusCode).toBe(303);
    expect((await bob.get(`/weeks/${WEEK}`)).body).toContain('robert');
    expect((await old.get(`/weeks/${WEEK}`)).statusCode).toBe(302);
  });

  it('sets Secure cookies when a trusted TLS proxy says the request came over https, and only then', async () => {
    await withTestReviewApp({ db: getDb(), token: TOKEN, trustProxy: '127.0.0.1' }, async (behindProxy) => {
      const loginCookie = async (target: FastifyInstance, remoteAddress: string, origin: Record<string, string> = {}) => {
        const session = new ReviewSession(target);
        const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'sift.example' };
        const form = await session.request({ method: 'GET', url: '/login', remoteAddress, headers });
        const body = new URLSearchParams({ token: TOKEN, name: 'alice', _csrf: session.csrfToken }).toString();
        const response = await session.request({
          method: 'POST',
          url: '/login',
          payload: body,
          remoteAddress,
          headers: { ...headers, ...origin, 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect(response.statusCode).toBe(303);
        const cookies = [form.headers['set-cookie'], response.headers['set-cookie']].flat();
        const find = (name: string) => cookies.find((header) => header!.startsWith(`${name}=`))!;
        // the CSRF and device cookies go the same way as the session's
        const secure = /;\s*Secure/i.test(find('sift_session'));
        expect([/;\s*Secure/i.test(find('sift_csrf')), /;\s*Secure/i.test(find('sift_device'))]).toEqual([secure, secure]);
        return find('sift_session');
      };
      // the proxy rewrote Host, so the browser's Origin matches the forwarded host, not the Host header
      expect(await loginCookie(behindProxy, '127.0.0.1', { origin: 'https://sift.example' })).toMatch(/;\s*Secure/i);
      // the header from a peer that is not the proxy, or with no proxy configured, is not believed
      expect(await loginCookie(behindProxy, '10.0.0.7')).not.toMatch(/;\s*Secure/i);
      expect(await loginCookie(app, '127.0.0.1')).not.toMatch(/;\s*Secure/i);
    });
  });

  it('limits wrong tokens per client, counts no successful login, and never locks out a browser that signed in before', async () => {
    await withTestReviewApp({ db: getDb(), token: TOKEN, loginRateLimit: { max: 3, timeWindowMs: 60_000 } }, async (limited) => {
      const attempt = async (session: ReviewSession, remoteAddress: string, token: string) => {
        await session.request({ method: 'GET', url: '/login', remoteAddress });
        const body = new URLSearchParams({ token, _csrf: session.csrfToken }).toString();
        return session.request({
          method: 'POST',
          url: '/login',
          payload: body,
          remoteAddress,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      };
      const office = '10.9.9.9';
      // the curator signs in (more often than the limit: successes do not count) from the office address
      const curator = new ReviewSession(limited);
      for (let index = 0; index < 5; index++) {
        expect((await attempt(curator, office, TOKEN)).statusCode).toBe(303);
        curator.cookies.delete('sift_session');
      }
      // someone at the same address guesses: three wrong tokens, then refused unchecked for the window
      const statuses: number[] = [];
      for (let index = 0; index < 5; index++) statuses.push((await attempt(new ReviewSession(limited), office, 'guess')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const refused = await attempt(new ReviewSession(limited), office, TOKEN);
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body).toContain('Too many wrong tokens');
      // the curator's browser still gets in with the right token; another client is not affected
      expect((await attempt(curator, office, TOKEN)).statusCode).toBe(303);
      expect((await attempt(new ReviewSession(limited), '10.9.9.10', TOKEN)).statusCode).toBe(303);
      // a known browser's own wrong tokens are limited too (its own bucket)
      curator.cookies.delete('sift_session');
      const own: number[] = [];
      for (let index = 0; index < 4; index++) own.push((await attempt(curator, office, 'typo')).statusCode);
      expect(own).toEqual([401, 401, 401, 429]);
      // a made-up device cookie is not a known browser
      const forged = new ReviewSession(limited);
      forged.cookies.set('sift_device', 'f'.repeat(32));
      expect((await attempt(forged, office, TOKEN)).statusCode).toBe(429);
    });
  });

  it('renders the board: configured category order, rank order, every source, feed text escaped, unsafe links dead', async () => {
    const session = await signedIn('alice');
    const response = await session.get(`/weeks/${WEEK}`);
    expect(response.statusCode).toBe(200);
    const page = response.body;
    const sectionOrder = ['category-articles', 'category-projects', 'category-media', 'category-discussions'].map((anchor) =>
      page.indexOf(`id="${anchor}"`),
    );
    expect(sectionOrder.every((position, index) => position > 0 && (index === 0 || position > sectionOrder[index - 1]!))).toBe(true);
    // The newsletter pick with two sources outranks a single-source article, and lists the digest first.
    expect(page.indexOf('Asyncio deep dive')).toBeLessThan(page.indexOf('Python packaging in 2026'));
    const asyncioCard = page.slice(page.indexOf(`id="item-${id('https://blog.test/asyncio-deep-dive')}"`));
    expect(asyncioCard.slice(0, asyncioCard.indexOf('</article>'))).toMatch(/2 个来源.*PyCoder&#39;s Weekly.*Real Python/s);
    expect(page).toContain('Python 3.14 自由线程实战');
    // Hostile feed text prints as text, its javascript: link is not a link.
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toMatch(/href="javascript:/i);
    expect(page).toMatch(new RegExp(`id="item-${hostileId}"[\\s\\S]*?<span class="title-link dead-link"`));
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(response.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });

  it('filters the board by category, source, language and text, and hides rejected items unless asked', async () => {
    const session = await signedIn('alice');
    const titles = async (query: string) => {
      const page = (await session.get(`/weeks/${WEEK}?${query}`)).body;
      return [...page.matchAll(/class="title-link[^"]*"[^>]*>([^<]*)</g)].map((match) => match[1]);
    };
    expect(await titles('lang=zh')).toEqual(
      expect.arrayContaining(['Python 3.14 自由线程实战：去掉 GIL 之后的性能', 'Pandas 数据分析的 10 个技巧']),
    );
    expect(await titles('lang=zh')).toHaveLength(2);
    expect(await titles('source=trending')).toHaveLength(2);
    expect(await titles('category=media')).toEqual(['Episode 500: the state of Python packaging']);
    expect(await titles('q=TUI')).toEqual(['example/tui-kit: a TUI toolkit']);

    const tuiId = id('https://github.com/example/tui-kit');
    expect((await session.postJson(decisionUrl(tuiId), { version: 0, status: 'rejected' })).statusCode).toBe(200);
    expect(await titles('q=TUI')).toEqual([]);
    expect(await titles('q=TUI&rejected=1')).toEqual(['example/tui-kit: a TUI toolkit']);
  });

  it('refuses state changes without a valid CSRF token, or from another site', async () => {
    const session = await signedIn('alice');
    const itemId = id('https://blog.test/typing-guide');
    const missing = await session.postJson(decisionUrl(itemId), { version: 0, status: 'accepted', category: 'articles' }, { csrf: null });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error).toBe('CSRF');
    const forged = await session.postJson(
      decisionUrl(itemId),
      { version: 0, status: 'accepted', category: 'articles' },
      { csrf: 'forged-token' },
    );
    expect(forged.statusCode).toBe(403);
    // A token is bound to its session: Bob's token does not work in Alice's session.
    const bob = await signedIn('bob');
    const swapped = await session.postJson(
      decisionUrl(itemId),
      { version: 0, status: 'accepted', category: 'articles' },
      { csrf: bob.csrfToken },
    );
    expect(swapped.statusCode).toBe(403);
    const crossSite = await session.request({
      method: 'POST',
      url: decisionUrl(itemId),
      payload: JSON.stringify({ version: 0, status: 'accepted', category: 'articles' }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, origin: 'https://evil.test' },
    });
    expect(crossSite.statusCode).toBe(403);
    const fetchedCrossSite = await session.request({
      method: 'POST',
      url: decisionUrl(itemId),
      payload: JSON.stringify({ version: 0, status: 'accepted', category: 'articles' }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, 'sec-fetch-site': 'cross-site' },
    });
    expect(fetchedCrossSite.statusCode).toBe(403);
    const row = await getDb().selectFrom('decisions').select('status').where('item_id', '=', itemId).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('refuses state changes under /admin/queues (no CSRF token there) unless they prove they come from this site', async () => {
    let changes = 0;
    await withTestReviewApp(
      {
        db: getDb(),
        mount: (web) => {
          web.put('/admin/queues/api/queues/refresh/pause', async () => ({ paused: ++changes }));
        },
      },
      async (withDashboard) => {
        const pause = (headers: Record<string, string>) =>
          withDashboard.inject({
            method: 'PUT',
            url: '/admin/queues/api/queues/refresh/pause',
            headers: { host: 'localhost:3000', ...headers },
          });
        const unproven: Array<Record<string, string>> = [
          {},
          { origin: 'null' },
          { origin: 'https://evil.test' },
          { 'sec-fetch-site': 'none' },
          { 'sec-fetch-site': 'cross-site', origin: 'http://localhost:3000' },
        ];
        for (const headers of unproven) {
          const refused = await pause(headers);
          expect(refused.statusCode, JSON.stringify(headers)).toBe(403);
          expect(refused.json().error).toBe('CROSS_SITE');
        }
        expect(changes).toBe(0);
        expect((await pause({ origin: 'http://localhost:3000' })).statusCode).toBe(200);
        expect((await pause({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
        expect(changes).toBe(2);
      },
    );
  });

  it('saves accept, edit and move with a version per write; the board shows the edits', async () => {
    const session = await signedIn('alice');
    const itemId = id('https://blog.test/typing-guide');
    const accepted = await session.postJson(decisionUrl(itemId), { version: 0, status: 'accepted', category: 'articles' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().decision).toMatchObject({
      status: 'accepted',
      category: 'articles',
      version: 1,
      position: 1,
      decidedBy: 'alice',
    });
    expect(accepted.json().previous).toBeNull();

    const edited = await session.postJson(decisionUrl(itemId), {
      version: 1,
      title: 'Python 类型注解实用指南',
      summary: '一篇讲透 Protocol 与泛型的中文介绍。',
      note: '放第一条',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().view).toMatchObject({
      title: 'Python 类型注解实用指南',
      summary: '一篇讲透 Protocol 与泛型的中文介绍。',
      note: '放第一条',
      version: 2,
      status: 'accepted',
    });

    const moved = await session.postJson(decisionUrl(itemId), { version: 2, category: 'projects' });
    expect(moved.json().decision).toMatchObject({ category: 'projects', status: 'accepted', version: 3, position: 1 });

    const page = (await session.get(`/weeks/${WEEK}`)).body;
    const projects = page.slice(page.indexOf('id="category-projects"'), page.indexOf('id="category-media"'));
    expect(projects).toContain('Python 类型注解实用指南');
    expect(projects).toContain('一篇讲透 Protocol 与泛型的中文介绍。');
    expect(projects).toContain('放第一条');
  });

  it('keeps two curators apart: different items both land, the same item twice gets 409 with the current version', async () => {
    const alice = await signedIn('alice');
    const bob = await signedIn('bob');
    const packaging = id('https://blog.test/packaging-2026');
    const pandas = id('https://zh.test/pandas-tips');

    const [first, second] = await Promise.all([
      alice.postJson(decisionUrl(packaging), { version: 0, status: 'accepted', category: 'articles' }),
      bob.postJson(decisionUrl(pandas), { version: 0, status: 'accepted', category: 'articles' }),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const positions = [first.json().decision.position, second.json().decision.position].sort();
    expect(new Set(positions).size).toBe(2);

    // Both saw version 1 of the packaging decision; Bob writes second.
    const aliceEdit = await alice.postJson(decisionUrl(packaging), { version: 1, summary: 'Alice 的中文简介' });
    expect(aliceEdit.statusCode).toBe(200);
    const bobEdit = await bob.postJson(decisionUrl(packaging), { version: 1, summary: 'Bob 的中文简介' });
    expect(bobEdit.statusCode).toBe(409);
    const conflict = bobEdit.json();
    expect(conflict.error).toBe('CONFLICT');
    expect(conflict.message).toContain('alice');
    expect(conflict.current).toMatchObject({ version: 2, summary: 'Alice 的中文简介', decidedBy: 'alice' });
    expect(conflict.view).toMatchObject({ summary: 'Alice 的中文简介', version: 2 });
    const stored = await getDb()
      .selectFrom('decisions')
      .select(['summary', 'version'])
      .where('item_id', '=', packaging)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ summary: 'Alice 的中文简介', version: 2 });

    // A first decision racing another first decision: one wins, the other is told.
    const zhGil = id('https://zh.test/gil-free-threading');
    const racing = await Promise.all([
      alice.postJson(decisionUrl(zhGil), { version: 0, status: 'rejected' }),
      bob.postJson(decisionUrl(zhGil), { version: 0, status: 'accepted', category: 'articles' }),
    ]);
    expect(racing.map((response) => response.statusCode).sort()).toEqual([200, 409]);
  });

  it('answers invalid input with 400 naming the field, and unknown items or weeks with 404', async () => {
    const session = await signedIn('alice');
    const itemId = id('https://github.com/example/fastcli');
    const badStatus = await session.postJson(decisionUrl(itemId), { version: 0, status: 'maybe' });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json()).toMatchObject({ error: 'VALIDATION' });
    expect(badStatus.json().issues[0].field).toBe('status');
    expect((await session.postJson(decisionUrl(itemId), { version: 0, category: 'recipes' })).json().issues[0].field).toBe('category');
    expect((await session.postJson(decisionUrl(itemId), { status: 'rejected' })).json().issues[0].field).toBe('version');
    expect((await session.postJson(decisionUrl(itemId), { version: 0, title: '   ' })).statusCode).toBe(400);
    expect((await session.postJson(decisionUrl(itemId), { version: 0, status: 'accepted', category: null })).statusCode).toBe(400);
    expect((await session.postJson(decisionUrl(999_999), { version: 0, status: 'rejected' })).statusCode).toBe(404);
    expect((await session.postJson(`/api/weeks/2026-W99/items/${itemId}/decision`, { version: 0, status: 'rejected' })).statusCode).toBe(
      404,
    );
    expect((await session.get('/weeks/latest')).statusCode).toBe(404);
    const row = await getDb().selectFrom('decisions').select('status').where('item_id', '=', itemId).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('adds a link by URL, reusing the stored item when the canonical URL matches', async () => {
    const session = await signedIn('alice');
    await session.get(`/weeks/${WEEK}/add`);
    const added = await session.postForm(`/weeks/${WEEK}/add`, {
      url: 'https://found.test/post/?utm_source=x',
      title: '在别处看到的好文',
      summary: '值得一读。',
      category: 'articles',
      note: '',
    });
    expect(added.statusCode).toBe(303);
    const newId = Number(/#item-(\d+)$/.exec(added.headers.location as string)![1]);
    const again = await session.postForm(`/weeks/${WEEK}/add`, { url: 'http://www.found.test/post', title: '', summary: '' });
    // the same canonical URL already has this week's decision: nothing changes, and the page says so
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain(`#item-${newId}`);
    expect(await getDb().selectFrom('items').select('id').where('canonical_url', '=', 'https://found.test/post').execute()).toHaveLength(1);

    const existing = await session.postJson(`/weeks/${WEEK}/add`, {
      url: 'https://blog.test/asyncio-deep-dive?utm_medium=email',
      title: '异步详解',
    });
    expect(existing.statusCode).toBe(201);
    expect(existing.json()).toMatchObject({ itemId: id('https://blog.test/asyncio-deep-dive'), isNewItem: false, isNewDecision: true });

    const page = (await session.get(`/weeks/${WEEK}`)).body;
    expect(page).toContain('在别处看到的好文');
    expect(page).toContain('异步详解');

    const bad = await session.postForm(`/weeks/${WEEK}/add`, { url: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('not an http(s) link');
  });

  it('reorders the shortlist, exports it as the issue Markdown, and refuses a stale order', async () => {
    const session = await signedIn('alice');
    const shortlist = await session.get(`/weeks/${WEEK}/shortlist`);
    expect(shortlist.statusCode).toBe(200);
    const articleIds = (
      await getDb()
        .selectFrom('decisions')
        .select(['item_id', 'position'])
        .where('status', '=', 'accepted')
        .where('category', '=', 'articles')
        .orderBy('position')
        .execute()
    ).map((row) => Number(row.item_id));
    expect(articleIds.length).toBeGreaterThanOrEqual(2);
    const reversed = [...articleIds].reverse();
    const reorder = await session.postJson(`/api/weeks/${WEEK}/shortlist/articles/order`, { itemIds: reversed });
    expect(reorder.statusCode).toBe(200);
    const positions = await getDb()
      .selectFrom('decisions')
      .select(['item_id', 'position'])
      .where('status', '=', 'accepted')
      .where('category', '=', 'articles')
      .orderBy('position')
      .execute();
    expect(positions.map((row) => Number(row.item_id))).toEqual(reversed);

    const stale = await session.postJson(`/api/weeks/${WEEK}/shortlist/articles/order`, { itemIds: reversed.slice(1) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toEqual(reversed);

    const markdown = await session.request({
      method: 'GET',
      url: `/weeks/${WEEK}/export.md?issue=130&title=${encodeURIComponent('测试期')}`,
    });
    expect(markdown.headers['content-type']).toMatch(/text\/markdown/);
    expect(markdown.headers['content-disposition']).toContain('issue-130.md');
    expect(markdown.body).toContain("title: 'Python 潮流周刊#130：测试期'");
    expect(markdown.body).toContain('## 🐿️项目&资源');
    expect(markdown.body).toContain('1、[Python 类型注解实用指南](https://blog.test/typing-guide)');
    expect(markdown.body).toContain('Alice 的中文简介');
    const articles = markdown.body.slice(markdown.body.indexOf('## 🦄文章&教程'), markdown.body.indexOf('## 🐿️项目&资源'));
    const titleOrder = await getDb().selectFrom('items').select(['id', 'title']).where('id', 'in', reversed).execute();
    const expected = reversed.map((itemId) => titleOrder.find((row) => Number(row.id) === itemId)!.title);
    const printed = [...articles.matchAll(/^\d+、\[([^\]]+)\]/gm)].map((match) => match[1]);
    expect(printed).toEqual(expected);
  });

  it('lists sources broken first, and filters them', async () => {
    const session = await signedIn('alice');
    const page = (await session.get('/sources')).body;
    expect(page.indexOf('Hacker News')).toBeLessThan(page.indexOf('Real Python'));
    expect(page).toContain('HTTP 503 from https://hn.test/feed');
    const broken = (await session.get('/sources?broken=1')).body;
    expect(broken).toContain('Hacker News');
    expect(broken).not.toContain('Real Python');
  });

  it('works without JavaScript: a form post saves and redirects back to the card', async () => {
    const session = await signedIn('alice');
    const itemId = id('https://talkpython.test/episodes/500');
    // A form post under Referrer-Policy: no-referrer carries `Origin: null`; the CSRF token decides.
    const response = await session.request({
      method: 'POST',
      url: decisionUrl(itemId),
      payload: new URLSearchParams({ version: '0', status: 'accepted', category: 'media', _csrf: session.csrfToken }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        origin: 'null',
        'sec-fetch-site': 'same-origin',
      },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/weeks/${WEEK}#item-${itemId}`);
    const row = await getDb()
      .selectFrom('decisions')
      .select(['status', 'category'])
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'accepted', category: 'media' });
  });

  it('without a token: no login, but CSRF is still required', async () => {
    await withTestReviewApp({ db: getDb() }, async (open) => {
      const session = new ReviewSession(open);
      const board = await session.get(`/weeks/${WEEK}`);
      expect(board.statusCode).toBe(200);
      expect(board.body).not.toContain('action="/logout"');
      const itemId = id('https://hn.test/item?id=1');
      expect((await session.postJson(decisionUrl(itemId), { version: 0, status: 'rejected' }, { csrf: null })).statusCode).toBe(403);
      const saved = await session.postJson(decisionUrl(itemId), { version: 0, status: 'rejected' });
      expect(saved.statusCode).toBe(200);
      expect(saved.json().decision.decidedBy).toBe('local');
    });
  });

  it('without a token: answers only to loopback names (no DNS rebinding)', async () => {
    await withTestReviewApp({ db: getDb() }, async (open) => {
      const asHost = (host: string) => open.inject({ method: 'GET', url: `/weeks/${WEEK}`, headers: { host } });
      for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'app.localhost'])
        expect((await asHost(host)).statusCode, host).toBe(200);
      for (const host of ['rebind.attacker.example:3000', '127.0.0.1.nip.io', '192.168.1.20:3000', 'localhost@rebind.attacker.example']) {
        const refused = await asHost(host);
        expect(refused.statusCode, host).toBe(421);
        expect(refused.body).toContain('SIFT_REVIEW_TOKEN');
      }
    });
  });

  it('without a token but with SIFT_TRUST_PROXY: the Host header decides, not an X-Forwarded-Host anyone can send', async () => {
    await withTestReviewApp({ db: getDb(), trustProxy: 'loopback' }, async (open) => {
      const ask = (headers: Record<string, string>) => open.inject({ method: 'GET', url: '/sources', headers, remoteAddress: '127.0.0.1' });
      expect((await ask({ host: 'rebind.attacker.example:3000', 'x-forwarded-host': 'localhost' })).statusCode).toBe(421);
      expect((await ask({ host: 'localhost:3000', 'x-forwarded-host': 'localhost' })).statusCode).toBe(200);
      expect((await ask({ host: 'localhost:3000' })).statusCode).toBe(200);
    });
  });
});
