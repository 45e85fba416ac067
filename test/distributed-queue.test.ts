import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Fastify from 'fastify';
import type { Redis } from 'ioredis';
import { describe, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { loadEnv } from '../src/config/env.ts';
import { createMetrics } from '../src/observability/create-metrics.ts';
import { registerOpsRoutes } from '../src/observability/register-ops-routes.ts';
import { registerQueueDashboard } from '../src/observability/register-queue-dashboard.ts';
import { connectProducerRedis, createServiceRedis } from '../src/queue/connect-redis.ts';
import { createHostLimiter } from '../src/queue/create-host-limiter.ts';
import { enqueueDueSources, interleaveByHost } from '../src/queue/enqueue-due-sources.ts';
import { openQueues } from '../src/queue/open-queues.ts';
import { toRefreshJobId } from '../src/queue/queue-names.ts';
import { startRefreshWorker, type RefreshWorkerHandle } from '../src/queue/start-refresh-worker.ts';
import { startScheduler } from '../src/queue/start-scheduler.ts';
import { systemClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { TEST_REDIS_URL, useDistributedFixture, waitUntil, type DistributedFixture } from './helpers/distributed-fixture.ts';
import { sampleRss } from './helpers/feed-server.ts';

/** A refresh worker in this process on the fixture's database and prefix. */
function startWorker(
  current: DistributedFixture,
  onTestFinished: (handler: () => Promise<void>) => void,
  options: { hostConcurrency?: number; retryBaseMs?: number; concurrency?: number } = {},
): { handle: RefreshWorkerHandle; redis: Redis } {
  const redis = createServiceRedis(TEST_REDIS_URL, { log: silentLogger(), name: `${current.prefix}:test-worker` });
  const deps = { db: current.database.db, log: silentLogger(), clock: systemClock, fetch: globalThis.fetch, config: current.config };
  const handle = startRefreshWorker(deps, {
    redis,
    prefix: current.prefix,
    concurrency: options.concurrency ?? 8,
    hostConcurrency: options.hostConcurrency ?? 2,
    leaseMs: 2_000,
    retryBaseMs: options.retryBaseMs ?? 100,
    hostBusyDelayMs: 100,
  });
  onTestFinished(async () => {
    await handle.close(5_000);
    redis.disconnect();
  });
  return { handle, redis };
}

const deps = (current: DistributedFixture) => ({ db: current.database.db, clock: systemClock });

describe.concurrent('enqueueDueSources: one job per due source', () => {
  it('queues each due source once, however often or concurrently it runs', async ({ expect, onTestFinished }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 1, sourcesPerHost: 5 });
    const results = await Promise.all([
      enqueueDueSources(deps(fixture), fixture.queues.refresh),
      enqueueDueSources(deps(fixture), fixture.queues.refresh),
    ]);
    expect(results.map((result) => result.due)).toEqual([5, 5]);
    await enqueueDueSources(deps(fixture), fixture.queues.refresh);

    const waiting = await fixture.queues.refresh.getWaiting();
    expect(waiting.map((job) => job.id).sort()).toEqual(fixture.sources.map((source) => toRefreshJobId(source.id)).sort());
  });

  it('queues a source again once its job has finished and it is due again, failed jobs included', async ({ expect, onTestFinished }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 1, sourcesPerHost: 2 });
    const [good, gone] = fixture.sources;
    fixture.servers[0].status(gone.path, 404);
    startWorker(fixture, onTestFinished);
    await enqueueDueSources(deps(fixture), fixture.queues.refresh);
    await waitUntil(
      async () => (await fixture.queues.refresh.getJobState(toRefreshJobId(gone.id))) === 'failed',
      10_000,
      'the 404 job to fail',
    );
    await waitUntil(async () => (await fixture.countRefreshed()) === 1, 10_000, 'the good source to be stored');

    // Not due yet (next check in an hour, or backing off): nothing is queued.
    expect(await enqueueDueSources(deps(fixture), fixture.queues.refresh)).toEqual({ due: 0, enqueued: 0 });
    await fixture.database.db
      .updateTable('sources')
      .set({ next_check_at: new Date(Date.now() - 1000) })
      .execute();
    expect(await enqueueDueSources(deps(fixture), fixture.queues.refresh)).toEqual({ due: 2, enqueued: 2 });
    await waitUntil(
      () => fixture.servers[0].requests.filter((request) => request.path === good.path).length === 2,
      10_000,
      'the good source to be fetched again',
    );
    await waitUntil(
      () => fixture.servers[0].requests.filter((request) => request.path === gone.path).length === 2,
      10_000,
      'the gone source to be fetched again',
    );
  });
  it('two schedulers ticking at once (on their own connections, like two machines) add each due source once', async ({
    expect,
    onTestFinished,
  }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 2, sourcesPerHost: 10 });
    const ticksRun = [0, 0];
    for (const [index, name] of ['scheduler-a', 'scheduler-b'].entries()) {
      const redis = createServiceRedis(TEST_REDIS_URL, { log: silentLogger(), name: `${fixture.prefix}:${name}` });
      const queues = openQueues(redis, fixture.prefix);
      // Ticks every 100 ms: faster than a tick runs, so ticks overlap across the two schedulers.
      const scheduler = await startScheduler(
        { db: fixture.database.db, clock: systemClock, log: silentLogger() },
        { redis, prefix: fixture.prefix, queues, everyMs: 100, leaseMs: 5_000 },
      );
      scheduler.worker.on('completed', () => {
        ticksRun[index] += 1;
      });
      onTestFinished(async () => {
        await scheduler.close(5_000);
        await queues.close();
        redis.disconnect();
      });
    }
    // Both schedulers run ticks, many of them; every tick sees all 20 sources due (no worker takes them).
    await waitUntil(() => Math.min(...ticksRun) >= 3, 20_000, 'both schedulers to run ticks');

    expect(await fixture.queues.refresh.getWaitingCount()).toBe(20);
    const events = await fixture.redis.xrange(`${fixture.prefix}:refresh:events`, '-', '+');
    const added = events.filter(([, fields]) => fields[0] === 'event' && fields[1] === 'added');
    expect(added).toHaveLength(20);
    // Hosts alternate in the queue, so the first jobs workers take are for different hosts.
    const firstTwo = await fixture.queues.refresh.getWaiting(0, 1);
    expect(new Set(firstTwo.map((job) => job.data.host)).size).toBe(2);
  });

  it('interleaves hosts', ({ expect }) => {
    const sources = ['a/1', 'a/2', 'a/3', 'b/1', 'c/1', 'c/2'].map((path) => ({ url: `https://${path.replace('/', '.test/')}` }));
    expect(interleaveByHost(sources).map((source) => source.url)).toEqual([
      'https://a.test/1',
      'https://b.test/1',
      'https://c.test/1',
      'https://a.test/2',
      'https://c.test/2',
      'https://a.test/3',
    ]);
  });
});

