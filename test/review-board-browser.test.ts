import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRankCandidateSource } from '../src/review/create-rank-candidate-source.ts';
import { fixedClock } from '../src/shared/clock.ts';
import type { TestBrowser } from './helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { createTestReviewApp, type ServedReview, serveToBrowser } from './helpers/review-harness.ts';
import { readReviewConfig, REVIEW_NOW, REVIEW_WEEK, seedReviewWeek, WEEK_ITEMS, type SeedItem } from './helpers/review-seed.ts';

const WEEK = REVIEW_WEEK;

/** A busier week than the seed's: 40 more articles, so the board scrolls under its sticky headers. */
const MANY_ITEMS: SeedItem[] = [
  ...WEEK_ITEMS,
  ...Array.from({ length: 40 }, (_, index) => ({
    url: `https://blog.test/python-article-${index}`,
    title: `Python article ${index}: asyncio, typing and packaging notes`,
    summary: `A tutorial about Python number ${index}, long enough to wrap onto a second line on a laptop screen so that cards have their real height.`,
    sources: index % 3 === 0 ? ['pycoders', 'realpython'] : ['realpython'],
    hoursAgo: 2 + index,
  })),
];

describe('the board for a real week, in a browser', () => {
  let database: TestDatabase;
  let served: ServedReview;
  let browser: TestBrowser;
  let origin: string;
  let ids: Map<string, number>;
  const config = readReviewConfig();

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const clock = fixedClock(REVIEW_NOW);
    ids = await seedReviewWeek(database.db, config, { items: MANY_ITEMS });
    // maxAgeMs -1: every load ranks afresh (the fixed clock never ages a ranking), so an item stored mid-test shows at the next load
    const candidates = createRankCandidateSource({ db: database.db, config, clock }, { maxAgeMs: -1 });
    served = await serveToBrowser(await createTestReviewApp({ db: database.db, config, clock, candidates }));
    ({ browser, origin } = served);
    await mkdir('test-artifacts', { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await served?.close();
    await database?.drop();
  });

  const openBoard = async (query = '') => {
    const page = await browser.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${origin}/weeks/${WEEK}${query}`);
    return page;
  };
  const statusOf = async (itemId: number) =>
    (await database.db.selectFrom('decisions').select('status').where('item_id', '=', itemId).executeTakeFirst())?.status ?? 'none';

  /** Where the selected card's top is, against the bottom of everything sticky above it. */
  const selectedPlacement = (page: Page) =>
    page.evaluate(() => {
      const card = document.querySelector('article.card.is-selected')!;
      const heading = card.closest('section.category')!.querySelector('.category-title')!;
      const bar = document.querySelector('.topbar')!;
      const box = card.getBoundingClientRect();
      return {
        top: box.top,
        bottom: box.bottom,
        headerBottom: Math.max(bar.getBoundingClientRect().bottom, heading.getBoundingClientRect().bottom),
        viewport: window.innerHeight,
      };
    });
  const expectFullyVisible = (placement: { top: number; bottom: number; headerBottom: number; viewport: number }) => {
    expect(placement.top).toBeGreaterThanOrEqual(placement.headerBottom);
    expect(placement.bottom).toBeLessThanOrEqual(placement.viewport + 1); // subpixel layout
  };

  it('keeps the selected card below the sticky headers on every j and k, after undo and after Add', async () => {
    await database.db.deleteFrom('decisions').execute();
    const page = await openBoard();
    const count = await page.locator('article.card').count();
    expect(count).toBeGreaterThan(30);
    for (let press = 0; press < 30; press++) {
      await page.keyboard.press('j');
      expectFullyVisible(await selectedPlacement(page));
    }
    for (let press = 0; press < 25; press++) {
      await page.keyboard.press('k');
      expectFullyVisible(await selectedPlacement(page));
    }

    // Undo scrolls back to the card it undoes, below the headers too.
    for (let press = 0; press < 15; press++) await page.keyboard.press('j');
    const undone = Number(await page.getAttribute('article.card.is-selected', 'data-item-id'));
    await page.keyboard.press('a');
    await page.waitForSelector(`#item-${undone}[data-status="accepted"]`);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.keyboard.press('u');
    await page.waitForSelector(`#item-${undone}[data-status="pending"]`);
    expectFullyVisible(await selectedPlacement(page));

    // Add by URL comes back to the board at the new card, selected, visible and confirmed.
    await page.goto(`${origin}/weeks/${WEEK}/add`);
    await page.fill('input[name="url"]', 'https://elsewhere.test/a-find');
    await page.fill('input[name="title"]', '在别处发现的一篇');
    await Promise.all([page.waitForURL(/#item-\d+$/), page.click('.add-form button[type="submit"]')]);
    expect(page.url()).not.toContain('added=');
    expect(await page.textContent('#toast')).toBe('已添加 Added：在别处发现的一篇');
    expect(await page.textContent('article.card.is-selected .title-link')).toBe('在别处发现的一篇');
    expectFullyVisible(await selectedPlacement(page));

    // Adding it again says so and keeps the typed text.
    await page.goto(`${origin}/weeks/${WEEK}/add`);
    await page.fill('input[name="url"]', 'https://elsewhere.test/a-find');
    await page.fill('textarea[name="summary"]', '我的简介');
    await page.click('.add-form button[type="submit"]');
    expect(await page.textContent('.form-error')).toContain('本周已有这条链接的决定');
    expect(await page.inputValue('textarea[name="summary"]')).toBe('我的简介');
    await page.close();
  });

  it('shows a compact list (one line per card) and collapsible sections, both remembered', async () => {
    const page = await openBoard();
    const normalHeight = (await page.locator('article.card').first().boundingBox())!.height;
    await page.click('#toggle-compact');
    const heights = await page.$$eval('article.card', (cards) => cards.map((card) => card.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(40);
    expect(normalHeight).toBeGreaterThan(100);
    await page.keyboard.press('j');
    await page.screenshot({ path: 'test-artifacts/board-compact.png' });

    await page.click('#category-articles .section-toggle');
    expect(await page.locator('#category-articles article.card').first().isVisible()).toBe(false);
    expect(await page.getAttribute('#category-articles .section-toggle', 'aria-expanded')).toBe('false');
    await page.reload();
    expect(await page.getAttribute('body', 'class')).toContain('is-compact');
    expect(await page.locator('#category-articles article.card').first().isVisible()).toBe(false);
    // j skips the collapsed section: the first card it selects is a project
    await page.keyboard.press('j');
    expect(await page.$eval('article.card.is-selected', (card) => card.closest('section')!.id)).toBe('category-projects');
    await page.screenshot({ path: 'test-artifacts/board-compact-collapsed.png' });

    await page.click('#category-articles .section-toggle');
    await page.click('#toggle-compact');
    await page.reload();
    expect((await page.getAttribute('body', 'class')) ?? '').not.toContain('is-compact');
    expect(await page.locator('#category-articles article.card').first().isVisible()).toBe(true);
    await page.close();
  });

  it('keeps undo across a search and a filter, even for a card the filter hides', async () => {
    await database.db.deleteFrom('decisions').execute();
    const page = await openBoard();
    const asyncio = ids.get('https://blog.test/asyncio-deep-dive')!;
    await page.click(`#item-${asyncio} .btn-reject`);
    await page.waitForSelector(`#item-${asyncio}[data-status="rejected"]`);
    expect(await statusOf(asyncio)).toBe('rejected');

    await page.keyboard.press('/');
    await page.keyboard.type('TUI');
    await Promise.all([page.waitForURL(/q=TUI/), page.keyboard.press('Enter')]);
    expect(await page.locator(`#item-${asyncio}`).count()).toBe(0);
    await page.keyboard.press('u');
    await page
      .waitForFunction(() => document.getElementById('toast')!.textContent!.startsWith('已撤销'), undefined, { timeout: 3000 })
      .catch(async (error) => {
        throw new Error(
          `toast: ${await page.textContent('#toast')}; storage: ${await page.evaluate(() => JSON.stringify(sessionStorage))}; ${error}`,
        );
      });
    expect(await statusOf(asyncio)).toBe('pending');

    // and once more after changing a filter, with the card on screen
    await page.goto(`${origin}/weeks/${WEEK}?lang=en`);
    await page.click(`#item-${asyncio} .btn-accept`);
    await page.waitForSelector(`#item-${asyncio}[data-status="accepted"]`);
    await Promise.all([
      page.waitForURL(/category=articles/),
      page.selectOption('select[name="category"]', 'articles').then(() => page.click('.filters button[type="submit"]')),
    ]);
    await page.keyboard.press('u');
    await page.waitForSelector(`#item-${asyncio}[data-status="pending"]`);
    expect(await statusOf(asyncio)).toBe('pending');
    await page.close();
  });

  it('accepts the top N of a section and rejects the rest after a confirmation, and undoes it with u', async () => {
    await database.db.deleteFrom('decisions').execute();
    const page = await openBoard();
    const projectIds = await page.$$eval('#category-projects article.card', (cards) =>
      cards.map((card) => Number((card as HTMLElement).dataset.itemId)),
    );
    expect(projectIds.length).toBeGreaterThanOrEqual(2);
    await page.fill('#category-projects .bulk-top', '1');
    await page.click('#category-projects .bulk-apply');
    expect(await page.textContent('#bulk-confirm .bulk-summary')).toContain(`接受 1 条，拒绝 ${projectIds.length - 1} 条`);
    await page.screenshot({ path: 'test-artifacts/board-bulk-confirm.png' });
    const saved = page.waitForResponse((response) => response.url().endsWith(`/api/weeks/${WEEK}/decisions`));
    await page.click('#bulk-confirm-yes');
    expect((await saved).status()).toBe(200);
    await page.waitForSelector(`#item-${projectIds[0]}[data-status="accepted"]`);
    for (const itemId of projectIds.slice(1)) expect(await page.getAttribute(`#item-${itemId}`, 'data-status')).toBe('rejected');
    expect(await statusOf(projectIds[0]!)).toBe('accepted');
    expect(await statusOf(projectIds[1]!)).toBe('rejected');
    expect(await page.textContent('#category-projects .accepted-count')).toBe('1');

    // Cancelling changes nothing.
    await page.fill('#category-articles .bulk-top', '3');
    await page.click('#category-articles .bulk-apply');
    await page.keyboard.press('Escape');
    expect(await database.db.selectFrom('decisions').select('item_id').execute()).toHaveLength(projectIds.length);

    await page.keyboard.press('u');
    await page.waitForSelector(`#item-${projectIds[0]}[data-status="pending"]`);
    for (const itemId of projectIds) expect(await statusOf(itemId)).toBe('pending');
    await page.close();
  });

  it('marks the cards that are new since the last visit of this browser', async () => {
    const page = await openBoard();
    expect(await page.locator('article.card.is-new').count()).toBe(0);
    const { id: newId } = await database.db
      .insertInto('items')
      .values({
        url: 'https://talkpython.test/episodes/501',
        canonical_url: 'https://talkpython.test/episodes/501',
        title: 'Episode 501: a brand new podcast',
        summary: 'Just arrived.',
        lang: 'en',
        published_at: REVIEW_NOW,
        first_seen_at: REVIEW_NOW,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('sightings')
      .values({ item_id: Number(newId), source_id: 'talkpython', first_seen_at: REVIEW_NOW })
      .execute();
    await page.reload();
    expect(await page.$$eval('article.card.is-new', (cards) => cards.map((card) => Number((card as HTMLElement).dataset.itemId)))).toEqual([
      Number(newId),
    ]);
    expect(await page.textContent('#seen-summary')).toContain('上次访问以来新增 1 条');
    await page.click('#only-new');
    expect(await page.locator('article.card:visible').count()).toBe(1);
    await page.close();
    // a new tab (a later visit): it has been seen now
    const later = await openBoard();
    expect(await later.locator('article.card.is-new').count()).toBe(0);
    await later.close();
  });

  it('follows the system dark mode, and says on the board when sources fail', async () => {
    await database.db
      .updateTable('sources')
      .set({
        error_count: 4,
        last_status: 'HTTP_STATUS',
        last_error: `HTTP 503 from https://hn.test/feed; ${'redirect refused; '.repeat(400)}`,
      })
      .where('id', '=', 'hn')
      .execute();
    const page = await openBoard();
    await page.emulateMedia({ colorScheme: 'dark' });
    const colors = await page.evaluate(() => ({
      body: getComputedStyle(document.body).backgroundColor,
      card: getComputedStyle(document.querySelector('article.card')!).backgroundColor,
      text: getComputedStyle(document.body).color,
    }));
    expect(colors).toEqual({ body: 'rgb(13, 17, 23)', card: 'rgb(22, 27, 34)', text: 'rgb(230, 237, 243)' });
    expect(await page.textContent('#source-alert')).toContain('1 / 6 个订阅源上次抓取失败');
    await page.keyboard.press('j');
    await page.screenshot({ path: 'test-artifacts/board-dark.png' });

    await page.click('#source-alert a[href="/sources?broken=1"]');
    const rowHeight = (await page.locator('tr.health-broken').first().boundingBox())!.height;
    expect(rowHeight).toBeLessThan(200);
    await page.screenshot({ path: 'test-artifacts/sources-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: 'test-artifacts/sources.png' });
    await page.close();
  });
});
