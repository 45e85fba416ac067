import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/config/env.ts';
import { createRankCandidateSource } from '../src/review/create-rank-candidate-source.ts';
import { startReviewServer } from '../src/review/start-review-server.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { postCollectNow } from './helpers/review-harness.ts';
import { readReviewConfig, REVIEW_NOW, seedReviewWeek } from './helpers/review-seed.ts';

const FEED_MS = 700;

/** "Collect now" without Redis runs in the review process: stopping the server stops it before the database closes. */
describe('collect now in process, at shutdown', () => {
  let database: TestDatabase;
  const fetches = { started: 0, finished: 0 };

  /** Every feed answers after FEED_MS with one item; counts what started and what ended. */
  const slowFeeds: typeof fetch = async (input) => {
    fetches.started += 1;
    await new Promise((resolve) => setTimeout(resolve, FEED_MS));
    fetches.finished += 1;
    const link = `${new URL(String(input)).origin}/fresh-post`;
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>${link}</link><item><title>A fresh post</title><link>${link}</link></item></channel></rss>`;
    return new Response(rss, { status: 200, headers: { 'content-type': 'application/rss+xml' } });
  };

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('ReviewServer.close() starts no further source and waits for the running one', async () => {
    const config = readReviewConfig();
    const clock = fixedClock(REVIEW_NOW);
    await seedReviewWeek(database.db, config);
    const env = loadEnv({ SIFT_CONCURRENCY: '1', SIFT_HOST_CONCURRENCY: '1', SIFT_SHUTDOWN_TIMEOUT_MS: '5000' });
    const server = await startReviewServer(
      { db: database.db, log: silentLogger(), clock, fetch: slowFeeds, config, env },
      { port: 0, host: '127.0.0.1', candidates: createRankCandidateSource({ db: database.db, config, clock }) },
    );
    await postCollectNow(server.address);
    expect(config.sources.length).toBeGreaterThan(2);
    while (fetches.started === 0) await new Promise((resolve) => setTimeout(resolve, 20));

    await server.close();

    expect(fetches).toEqual({ started: 1, finished: 1 }); // the running source ended before close() returned
    await new Promise((resolve) => setTimeout(resolve, FEED_MS * 2));
    expect(fetches.started).toBe(1); // and nothing started after it
    const attempts = await database.db.selectFrom('fetches').select('source_id').execute();
    expect(attempts).toHaveLength(1); // its result was stored while the database was open
  });
});