describe.concurrent('refresh worker: retries, permanent failures, hosts', () => {
  it('retries a transient failure 3 times, gives up at once on a permanent one, and records both on the source', async ({
    expect,
    onTestFinished,
  }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 1, sourcesPerHost: 2 });
    const [flaky, gone] = fixture.sources;
    fixture.servers[0].status(flaky.path, 503);
    fixture.servers[0].status(gone.path, 410);
    startWorker(fixture, onTestFinished);
    await enqueueDueSources(deps(fixture), fixture.queues.refresh);

    const jobState = (id: string) => fixture.queues.refresh.getJobState(toRefreshJobId(id));
    await waitUntil(
      async () => (await jobState(flaky.id)) === 'failed' && (await jobState(gone.id)) === 'failed',
      15_000,
      'both jobs to fail',
    );
    const requestsTo = (path: string) => fixture.servers[0].requests.filter((request) => request.path === path).length;
    expect(requestsTo(flaky.path)).toBe(3);
    expect(requestsTo(gone.path)).toBe(1);
    const flakyJob = await fixture.queues.refresh.getJob(toRefreshJobId(flaky.id));
    expect(flakyJob?.attemptsMade).toBe(3);
    expect(flakyJob?.failedReason).toMatch(/HTTP_STATUS/);

    const rows = await fixture.database.db.selectFrom('sources').select(['id', 'last_status', 'error_count']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: flaky.id, last_status: 'HTTP_STATUS', error_count: 3 },
      { id: gone.id, last_status: 'HTTP_STATUS', error_count: 1 },
    ]);
  });

  it('pauses only the host that answered 429, until its Retry-After', async ({ expect, onTestFinished }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 2, sourcesPerHost: 4, delayMs: 100 });
    const [limited, limitedServer, otherServer] = [fixture.sources[0], fixture.servers[0], fixture.servers[1]];
    let answered429 = false;
    limitedServer.route(limited.path, (_request, response) => {
      if (answered429) {
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(sampleRss());
        return;
      }
      answered429 = true;
      response.writeHead(429, { 'retry-after': '3', 'content-type': 'text/plain' }).end('slow down');
    });
    startWorker(fixture, onTestFinished, { hostConcurrency: 2 });
    await enqueueDueSources(deps(fixture), fixture.queues.refresh);
    await waitUntil(async () => (await fixture.countRefreshed()) === 8, 20_000, 'every source refreshed');

    const first429 = limitedServer.requests.find((request) => request.path === limited.path);
    // The pause starts once the worker has stored the 429 (a few ms, more on a loaded machine) and lasts 3 s.
    const pausedFrom = (first429?.endedAt ?? 0) + 1_000;
    const pausedUntil = (first429?.endedAt ?? 0) + 2_800;
    // Host A: nothing started during the pause; host B: everything done meanwhile.
    expect(limitedServer.requests.filter((request) => request.at > pausedFrom && request.at < pausedUntil)).toEqual([]);
    expect(otherServer.requests.every((request) => (request.endedAt ?? Infinity) < pausedUntil)).toBe(true);
    // The rate-limited source itself came back after the pause.
    const retried = limitedServer.requests.filter((request) => request.path === limited.path);
    expect(retried).toHaveLength(2);
    expect(retried[1].at).toBeGreaterThanOrEqual(pausedUntil);
  });

  it('frees a host slot held by a worker that died once its lease expires', async ({ expect, onTestFinished }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 1, sourcesPerHost: 1 });
    const limiter = createHostLimiter(fixture.redis, { prefix: fixture.prefix, limit: 2, leaseMs: 1_500 });
    const first = await limiter.acquire('feeds.test', 'dead-1');
    const second = await limiter.acquire('feeds.test', 'alive-2');
    expect([first.acquired, second.acquired]).toEqual([true, true]);
    expect(await limiter.acquire('feeds.test', 'third')).toMatchObject({ acquired: false, reason: 'full' });
    expect((await limiter.acquire('other.test', 'elsewhere')).acquired).toBe(true);

    // "alive-2" renews its lease, "dead-1" never does.
    await new Promise((resolve) => setTimeout(resolve, 800));
    if (second.acquired) expect(await second.lease.renew()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(await limiter.countLeases('feeds.test')).toBe(1);
    expect((await limiter.acquire('feeds.test', 'third')).acquired).toBe(true);
    expect(await limiter.acquire('feeds.test', 'fourth')).toMatchObject({ acquired: false, reason: 'full' });
  });
});

