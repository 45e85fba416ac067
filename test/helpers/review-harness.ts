import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { createRankCandidateSource } from '../../src/review/create-rank-candidate-source.ts';
import { createReviewApp, type ReviewAppOptions } from '../../src/review/create-review-app.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { launchTestBrowser, type TestBrowser } from './browser.ts';
import { readReviewConfig, REVIEW_NOW } from './review-seed.ts';
import { ReviewSession } from './review-session.ts';

/** What a review test says about its app: the database, and whatever it sets beyond the defaults. */
export type TestReviewAppOptions = Partial<ReviewAppOptions> & { db: Db };

/**
 * The review app as the review tests build it: the review week's sources.yaml, a clock frozen at
 * REVIEW_NOW, no logs, and the board's candidates ranked from `db` (createRankCandidateSource).
 * Any of them can be given instead, with the rest of createReviewApp's options (token, reader…).
 */
export function createTestReviewApp(options: TestReviewAppOptions): Promise<FastifyInstance> {
  const config = options.config ?? readReviewConfig();
  const clock = options.clock ?? fixedClock(REVIEW_NOW);
  return createReviewApp({
    log: silentLogger(),
    candidates: createRankCandidateSource({ db: options.db, config, clock }),
    ...options,
    config,
    clock,
  });
}

/** Runs `use` on an app of its own (createTestReviewApp), closed afterwards whether `use` passed or threw. */
export async function withTestReviewApp(options: TestReviewAppOptions, use: (app: FastifyInstance) => Promise<void>): Promise<void> {
  const app = await createTestReviewApp(options);
  try {
    await use(app);
  } finally {
    await app.close();
  }
}

/**
 * Signs `name` in through the login form, as a curator does (the form ends with a 303, checked
 * here). With `week` the session then opens that week's board, so it carries the board's CSRF token.
 */
export async function signInCurator(app: FastifyInstance, login: { token: string; name: string; week?: string }): Promise<ReviewSession> {
  const session = new ReviewSession(app);
  expect((await session.login(login.token, login.name)).statusCode).toBe(303);
  if (login.week) await session.get(`/weeks/${login.week}`);
  return session;
}

/**
 * A `fetch` for "collect now" tests: every feed is an RSS feed with one item, `<origin>/fresh-post`,
 * except the URLs starting with `unavailablePrefix`, which answer 503 (a transient failure).
 */
export function createFreshPostFetch(unavailablePrefix: string): typeof fetch {
  return async (input) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.startsWith(unavailablePrefix)) return new Response('busy', { status: 503 });
    const link = `${new URL(url).origin}/fresh-post`;
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>${link}</link><item><title>A fresh post</title><link>${link}</link><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>`;
    return new Response(rss, { status: 200, headers: { 'content-type': 'application/rss+xml' } });
  };
}

/**
 * Presses "collect now" on a review server over HTTP, as the board does: a page for the session
 * cookie and CSRF token, then POST /api/collect, which must answer 202. Returns the cookie, to poll
 * GET /api/collect with.
 */
export async function postCollectNow(address: string): Promise<{ cookie: string }> {
  const page = await fetch(`${address}/sources`);
  const csrf = /<meta name="csrf-token" content="([^"]*)"/.exec(await page.text())?.[1] ?? '';
  const cookie = page.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  const started = await fetch(`${address}/api/collect`, {
    method: 'POST',
    headers: { 'x-csrf-token': csrf, cookie, 'content-type': 'application/json', accept: 'application/json' },
    body: '{}',
  });
  expect(started.status).toBe(202);
  return { cookie };
}

/** Listens on 127.0.0.1, on a port the system picks; returns the origin a browser opens (`http://127.0.0.1:<port>`). */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

export interface ServedReview {
  /** Where the app listens (listenOnLoopback). */
  readonly origin: string;
  /** Headless chromium that reaches `origin` and nothing else. */
  readonly browser: TestBrowser;
  /** Closes the browser, then the app. */
  close(): Promise<void>;
}

/** Serves `app` on loopback and launches a browser for it (launchTestBrowser); `close` ends both. */
export async function serveToBrowser(app: FastifyInstance): Promise<ServedReview> {
  const origin = await listenOnLoopback(app);
  const browser = await launchTestBrowser({ allowedOrigin: origin }).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  return {
    origin,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}

/**
 * Opens `week`'s board in `page` and signs in through the login form the board sends an
 * anonymous browser to, waiting for the board. Returns false, having typed nothing, when the
 * browser's session cookie was still good (the pages of one browser share it) and the board opened.
 */
export async function signInInBrowser(page: Page, login: { origin: string; week: string; token: string; name: string }): Promise<boolean> {
  const board = `${login.origin}/weeks/${login.week}`;
  await page.goto(board);
  if (new URL(page.url()).pathname !== '/login') return false;
  await page.fill('input[name="name"]', login.name);
  await page.fill('input[name="token"]', login.token);
  await Promise.all([page.waitForURL(board), page.click('button[type="submit"]')]);
  return true;
}
