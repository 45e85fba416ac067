import { mkdir } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrafter, type Drafter } from '../src/draft/create-drafter.ts';
import { canonicalizeUrl } from '../src/normalize/canonicalize-url.ts';
import { createRankCandidateSource } from '../src/review/create-rank-candidate-source.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { launchTestBrowser, type TestBrowser } from './helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { chatCompletion, DEFAULT_DRAFT, startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.ts';
import { createTestReviewApp, listenOnLoopback, signInInBrowser } from './helpers/review-harness.ts';
import { readReviewConfig, REVIEW_NOW, REVIEW_WEEK, seedReviewWeek } from './helpers/review-seed.ts';

const TOKEN = 'browser-test-token';
const WEEK = REVIEW_WEEK;
const ASYNCIO = 'https://blog.test/asyncio-deep-dive';
const TYPING = 'https://blog.test/typing-guide';
const LEAD =
  'Type hints started as comments and grew into protocols, generics and a checker in every editor; this guide walks through them.';

describe('drafting in the review UI (browser)', () => {
  let database: TestDatabase;
  let fake: FakeLlmServer;
  let drafter: Drafter;
  let withDrafts: { app: FastifyInstance; origin: string };
  let withoutDrafts: { app: FastifyInstance; origin: string };
  let browser: TestBrowser;
  let ids: Map<string, number>;
  const card = (url: string) => `#item-${ids.get(url)}`;

  const listen = async (app: FastifyInstance) => ({ app, origin: await listenOnLoopback(app) });

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const config = readReviewConfig();
    const clock = fixedClock(REVIEW_NOW);
    ids = await seedReviewWeek(database.db, config);
    await sql`insert into readable_pages (canonical_url, status, text, lang) values (${canonicalizeUrl(TYPING)}, 'ok', ${`${LEAD}\n\nMore text.`}, 'en')`.execute(
      database.db,
    );
    fake = await startFakeLlmServer();
    // Slow enough that the card shows the draft queued or drafting before it is ready.
    fake.answerWith(() => ({ delayMs: 600, json: chatCompletion(JSON.stringify(DEFAULT_DRAFT)) }));
    const deps = { db: database.db, log: silentLogger(), clock, config };
    drafter = await createDrafter(
      { ...deps, fetch },
      { baseUrl: fake.baseUrl, model: 'qwen2.5:7b', weeklyBudget: 10, concurrency: 2, timeoutMs: 5000 },
    );
    const candidates = createRankCandidateSource(deps);
    withDrafts = await listen(await createTestReviewApp({ ...deps, candidates, token: TOKEN, drafter }));
    withoutDrafts = await listen(await createTestReviewApp({ ...deps, candidates, token: TOKEN }));
    // Both servers are on 127.0.0.1; nothing else is reachable.
    browser = await launchTestBrowser({ allowedOrigin: 'http://127.0.0.1:' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await drafter?.close();
    await withDrafts?.app.close();
    await withoutDrafts?.app.close();
    await fake?.close();
    await database?.drop();
  });

  /** Opens the board of the app at `origin`, through its login form unless the browser's session cookie is still good. */
  const signIn = (page: Page, origin: string) => signInInBrowser(page, { origin, week: WEEK, token: TOKEN, name: '猫哥' });

  const decisionOf = (url: string) =>
    database.db
      .selectFrom('decisions')
      .select(['title', 'summary', 'version'])
      .where('week', '=', WEEK)
      .where('item_id', '=', ids.get(url)!)
      .executeTakeFirst();

  it('accept → the draft appears on the card → apply it in the edit form → only Save changes the decision', async () => {
    await mkdir('test-artifacts', { recursive: true });
    const page = await browser.newPage();
    await signIn(page, withDrafts.origin);
    const feedSummary = await page.textContent(`${card(ASYNCIO)} .card-summary`);
    await page.waitForSelector(`${card(ASYNCIO)} .btn-draft`);
    const before = await page.locator(card(ASYNCIO)).boundingBox();

    await page.click(`${card(ASYNCIO)} .btn-accept`);
    await page.waitForSelector(`${card(ASYNCIO)} .draft-badge[data-state="queued"], ${card(ASYNCIO)} .draft-badge[data-state="drafting"]`);
    await page.waitForSelector(`${card(ASYNCIO)} .draft-badge[data-state="ready"]`);
    expect(await page.textContent('.draft-budget')).toContain('1 / 10');
    expect(await page.locator(card(ASYNCIO)).boundingBox()).toEqual(before); // the draft's state has its place: no layout shift

    await page.click(`${card(ASYNCIO)} .btn-edit`);
    const proposal = `${card(ASYNCIO)} .edit-form .draft-proposal[data-state="ready"]`;
    await page.waitForSelector(proposal);
    expect(await page.textContent(`${proposal} .draft-title`)).toBe(DEFAULT_DRAFT.title);
    expect(await page.textContent(`${proposal} .draft-summary`)).toBe(DEFAULT_DRAFT.summary);
    expect(await page.textContent(`${proposal} .draft-note`)).toContain('(英)');

    await page.click(`${proposal} .btn-apply-draft`);
    expect(await page.inputValue(`${card(ASYNCIO)} .edit-form input[name="title"]`)).toBe(DEFAULT_DRAFT.title);
    expect(await page.inputValue(`${card(ASYNCIO)} .edit-form textarea[name="summary"]`)).toBe(DEFAULT_DRAFT.summary);
    // Applied, not saved: the card and the decision still hold the feed's text.
    expect(await page.textContent(`${card(ASYNCIO)} .card-summary`)).toBe(feedSummary);
    expect(await decisionOf(ASYNCIO)).toEqual({ title: null, summary: null, version: 1 });
    await page.setViewportSize({ width: 1280, height: 1300 });
    await page.locator(card(ASYNCIO)).scrollIntoViewIfNeeded();
    await page.locator(card(ASYNCIO)).screenshot({ path: 'test-artifacts/draft-flow.png' });

    await page.fill(`${card(ASYNCIO)} .edit-form textarea[name="summary"]`, `${DEFAULT_DRAFT.summary}编辑补了一句。`);
    await page.click(`${card(ASYNCIO)} .edit-form button[type="submit"]`);
    await page.waitForSelector(`${card(ASYNCIO)}:not(.is-editing)`);
    expect(await page.textContent(`${card(ASYNCIO)} .title-link`)).toBe(DEFAULT_DRAFT.title);
    expect(await decisionOf(ASYNCIO)).toEqual({
      title: DEFAULT_DRAFT.title,
      summary: `${DEFAULT_DRAFT.summary}编辑补了一句。`,
      version: 2,
    });
    await page.close();
  });

  it('shows a failed draft with the endpoint’s error text, from the draft button', async () => {
    fake.answerWith(() => ({ status: 500, json: { error: { message: 'model "qwen2.5:7b" not found' } } }));
    const page = await browser.newPage();
    await signIn(page, withDrafts.origin);
    await page.click(`${card(TYPING)} .btn-draft`);
    await page.waitForSelector(`${card(TYPING)} .draft-badge[data-state="failed"]`);
    await page.click(`${card(TYPING)} .btn-edit`);
    const error = `${card(TYPING)} .edit-form .draft-proposal[data-state="failed"] .draft-error`;
    await page.waitForSelector(error);
    expect(await page.textContent(error)).toBe(
      `POST ${fake.baseUrl}/chat/completions: HTTP 500 Internal Server Error: model "qwen2.5:7b" not found`,
    );
    await page.locator(card(TYPING)).screenshot({ path: 'test-artifacts/draft-failed.png' });
    expect(await decisionOf(TYPING)).toBeUndefined();
    await page.close();
  });

  it('without an endpoint, the edit form offers the article’s lead paragraph', async () => {
    const page = await browser.newPage();
    await signIn(page, withoutDrafts.origin);
    expect(await page.$('.btn-draft')).toBeNull();
    expect(await page.$('.draft-badge')).toBeNull(); // drafts stored while drafting was on are not shown as if it were
    await page.click(`${card(TYPING)} .btn-edit`);
    const proposal = `${card(TYPING)} .edit-form .draft-proposal[data-state="lead"]`;
    await page.waitForSelector(proposal);
    expect(await page.textContent(`${proposal} .draft-summary`)).toBe(LEAD);
    await page.click(`${proposal} .btn-apply-lead`);
    expect(await page.inputValue(`${card(TYPING)} .edit-form textarea[name="summary"]`)).toBe(LEAD);
    await page.locator(card(TYPING)).screenshot({ path: 'test-artifacts/draft-lead-paragraph.png' });
    expect(await decisionOf(TYPING)).toBeUndefined();
    await page.close();
  });
});
