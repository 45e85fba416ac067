import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/config/env.ts';
import { parseSources } from '../src/config/load-sources.ts';
import type { CollectNowStatus } from '../src/review/collect-now.ts';
import { createRankCandidateSource } from '../src/review/create-rank-candidate-source.ts';
import { startReviewServer, type ReviewServer } from '../src/review/start-review-server.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { createLogger, type Logger } from '../src/shared/logger.ts';
import { syncSources } from '../src/store/sources/sync-sources.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';
import { postCollectNow } from './helpers/review-harness.ts';
import { REVIEW_NOW } from './helpers/review-seed.ts';

const MB = 1024 * 1024;
const FEED_COUNT = 4;
/** Longest the review server's event loop may be held while the pass runs: a board request waits no longer. */
const MAX_STALL_MS = 200;
const SHUTDOWN_TIMEOUT_MS = 100;

/** About `bytes` of RSS: items with long HTML descriptions, as a full-content blog feed carries. */
function largeRss(feed: string, bytes: number): string {
  const paragraph = `<p>Paragraph about <b>asyncio</b>, <a href="https://docs.python.org/3/">typing</a> &amp; packaging in feed ${feed}.</p>`;
  const description = paragraph.repeat(80).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const items: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index += 1) {
    const item = `<item><title>Post ${index} of feed ${feed}</title><link>https://${feed}.example/posts/${index}</link><guid>${feed}-${index}</guid><pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate><description>${description}</description></item>\n`;
    items.push(item);
    size += item.length;
  }
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>https://${feed}.example/</link><description>d</description>\n${items.join('')}</channel></rss>`;
}

/** "Collect now" without Redis runs in the review process: the curator's requests must not wait for it to parse big feeds. */
describe('collect now in process, with large feeds', () => {
  let database: TestDatabase;
  let feeds: FeedServer;
  let server: ReviewServer | undefined;

  beforeAll(async () => {
    // Postgres, not PGlite: the embedded engine runs its queries on this thread, and the stall measured here is the parse's.
    database = await createTestDatabase('postgres');
    feeds = await startFeedServer();
  });
  afterAll(async () => {
    await server?.close();
    await feeds?.close();
    await database?.drop();
  });

  /**
   * The review server over the feeds `ids` (the only enabled sources: syncing drops the others),
   * served at `/feeds/<id>.xml`, with "collect now" started. The pass is in-process (no Redis) and
   * parses on SIFT_PARSE_THREADS threads, the environment's default.
   */
  async function startCollectNow(ids: string[], options: { log: Logger; env?: Record<string, string> }) {
    const sources = ids
      .map((id) => `  - { id: ${id}, name: "${id}", url: "${feeds.url(`/feeds/${id}.xml`)}", kind: blog, lang: en, category: articles }\n`)
      .join('');
    const config = parseSources(
      `weekly:\n  categories:\n    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 12 }\nsources:\n${sources}`,
      'sources.yaml',
    );
    await syncSources(database.db, config.sources);
    const clock = fixedClock(REVIEW_NOW);
    const concurrency = String(ids.length);
    const env = loadEnv({ SIFT_CONCURRENCY: concurrency, SIFT_HOST_CONCURRENCY: concurrency, SIFT_READ_AHEAD: '0', ...options.env });
    server = await startReviewServer(
      { db: database.db, log: options.log, clock, fetch: globalThis.fetch, config, env },
      { port: 0, host: '127.0.0.1', candidates: createRankCandidateSource({ db: database.db, config, clock }) },
    );
    const { cookie } = await postCollectNow(server.address);
    return { server, address: server.address, cookie };
  }

  it(`keeps the event loop free (no stall over ${MAX_STALL_MS} ms) while the pass parses ${FEED_COUNT} feeds of 5 MB`, async () => {
    const ids = Array.from({ length: FEED_COUNT }, (_, feed) => `big-${feed}`);
    for (const id of ids) feeds.serveFeed(`/feeds/${id}.xml`, largeRss(id, 5 * MB));
    // Measured from the start of the pass to its end, told by its log line: the week's re-ranking after it is another matter.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let isPassOver = false;
    const log = createLogger({
      level: 'info',
      pretty: false,
      destination: {
        write: (line: string) => {
          if (line.includes('"msg":"collect now: pass done"')) {
            delay.disable();
            isPassOver = true;
          }
          return true;
        },
      } as NodeJS.WritableStream,
    });

    delay.enable();
    const { address, cookie } = await startCollectNow(ids, { log });
    // The board polls the pass's progress as a curator's page does. (Its latency is not the measure:
    // this thread sends the polls too, so a stall holds a poll back before it is sent.)
    let status: CollectNowStatus;
    do {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const poll = await fetch(`${address}/api/collect`, { headers: { cookie, accept: 'application/json' } });
      status = (await poll.json()) as CollectNowStatus;
    } while (status.state === 'running');
    const maxDelayMs = delay.max / 1e6;

    expect(isPassOver).toBe(true);
    expect(status).toMatchObject({ state: 'done', total: FEED_COUNT, done: FEED_COUNT, failed: 0 });
    const stored = await database.db
      .selectFrom('sightings')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.count)).toBeGreaterThan(FEED_COUNT * 100); // the feeds were parsed and stored, not skipped
    const figures = `event-loop delay max ${Math.round(maxDelayMs)} ms, p99 ${Math.round(delay.percentile(99) / 1e6)} ms`;
    console.info(`collect now over ${FEED_COUNT} × 5 MB feeds: ${figures}`);
    expect(maxDelayMs, figures).toBeLessThan(MAX_STALL_MS);
  });

  it(`stops within SIFT_SHUTDOWN_TIMEOUT_MS while a 12 MB feed is being parsed, ending the parse`, async () => {
    feeds.serveFeed('/feeds/huge.xml', largeRss('huge', 12 * MB));
    const { server } = await startCollectNow(['huge'], {
      log: createLogger({ level: 'silent', pretty: false }),
      env: { SIFT_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) },
    });
    while (!feeds.requests.some((request) => request.path === '/feeds/huge.xml' && request.endedAt !== undefined))
      await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the body is read; the parse is under way

    const closingAt = performance.now();
    await server.close();
    const closeMs = performance.now() - closingAt;

    expect(closeMs, `close() took ${Math.round(closeMs)} ms`).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 300);
    console.info(`close() during the parse of a 12 MB feed: ${Math.round(closeMs)} ms`);
    // the parse was stopped, not left running after shutdown: the attempt ends as the pool closing it
    let attempt: { error_code: string | null } | undefined;
    while (!attempt) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      attempt = await database.db.selectFrom('fetches').select('error_code').where('source_id', '=', 'huge').executeTakeFirst();
    }
    expect(attempt.error_code).toBe('POOL_CLOSED');
  });
});
