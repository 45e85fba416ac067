import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectProducerRedis, createServiceRedis } from '../src/queue/connect-redis.ts';
import { REFRESH_ATTEMPTS } from '../src/queue/enqueue-due-sources.ts';
import { openQueues } from '../src/queue/open-queues.ts';
import { REFRESH_QUEUE, toRefreshJobId, type RefreshJobData } from '../src/queue/queue-names.ts';
import { startRefreshWorker } from '../src/queue/start-refresh-worker.ts';
import type { CollectNowStatus } from '../src/review/collect-now.ts';
import { createQueuedCollectNow } from '../src/review/create-queued-collect-now.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { deleteKeys, TEST_REDIS_URL, waitUntil } from './helpers/distributed-fixture.ts';
import { createFreshPostFetch, createTestReviewApp, signInCurator } from './helpers/review-harness.ts';
import { readReviewConfig, REVIEW_NOW, REVIEW_WEEK, seedReviewWeek } from './helpers/review-seed.ts';
import type { ReviewSession } from './helpers/review-session.ts';
import { createThrowawayRedis, findFreePort, type ThrowawayRedis } from './helpers/throwaway-redis.ts';

const TOKEN = 'queued collect now token, long enough';
const config = readReviewConfig();
const clock = fixedClock(REVIEW_NOW);
/** Every enabled source of the review week (zh-blog is disabled below) and the host its job carries. */
const ENABLED = [
  ['pycoders', 'pycoders.test'],
  ['realpython', 'realpython.test'],
  ['trending', 'trending.test'],
  ['talkpython', 'talkpython.test'],
  ['hn', 'hn.test'],
] as const;
const ENABLED_JOB_IDS = ENABLED.map(([sourceId]) => toRefreshJobId(sourceId)).sort();

/** An RSS feed with one item for every source but Hacker News, which answers 503 (a transient failure: retried). */
const fakeFetch = createFreshPostFetch('https://hn.test/');

/** The board of a review app whose "collect now" queues refresh jobs on `redis` under its own prefix. */
async function openQueuedBoard(database: TestDatabase, redis: Redis) {
  const prefix = `sift-test-collect-now-${randomBytes(5).toString('hex')}`;
  const queues = openQueues(redis, prefix);
  const collectNow = createQueuedCollectNow({ db: database.db, clock, log: silentLogger() }, queues.refresh);
  const app = await createTestReviewApp({ db: database.db, config, clock, token: TOKEN, collectNow });
  const session = await signInCurator(app, { token: TOKEN, name: 'alice', week: REVIEW_WEEK });
  return { prefix, queues, app, session };
}

type QueuedBoard = Awaited<ReturnType<typeof openQueuedBoard>>;

const postCollect = async (session: ReviewSession) => {
  const response = await session.postJson('/api/collect', {});
  expect(response.statusCode).toBe(202);
  return response.json() as CollectNowStatus;
};
const getCollect = async (session: ReviewSession) => {
  const response = await session.request({ method: 'GET', url: '/api/collect', headers: { accept: 'application/json' } });
  expect(response.statusCode).toBe(200);
  return response.json() as CollectNowStatus;
};

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('postgres');
  await seedReviewWeek(database.db, config);
  await database.db.updateTable('sources').set({ enabled: false }).where('id', '=', 'zh-blog').execute();
});
afterAll(async () => {
  await database?.drop();
});

/** A queued board on the real Redis for the tests of one describe block: opened before them, its keys removed after. */
function useRealRedisBoard(): { board: QueuedBoard; redis: Redis } {
  const real = {} as { board: QueuedBoard; redis: Redis };
  beforeAll(async () => {
    real.redis = await connectProducerRedis(TEST_REDIS_URL);
    real.board = await openQueuedBoard(database, real.redis);
  });
  afterAll(async () => {
    await real.board?.app.close();
    await real.board?.queues.close();
    if (real.board) await deleteKeys(real.redis, `${real.board.prefix}:*`);
    real.redis?.disconnect();
  });
  return real;
}