describe.concurrent('Redis connections', () => {
  it('a producer fails fast with a clear message when Redis is down', async ({ expect, onTestFinished }) => {
    const startedAt = Date.now();
    await expect(connectProducerRedis('redis://127.0.0.1:1')).rejects.toThrow(
      /^cannot reach Redis at redis:\/\/127\.0\.0\.1:1: is it running\? \(.*ECONNREFUSED/,
    );
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });

  it('the scheduler and the worker refuse to start without REDIS_URL', async ({ expect, onTestFinished }) => {
    for (const command of ['scheduler', 'worker']) {
      const stderr = new PassThrough();
      const code = await main([command], { env: loadEnv({ SIFT_SOURCES: '/nonexistent.yaml' }), stderr });
      expect(code).toBe(1);
      expect(String(stderr.read())).toMatch(new RegExp(`^sift ${command}: REDIS_URL is not set`));
    }
  });
});

describe.concurrent('Redis outages', () => {
  it('a worker waits for Redis to come up, and carries on after Redis restarts mid-run', async ({ expect, onTestFinished }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 2, sourcesPerHost: 6, delayMs: 300 });
    const port = await findFreePort();
    const url = `redis://127.0.0.1:${port}`;
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sift-redis-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));

    // The worker starts first: nothing listens on the port yet.
    const redis = createServiceRedis(url, { log: silentLogger(), name: `${fixture.prefix}:worker` });
    const refreshDeps = {
      db: fixture.database.db,
      log: silentLogger(),
      clock: systemClock,
      fetch: globalThis.fetch,
      config: fixture.config,
    };
    const worker = startRefreshWorker(refreshDeps, {
      redis,
      prefix: fixture.prefix,
      concurrency: 4,
      hostConcurrency: 2,
      leaseMs: 5_000,
      hostBusyDelayMs: 100,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    let server = await startPrivateRedis(port, dataDir);
    onTestFinished(async () => {
      await worker.close(5_000);
      redis.disconnect();
      await stopPrivateRedis(server);
    });

    const producer = await connectProducerRedis(url);
    const queues = openQueues(producer, fixture.prefix);
    await enqueueDueSources(deps(fixture), queues.refresh);
    await queues.close();
    producer.disconnect();
    await waitUntil(async () => (await fixture.countRefreshed()) >= 2, 20_000, 'the worker to start once Redis is up');

    // Restart Redis (AOF on, like the compose file) while jobs are queued and running.
    await stopPrivateRedis(server);
    await new Promise((resolve) => setTimeout(resolve, 500));
    server = await startPrivateRedis(port, dataDir);
    await waitUntil(async () => (await fixture.countRefreshed()) === 12, 30_000, 'every source refreshed after the restart');
    const okFetches = await fixture.database.db.selectFrom('fetches').select('source_id').where('outcome', '=', 'ok').execute();
    expect(okFetches).toHaveLength(12);
  });
});

