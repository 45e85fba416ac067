import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBrowser } from './helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { createTestReviewApp, type ServedReview, serveToBrowser, signInInBrowser } from './helpers/review-harness.ts';
import { insertRawItem, readReviewConfig, REVIEW_WEEK, seedReviewWeek } from './helpers/review-seed.ts';

const TOKEN = 'browser-test-token';
const WEEK = REVIEW_WEEK;

describe('review UI in a browser', () => {
  let database: TestDatabase;
  let served: ServedReview;
  let browser: TestBrowser;
  let origin: string;
  let ids: Map<string, number>;
  let hostileId: number;
  const id = (url: string) => ids.get(url)!;
  const card = (itemId: number) => `#item-${itemId}`;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ids = await seedReviewWeek(database.db, readReviewConfig());
    hostileId = await insertRawItem(database.db, {
      url: 'javascript:alert(1)',
      title: '<img src=x onerror=alert(1)>',
      summary: '<script>alert(2)</script>',
      sourceId: 'realpython',
    });
    served = await serveToBrowser(await createTestReviewApp({ db: database.db, token: TOKEN }));
    ({ browser, origin } = served);
  }, 120_000);

  afterAll(async () => {
    await served?.close();
    await database?.drop();
  });

  /** Opens the board, signing in first when the browser has no session yet. */
  const openBoard = (page: Page) => signInInBrowser(page, { origin, week: WEEK, token: TOKEN, name: '猫哥' });
  /** An anonymous browser is sent to the login form (checked), and signs in there. */
  async function signIn(page: Page): Promise<void> {
    expect(await openBoard(page)).toBe(true);
  }

  const statusOf = (page: Page, itemId: number) => page.getAttribute(card(itemId), 'data-status');
  const waitForStatus = (page: Page, itemId: number, status: string) => page.waitForSelector(`${card(itemId)}[data-status="${status}"]`);

  it('signs in, accepts three, rejects one, edits a summary, moves one, reorders, and finds it all after a reload', async () => {
    const page = await browser.newPage();
    await signIn(page);
    const asyncio = id('https://blog.test/asyncio-deep-dive');
    const typing = id('https://blog.test/typing-guide');
    const gil = id('https://zh.test/gil-free-threading');
    const packaging = id('https://blog.test/packaging-2026');

    const before = await page.locator(card(asyncio)).boundingBox();
    await page.click(`${card(asyncio)} .btn-accept`);
    await waitForStatus(page, asyncio, 'accepted');
    const after = await page.locator(card(asyncio)).boundingBox();
    expect(after).toEqual(before); // updated in place: no layout shift
    await page.click(`${card(typing)} .btn-accept`);
    await waitForStatus(page, typing, 'accepted');
    await page.click(`${card(gil)} .btn-accept`);
    await waitForStatus(page, gil, 'accepted');
    await page.click(`${card(packaging)} .btn-reject`);
    await waitForStatus(page, packaging, 'rejected');
    expect(await page.textContent('#category-articles .accepted-count')).toBe('3');

    await page.click(`${card(asyncio)} .btn-edit`);
    await page.fill(`${card(asyncio)} .edit-form textarea[name="summary"]`, '深入讲解 asyncio 事件循环、任务与取消机制的长文。');
    await page.click(`${card(asyncio)} .edit-form button[type="submit"]`);
    await page.waitForSelector(`${card(asyncio)}:not(.is-editing)`);
    expect(await page.textContent(`${card(asyncio)} .card-summary`)).toBe('深入讲解 asyncio 事件循环、任务与取消机制的长文。');

    await page.click(`${card(gil)} .btn-move`);
    await page.click(`${card(gil)} .move-menu button[data-category="projects"]`);
    await page.waitForSelector(`${card(gil)}[data-category="projects"]`);
    expect(await page.textContent('#category-projects .accepted-count')).toBe('1');
    expect(await page.textContent('#category-articles .accepted-count')).toBe('2');

    await page.goto(`${origin}/weeks/${WEEK}/shortlist`);
    const articleRows = () =>
      page.$$eval('ol.shortlist[data-category-id="articles"] .shortlist-row', (rows) =>
        rows.map((row) => Number((row as HTMLElement).dataset.itemId)),
      );
    expect(await articleRows()).toEqual([asyncio, typing]);
    expect(await page.textContent('section[data-category-id="articles"] .slots')).toBe('2 / 12');
    const saved = page.waitForResponse((response) => response.url().endsWith('/shortlist/articles/order') && response.status() === 200);
    await page.click(`.shortlist-row[data-item-id="${asyncio}"] button[data-move="down"]`);
    await saved;
    expect(await articleRows()).toEqual([typing, asyncio]);
    await page.waitForFunction(() => {
      const text = (document.getElementById('export-markdown') as HTMLTextAreaElement).value;
      return text.indexOf('typing-guide') >= 0 && text.indexOf('typing-guide') < text.indexOf('asyncio-deep-dive');
    });

    await page.reload();
    expect(await articleRows()).toEqual([typing, asyncio]);
    const markdown = await page.inputValue('#export-markdown');
    expect(markdown).toContain('深入讲解 asyncio 事件循环、任务与取消机制的长文。');
    expect(markdown.indexOf('## 🐿️项目&资源')).toBeLessThan(markdown.indexOf('gil-free-threading'));

    await page.goto(`${origin}/weeks/${WEEK}?rejected=1`);
    expect(await statusOf(page, asyncio)).toBe('accepted');
    expect(await statusOf(page, typing)).toBe('accepted');
    expect(await statusOf(page, gil)).toBe('accepted');
    expect(await statusOf(page, packaging)).toBe('rejected');
    expect(await page.textContent(`${card(asyncio)} .card-summary`)).toBe('深入讲解 asyncio 事件循环、任务与取消机制的长文。');
    expect(await page.$(`#category-projects ${card(gil)}`)).not.toBeNull();

    // Drag and drop reorders too.
    await page.goto(`${origin}/weeks/${WEEK}/shortlist`);
    const dropped = page.waitForResponse((response) => response.url().endsWith('/shortlist/articles/order') && response.status() === 200);
    await page.dragAndDrop(`.shortlist-row[data-item-id="${asyncio}"] .drag-handle`, `.shortlist-row[data-item-id="${typing}"]`, {
      targetPosition: { x: 20, y: 2 },
    });
    await dropped;
    await page.reload();
    expect(await articleRows()).toEqual([asyncio, typing]);
    await page.close();
  });

  it('works from the keyboard alone: j/k, a, r, e, m, u, / and ?', async () => {
    await database.db.deleteFrom('decisions').execute();
    const page = await browser.newPage();
    await openBoard(page);
    const order = await page.$$eval('article.card', (cards) => cards.map((element) => Number((element as HTMLElement).dataset.itemId)));
    const [first, second, third, fourth] = order;

    await page.keyboard.press('j');
    expect(await page.getAttribute(card(first!), 'class')).toContain('is-selected');
    await page.keyboard.press('a');
    await waitForStatus(page, first!, 'accepted');
    await page.keyboard.press('j');
    await page.keyboard.press('r');
    await waitForStatus(page, second!, 'rejected');
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await page.getAttribute(card(third!), 'class')).toContain('is-selected');

    await page.keyboard.press('e');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('键盘写的中文简介');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector(`${card(third!)}:not(.is-editing)`);
    expect(await page.textContent(`${card(third!)} .card-summary`)).toBe('键盘写的中文简介');

    await page.keyboard.press('j');
    const originalCategory = (await page.getAttribute(card(fourth!), 'data-category'))!;
    const categories = await page.$$eval('section.category', (sections) =>
      sections.map((section) => section.getAttribute('data-category-id')!),
    );
    const target = categories.findIndex((category) => category !== originalCategory);
    await page.keyboard.press('m');
    await page.keyboard.press(String(target + 1));
    await page.waitForSelector(`${card(fourth!)}[data-category="${categories[target]}"]`);
    await page.keyboard.press('u');
    await page.waitForSelector(`${card(fourth!)}[data-category="${originalCategory}"]`);

    await page.keyboard.press('?');
    expect(await page.evaluate(() => (document.getElementById('help') as HTMLDialogElement).open)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => (document.getElementById('help') as HTMLDialogElement).open)).toBe(false);

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    await page.keyboard.type('TUI');
    await Promise.all([page.waitForURL(/q=TUI/), page.keyboard.press('Enter')]);
    const shown = await page.$$eval('article.card .title-link', (links) => links.map((link) => link.textContent));
    expect(shown).toEqual(['example/tui-kit: a TUI toolkit']);

    const rows = await database.db
      .selectFrom('decisions')
      .select(['item_id', 'status', 'category', 'summary'])
      .orderBy('item_id')
      .execute();
    const byId = new Map(rows.map((row) => [Number(row.item_id), row]));
    expect(byId.get(first!)?.status).toBe('accepted');
    expect(byId.get(second!)?.status).toBe('rejected');
    expect(byId.get(third!)?.summary).toBe('键盘写的中文简介');
    expect(byId.get(fourth!)).toMatchObject({ status: 'pending', category: null });
    await page.close();
  });

  it('shows a hostile title as text and its javascript: link as a dead link, with no dialog', async () => {
    const page = await browser.newPage();
    await openBoard(page);
    const title = page.locator(`${card(hostileId)} .title-link`);
    expect(await title.textContent()).toBe('<img src=x onerror=alert(1)>');
    expect(await title.evaluate((element) => element.tagName)).toBe('SPAN');
    expect(await title.getAttribute('class')).toContain('dead-link');
    expect(await page.textContent(`${card(hostileId)} .card-summary`)).toBe('<script>alert(2)</script>');
    expect(await page.$$(`${card(hostileId)} a`)).toHaveLength(0);
    expect(await page.$$('img[src="x"]')).toHaveLength(0);
    // Editing it through the UI keeps it text too.
    await page.click(`${card(hostileId)} .btn-edit`);
    await page.fill(`${card(hostileId)} .edit-form input[name="note"]`, '<img src=y onerror=alert(3)>');
    await page.click(`${card(hostileId)} .edit-form button[type="submit"]`);
    await page.waitForSelector(`${card(hostileId)}:not(.is-editing)`);
    await page.reload();
    expect(await page.textContent(`${card(hostileId)} .note-text`)).toBe('<img src=y onerror=alert(3)>');
    await page.waitForTimeout(300);
    expect(browser.dialogs).toEqual([]);
    await page.close();
  });

  it('saves screenshots of the board for a person to look at', async () => {
    await mkdir('test-artifacts', { recursive: true });
    const page = await browser.newPage();
    await openBoard(page);
    await page.keyboard.press('j');
    await page.screenshot({ path: 'test-artifacts/board.png', fullPage: true });
    const hasCjkFont = await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK SC"', '中文'));
    expect(hasCjkFont).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: 'test-artifacts/board-phone.png', fullPage: false });
    await page.goto(`${origin}/weeks/${WEEK}/shortlist`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: 'test-artifacts/shortlist.png', fullPage: true });
    await page.close();
  });
});