/** "Collect now" with REDIS_URL: refresh jobs for the workers on the real Redis, progress read from those jobs. */
describe('collect now through the refresh queue', () => {
  const real = useRealRedisBoard();
  const jobIds = async () => (await real.board.queues.refresh.getJobs()).map((job) => job.id).sort();

  it('queues one job per enabled source, keeps a job already queued, and answers with the running pass', async () => {
    // the scheduler queued Real Python a moment ago: that job stays, and is the one the pass counts
    const queued = await real.board.queues.refresh.add(
      'refresh',
      { sourceId: 'realpython', host: 'realpython.test' },
      { jobId: toRefreshJobId('realpython'), removeOnComplete: true },
    );

    const started = await postCollect(real.board.session);
    expect(started).toMatchObject({ state: 'running', mode: 'queue', total: ENABLED.length, done: 0, failed: 0, finishedAt: null });
    expect(await jobIds()).toEqual(ENABLED_JOB_IDS);
    for (const [sourceId, host] of ENABLED) {
      const job = (await real.board.queues.refresh.getJob(toRefreshJobId(sourceId)))!;
      expect(job.data).toEqual({ sourceId, host });
      expect(await job.getState()).toBe('waiting');
    }
    expect((await real.board.queues.refresh.getJob(toRefreshJobId('realpython')))!.timestamp).toBe(queued.timestamp);
    expect(await real.board.queues.refresh.getJobState(toRefreshJobId('zh-blog'))).toBe('unknown');

    // pressed again while it runs: the same pass, nothing queued twice
    const again = await postCollect(real.board.session);
    expect(again).toMatchObject({ state: 'running', total: ENABLED.length, done: 0, startedAt: started.startedAt });
    expect(await real.board.queues.refresh.count()).toBe(ENABLED.length);
    expect(await getCollect(real.board.session)).toMatchObject({ state: 'running', done: 0, failed: 0 });
  });

  it('counts the jobs as the workers finish them: done once every one ended, the failing source failed after its retries', async () => {
    const workerRedis = createServiceRedis(TEST_REDIS_URL, { log: silentLogger(), name: `${real.board.prefix}:test-worker` });
    const worker = startRefreshWorker(
      { db: database.db, log: silentLogger(), clock, fetch: fakeFetch, config },
      { redis: workerRedis, prefix: real.board.prefix, concurrency: 4, hostConcurrency: 2, leaseMs: 2_000, retryBaseMs: 50 },
    );
    try {
      let status = await getCollect(real.board.session);
      await waitUntil(
        async () => {
          status = await getCollect(real.board.session);
          return status.state !== 'running';
        },
        20_000,
        'the pass to end',
      );
      expect(status).toMatchObject({ state: 'done', total: ENABLED.length, done: ENABLED.length, failed: 1 });
      expect(status.finishedAt).not.toBeNull();
    } finally {
      await worker.close(5_000);
      workerRedis.disconnect();
    }
    const hnAttempts = await database.db.selectFrom('fetches').select('outcome').where('source_id', '=', 'hn').execute();
    expect(hnAttempts.map((row) => row.outcome)).toEqual(Array(REFRESH_ATTEMPTS).fill('failed'));
    const stored = await database.db.selectFrom('sources').select(['id', 'last_status']).where('enabled', '=', true).execute();
    const refreshed = stored.filter((row) => row.last_status === 'ok').map((row) => row.id);
    expect(refreshed.sort()).toEqual(
      ENABLED.map(([sourceId]) => sourceId)
        .filter((sourceId) => sourceId !== 'hn')
        .sort(),
    );
    // completed jobs removed themselves; the failed one is kept for the dashboard
    expect(await jobIds()).toEqual([toRefreshJobId('hn')]);
    expect(await real.board.queues.refresh.getJobState(toRefreshJobId('hn'))).toBe('failed');
  });

  it('a new pass queues the kept failed job again in place: it counts as running, not as failed', async () => {
    const started = await postCollect(real.board.session);
    expect(started).toMatchObject({ state: 'running', total: ENABLED.length, done: 0, failed: 0 });
    expect(await jobIds()).toEqual(ENABLED_JOB_IDS);
    const hn = (await real.board.queues.refresh.getJob(toRefreshJobId('hn')))!;
    expect(await hn.getState()).toBe('waiting');
    expect(hn.attemptsMade).toBe(0);
  });
});

