import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/config/env.ts';
import { startReviewServer, type ReviewServer } from '../src/review/start-review-server.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { loadReadablePage } from '../src/store/pages/readable-pages.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';
import { fetchFromLocalWeb, readPageFixture } from './helpers/local-web.ts';
import { readReviewConfig, REVIEW_NOW, REVIEW_WEEK, seedReviewWeek } from './helpers/review-seed.ts';

/** The review server reads the top candidates' pages as soon as it ranks a week (SIFT_READ_AHEAD). */
describe('read-ahead of the top candidates', () => {
  let database: TestDatabase;
  let web: FeedServer;
  let server: ReviewServer | undefined;
  const config = readReviewConfig();

  beforeEach(async () => {
    database = await createTestDatabase('pglite');
    web = await startFeedServer();
    web.html('/blog.test/asyncio-deep-dive', readPageFixture('article.html'));
    await seedReviewWeek(database.db, config);
  });
  afterEach(async () => {
    await server?.close();
    await web.close();
    await database.drop();
  });

  async function openBoard(readAhead: '0' | '1'): Promise<void> {
    const env = loadEnv({ SIFT_READ_AHEAD: readAhead, SIFT_ALLOW_PRIVATE_NETWORKS: '1' });
    server = await startReviewServer(
      { db: database.db, log: silentLogger(), clock: fixedClock(REVIEW_NOW), fetch: fetchFromLocalWeb(web), config, env },
      { port: 0, host: '127.0.0.1' },
    );
    const board = await fetch(`${server.address}/weeks/${REVIEW_WEEK}`);
    expect(board.status).toBe(200);
  }

  const pageStatus = async (url: string) => (await loadReadablePage(database.db, url))?.status;

  it('reads the pages of the ranked week without the curator opening a card', async () => {
    await openBoard('1');
    await expect.poll(() => pageStatus('https://blog.test/asyncio-deep-dive'), { timeout: 10_000 }).toBe('ok');
    expect(web.requests.some((request) => request.path === '/blog.test/asyncio-deep-dive')).toBe(true);
  });

  it('reads nothing ahead with SIFT_READ_AHEAD=0', async () => {
    await openBoard('0');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await pageStatus('https://blog.test/asyncio-deep-dive')).toBeUndefined();
    expect(await pageStatus('https://github.com/example/fastcli')).toBeUndefined();
    expect(web.requests).toHaveLength(0);
  });
});
