import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPageReader } from '../src/read/create-page-reader.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import type { TestBrowser } from './helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';
import { fetchFromLocalWeb, readPageFixture } from './helpers/local-web.ts';
import { createTestReviewApp, type ServedReview, serveToBrowser, signInInBrowser } from './helpers/review-harness.ts';
import { readReviewConfig, REVIEW_NOW, REVIEW_WEEK, seedReviewWeek } from './helpers/review-seed.ts';

const TOKEN = 'reading-browser-test-token';

/** The reading pane in a real browser: opened by a click and by the keyboard, beside the board, closed with Esc. */
describe('reading pane in a browser', () => {
  let database: TestDatabase;
  let served: ServedReview;
  let browser: TestBrowser;
  let web: FeedServer;
  let origin: string;
  let ids: Map<string, number>;
  const card = (url: string) => `#item-${ids.get(url)!}`;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const config = readReviewConfig();
    const clock = fixedClock(REVIEW_NOW);
    web = await startFeedServer();
    web.html('/blog.test/asyncio-deep-dive', readPageFixture('article.html'));
    web.html('/github.com/example/fastcli', readPageFixture('github-repo.html'));
    web.route('/api/repos/example/fastcli', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        full_name: 'example/fastcli',
        description: 'Build CLI tools fast',
        stargazers_count: 12345,
        language: 'Python',
        topics: ['cli'],
      }),
    });
    web.html('/blog.test/typing-guide', readPageFixture('article.html'), { delayMs: 800 });
    web.status('/blog.test/packaging-2026', 503);
    ids = await seedReviewWeek(database.db, config);
    await database.db
      .updateTable('sightings')
      .set({ digest_issue_url: 'https://pycoders.test/issues/700' })
      .where('item_id', '=', ids.get('https://blog.test/asyncio-deep-dive')!)
      .where('source_id', '=', 'pycoders')
      .execute();
    const reader = createPageReader({
      db: database.db,
      log: silentLogger(),
      clock,
      config,
      env: { SIFT_ALLOW_PRIVATE_NETWORKS: true },
      fetch: fetchFromLocalWeb(web),
      githubApiUrl: `${web.origin}/api`,
    });
    served = await serveToBrowser(await createTestReviewApp({ db: database.db, config, clock, token: TOKEN, reader }));
    ({ browser, origin } = served);
  }, 120_000);

  afterAll(async () => {
    await served?.close();
    await web?.close();
    await database?.drop();
  });

  /** Opens the board, signing in first when the browser has no session yet (its pages share one). */
  const openBoard = (page: Page) => signInInBrowser(page, { origin, week: REVIEW_WEEK, token: TOKEN, name: '猫哥' });

  it('opens a card in the pane beside the board, follows the keyboard, closes with Esc, and keeps a, j/k working', async () => {
    const page = await browser.newPage();
    await openBoard(page);
    await expect(page.isVisible('#reading-pane')).resolves.toBe(false);

    await page.click(`${card('https://blog.test/asyncio-deep-dive')} .card-summary`);
    await page.waitForSelector('#reading-pane .reading-title');
    expect(await page.textContent('#reading-pane .reading-title')).toContain('Asyncio deep dive');
    expect(await page.textContent('#reading-pane .reading-article')).toContain('suspending coroutines');
    expect(await page.getAttribute('#reading-pane a.digest-issue', 'href')).toBe('https://pycoders.test/issues/700');
    // beside the board, not over it: the cards end where the pane begins
    const pane = (await page.locator('#reading-pane').boundingBox())!;
    const cardBox = (await page.locator(card('https://blog.test/asyncio-deep-dive')).boundingBox())!;
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(pane.x + 1);
    await mkdir('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/reading-pane.png' });

    // the keyboard: a still accepts the selected card with the pane open; Esc closes it
    await page.keyboard.press('a');
    await page.waitForSelector(`${card('https://blog.test/asyncio-deep-dive')}[data-status="accepted"]`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#reading-pane', { state: 'hidden' });

    // j then o: the next card opens, "fetching…" while its slow page is read
    await page.keyboard.press('j');
    expect(await page.getAttribute('article.card.is-selected', 'id')).toBe(card('https://blog.test/typing-guide').slice(1));
    await page.keyboard.press('o');
    await page.waitForSelector('#reading-pane .reading-status .spinner');
    await page.waitForSelector('#reading-pane .reading-title');
    expect(page.url()).toBe(`${origin}/weeks/${REVIEW_WEEK}`); // opened in place, not in a tab

    // a GitHub repository: the facts and the README
    await page.keyboard.press('Escape');
    await page.click(`${card('https://github.com/example/fastcli')} .card-summary`);
    await page.waitForSelector('#reading-pane .reading-github');
    expect(await page.textContent('#reading-pane .github-stars')).toBe('★ 12,345');
    expect(await page.textContent('#reading-pane .reading-readme')).toContain('fastcli turns a plain Python function');
    // the README is not shown twice: the whole page waits, folded, under the first paragraphs
    expect(await page.isVisible('#reading-pane details.reading-article-more .reading-article')).toBe(false);
    expect(await page.locator('#reading-pane .reading > .reading-article').count()).toBe(0);
    await page.screenshot({ path: 'test-artifacts/reading-pane-github.png' });
    expect(browser.dialogs).toEqual([]);
  });

  it('retries a page that could not be read with the pane’s button (a POST with the CSRF token)', async () => {
    const page = await browser.newPage();
    await openBoard(page);
    await page.click(`${card('https://blog.test/packaging-2026')} .card-summary`);
    await page.waitForSelector('#reading-pane button[data-action="retry-reading"]');
    expect(await page.textContent('#reading-pane')).toContain('HTTP 503');

    web.html('/blog.test/packaging-2026', readPageFixture('article.html'));
    const retry = page.waitForRequest(
      (request) => request.url().endsWith(`/items/${ids.get('https://blog.test/packaging-2026')!}/read`) && request.method() === 'POST',
    );
    await page.click('#reading-pane button[data-action="retry-reading"]');
    expect((await retry).headers()['x-csrf-token']).toBeTruthy();
    await page.waitForSelector('#reading-pane .reading-title');
    expect(await page.textContent('#reading-pane .reading-article')).toContain('suspending coroutines');
    expect(browser.dialogs).toEqual([]);
  });
});