/** A refresh the scheduler queued, finishing just as a curator presses collect now. */
describe('collect now through the refresh queue, a job already running', () => {
  const real = useRealRedisBoard();

  it('a job already running as the pass starts, which wrote its next check before the press, counts as done when it ends, not as lost', async () => {
    // the scheduler's refresh of Real Python is under way: it has stored its result (next check
    // later) and is finishing when the curator presses collect now, which makes the source due again
    const workerRedis = createServiceRedis(TEST_REDIS_URL, { log: silentLogger(), name: `${real.board.prefix}:test-race-worker` });
    let finish = () => {};
    const finishing = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let started = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const worker = new Worker<RefreshJobData>(
      REFRESH_QUEUE,
      async () => {
        await database.db
          .updateTable('sources')
          .set({ next_check_at: new Date(REVIEW_NOW.getTime() + 3_600_000) })
          .where('id', '=', 'realpython')
          .execute();
        started();
        await finishing;
      },
      { connection: workerRedis, prefix: real.board.prefix, autorun: false },
    );
    try {
      await real.board.queues.refresh.add(
        'refresh',
        { sourceId: 'realpython', host: 'realpython.test' },
        { jobId: toRefreshJobId('realpython'), removeOnComplete: true },
      );
      void worker.run();
      await running;
      await worker.pause(true);
      const pass = await postCollect(real.board.session);
      expect(pass).toMatchObject({ state: 'running', total: ENABLED.length });
      finish();
      await waitUntil(
        async () => (await real.board.queues.refresh.getJobState(toRefreshJobId('realpython'))) === 'unknown',
        10_000,
        'the running job to end',
      );
      const status = await getCollect(real.board.session);
      expect(status.lost).toBe(0);
      expect(status.failed).toBe(0);
      expect(status.done).toBe(1);
    } finally {
      finish();
      await worker.close();
      workerRedis.disconnect();
    }
  });
});

/** Redis going away under the web process: the board is told why, never a bare 500. */
describe('collect now through the refresh queue, Redis down', () => {
  /** A board on a private Redis of its own (createThrowawayRedis), which the test stops and starts. */
  async function withThrowawayRedisBoard(use: (server: ThrowawayRedis, redis: Redis, board: QueuedBoard) => Promise<void>): Promise<void> {
    const server = createThrowawayRedis(await findFreePort());
    await server.start();
    const redis = await connectProducerRedis(server.url);
    const board = await openQueuedBoard(database, redis);
    try {
      await use(server, redis, board);
    } finally {
      await board.app.close();
      redis.disconnect();
      await board.queues.close();
      await server.stop();
    }
  }

  it('down as a pass starts: the pass failed, saying why; once Redis is back (empty) the next press queues every source', async () => {
    await withThrowawayRedisBoard(async (server, redis, board) => {
      await server.stop();
      const refused = await postCollect(board.session);
      expect(refused).toMatchObject({ state: 'failed', mode: 'queue', done: 0 });
      expect(refused.error).toMatch(/^could not queue the refresh jobs in Redis: /);
      expect(await getCollect(board.session)).toEqual(refused);

      await server.start();
      await waitUntil(() => redis.status === 'ready', 10_000, 'the producer connection to reconnect');
      const started = await postCollect(board.session);
      expect(started).toMatchObject({ state: 'running', total: ENABLED.length, done: 0, failed: 0 });
      expect(await board.queues.refresh.count()).toBe(ENABLED.length);
    });
  });

  it('restarted empty while a pass runs: the vanished jobs count as lost and failed, not as done, and their sources stay due', async () => {
    await withThrowawayRedisBoard(async (server, redis, board) => {
      expect(await postCollect(board.session)).toMatchObject({ state: 'running', total: ENABLED.length });
      await server.stop();
      await server.start();
      await waitUntil(() => redis.status === 'ready', 10_000, 'the producer connection to reconnect');
      expect(await board.queues.refresh.count()).toBe(0);
      const ended = await getCollect(board.session);
      expect(ended).toMatchObject({
        state: 'done',
        total: ENABLED.length,
        done: ENABLED.length,
        failed: ENABLED.length,
        lost: ENABLED.length,
      });
      const due = await database.db
        .selectFrom('sources')
        .select('id')
        .where('enabled', '=', true)
        .where('next_check_at', '<=', REVIEW_NOW)
        .execute();
      expect(due.map((row) => row.id).sort()).toEqual(ENABLED.map(([sourceId]) => sourceId).sort());
    });
  });

  it('gone while a pass runs: the progress says it lost the jobs and ends, so the button comes back', async () => {
    await withThrowawayRedisBoard(async (server, _redis, board) => {
      expect(await postCollect(board.session)).toMatchObject({ state: 'running', total: ENABLED.length });
      await server.stop();
      const lost = await getCollect(board.session);
      expect(lost).toMatchObject({ state: 'failed', total: ENABLED.length, done: 0 });
      expect(lost.error).toMatch(/^could not read the refresh jobs from Redis: /);
      expect(lost.finishedAt).not.toBeNull();
    });
  });
});