describe.concurrent('ops routes and dashboard', () => {
  it('report liveness, readiness of Postgres and Redis, and queue and backoff gauges', async ({ expect, onTestFinished }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 1, sourcesPerHost: 3 });
    await fixture.database.db.updateTable('sources').set({ error_count: 2 }).where('id', '=', fixture.sources[0].id).execute();
    await enqueueDueSources(deps(fixture), fixture.queues.refresh);
    const metrics = createMetrics({ db: fixture.database.db, queues: [fixture.queues.refresh], processMetrics: false });
    const app = Fastify();
    registerOpsRoutes(app, { db: fixture.database.db, redis: fixture.redis, metrics });
    onTestFinished(() => app.close());

    expect((await app.inject('/healthz')).statusCode).toBe(200);
    const ready = await app.inject('/readyz');
    expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ready', checks: { postgres: 'ok', redis: 'ok' } }]);
    const scraped = await app.inject('/metrics');
    expect(scraped.headers['content-type']).toMatch(/^text\/plain/);
    expect(scraped.body).toContain('sift_queue_jobs{queue="refresh",state="waiting"} 3');
    expect(scraped.body).toContain('sift_sources_in_backoff 1');

    const downRedis = createServiceRedis('redis://127.0.0.1:1', { log: silentLogger() });
    onTestFinished(() => downRedis.disconnect());
    const downApp = Fastify();
    registerOpsRoutes(downApp, { db: fixture.database.db, redis: downRedis, metrics });
    onTestFinished(() => downApp.close());
    const notReady = await downApp.inject('/readyz');
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().checks).toMatchObject({ postgres: 'ok', redis: expect.stringMatching(/^not connected/) });
    expect((await downApp.inject('/healthz')).statusCode).toBe(200);
  });

  it('mounts the queue dashboard under its base path', async ({ expect, onTestFinished }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 1, sourcesPerHost: 1 });
    const app = Fastify();
    await registerQueueDashboard(app, { queues: [fixture.queues.refresh, fixture.queues.scheduler], basePath: '/admin/queues' });
    onTestFinished(() => app.close());
    const page = await app.inject('/admin/queues');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<html/i);
    const api = await app.inject('/admin/queues/api/queues');
    expect(api.statusCode).toBe(200);
    expect(
      api
        .json()
        .queues.map((queue: { name: string }) => queue.name)
        .sort(),
    ).toEqual(['refresh', 'scheduler']);
  });
});

async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A Redis of the test's own (the shared one must not be restarted), persisting to AOF in `dir`. */
async function startPrivateRedis(port: number, dir: string): Promise<ChildProcess> {
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
    { stdio: 'ignore' },
  );
  const failed = new Promise<never>((_resolve, reject) => server.once('error', reject));
  const probe = async () => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      try {
        const client = await connectProducerRedis(`redis://127.0.0.1:${port}`, { connectTimeoutMs: 500 });
        client.disconnect();
        return server;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100)); // not listening yet: try again
      }
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  return Promise.race([probe(), failed]);
}

async function stopPrivateRedis(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM'); // redis-server saves and exits on SIGTERM
  await exited;
}
