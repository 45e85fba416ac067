import { describe, it, type ExpectStatic } from 'vitest';
import { collectSources } from '../src/queue/collect-sources.ts';
import { enqueueDueSources } from '../src/queue/enqueue-due-sources.ts';
import { selectDueSources } from '../src/store/sources/select-due-sources.ts';
import { systemClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { syncSources } from '../src/store/sources/sync-sources.ts';
import type { SiftProcess } from './helpers/child-process.ts';
import { createTestDatabase } from './helpers/db.ts';
import { readStored, useDistributedFixture, type DistributedFixture } from './helpers/distributed-fixture.ts';

/*
 * Real `sift scheduler` / `sift worker` child processes on real Postgres and Redis. The scenarios
 * run concurrently (each with its own database, queue prefix and feed servers): most of their time
 * is spent waiting on processes and slow feeds, not on the CPU.
 */

const inFlightPaths = (current: DistributedFixture) =>
  current.servers.flatMap((server) => server.requests.filter((request) => request.endedAt === undefined).map((request) => request.path));
const requestCount = (current: DistributedFixture) => current.servers.reduce((sum, server) => sum + server.requests.length, 0);
const requestsTo = (current: DistributedFixture, path: string) =>
  current.servers.flatMap((server) => server.requests).filter((request) => request.path === path).length;
const enqueue = (current: DistributedFixture) => enqueueDueSources({ db: current.database.db, clock: systemClock }, current.queues.refresh);

/** One `ok` fetch per source, and items/sightings exactly those of the feeds: nothing was stored twice. */
async function expectStoredOnce(expect: ExpectStatic, current: DistributedFixture): Promise<void> {
  const okFetches = await current.database.db.selectFrom('fetches').select('source_id').where('outcome', '=', 'ok').execute();
  expect(okFetches.map((row) => row.source_id).sort()).toEqual(current.sources.map((source) => source.id).sort());
  const stored = await readStored(current.database);
  expect(stored.items).toHaveLength(new Set(current.sources.flatMap((source) => source.links)).size);
  expect(stored.sightings).toHaveLength(current.sources.reduce((sum, source) => sum + source.links.length, 0));
}

/** `ok` refreshes counted by a worker's own /metrics. */
async function scrapeOkCount(worker: SiftProcess): Promise<number> {
  const text = await (await fetch(`${await worker.opsAddress()}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('sift_fetch_outcomes_total{') && line.includes('outcome="ok"'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/** SIGTERM and the exit codes: a clean shutdown is part of every scenario. */
async function stopAll(processes: SiftProcess[]): Promise<Array<{ code: number | null; signal: NodeJS.Signals | null }>> {
  for (const proc of processes) proc.kill('SIGTERM');
  return Promise.all(processes.map((proc) => proc.exited));
}

describe.concurrent('distributed mode across processes', () => {
  it('a scheduler and two workers refresh 200 sources once each, at most K per host, storing what an in-process collect stores', async ({
    expect,
    onTestFinished,
  }) => {
    // 8 hosts × 25 slow-ish feeds, K = 2 per host, 2 × 8 job slots. A long lease: this is the
    // normal path, where no job may ever run twice.
    const fixture = await useDistributedFixture(
      { onTestFinished },
      { hosts: 8, sourcesPerHost: 25, delayMs: 150, env: { SIFT_HOST_CONCURRENCY: '2', SIFT_WORKER_LEASE_MS: '15000' } },
    );
    // one worker parses on its main thread, the other on a parse thread: the stored rows must not tell them apart
    const workers = [
      fixture.spawn('worker-1', ['worker', '--concurrency', '8', '--parse-threads', '0']),
      fixture.spawn('worker-2', ['worker', '--concurrency', '8', '--parse-threads', '1']),
    ];
    const scheduler = fixture.spawn('scheduler', ['scheduler']);
    await fixture.waitUntil(async () => (await fixture.countRefreshed()) === 200, 90_000, 'all 200 sources refreshed');

    // Each feed fetched exactly once: no source was queued twice or run by both workers.
    const fetchedPaths = fixture.servers.flatMap((server) => server.requests.map((request) => request.path));
    expect(fetchedPaths).toHaveLength(200);
    expect(new Set(fetchedPaths).size).toBe(200);
    // The per-host limit held across both workers (16 slots could have put up to 16 on one host),
    // and was reached on every host.
    expect(fixture.servers.map((server) => server.concurrency().max)).toEqual(Array(8).fill(2));
    // Both workers took part, as their own metrics say.
    const okByWorker = await Promise.all(workers.map(scrapeOkCount));
    expect(okByWorker[0] + okByWorker[1]).toBe(200);
    expect(Math.min(...okByWorker)).toBeGreaterThan(0);

    // The same sources collected in-process into a second fresh database give the same rows.
    const reference = await createTestDatabase('postgres');
    onTestFinished(() => reference.drop());
    await syncSources(reference.db, fixture.config.sources);
    const deps = { db: reference.db, log: silentLogger(), clock: systemClock, fetch: globalThis.fetch, config: fixture.config };
    const summary = await collectSources(deps, await selectDueSources(reference.db, new Date()), {
      concurrency: 16,
      perHostConcurrency: 2,
    });
    expect(summary.ok).toBe(200);
    const distributed = await readStored(fixture.database);
    expect(distributed).toEqual(await readStored(reference));
    // Neighbouring feeds share links: 200 feeds × 3 links are 202 items and 600 sightings.
    expect([distributed.items.length, distributed.sightings.length]).toEqual([202, 600]);

    expect(await stopAll([...workers, scheduler])).toEqual(Array(3).fill({ code: 0, signal: null }));
  }, 150_000);

  it('a worker killed with SIGKILL mid-fetch loses nothing: a second worker finishes, nothing is stored twice', async ({
    expect,
    onTestFinished,
  }) => {
    const fixture = await useDistributedFixture(
      { onTestFinished },
      { hosts: 3, sourcesPerHost: 4, delayMs: 2_500, env: { SIFT_HOST_CONCURRENCY: '4', SIFT_WORKER_LEASE_MS: '4000' } },
    );
    await enqueue(fixture);
    const first = fixture.spawn('worker-1', ['worker', '--concurrency', '12']);
    await fixture.waitUntil(() => inFlightPaths(fixture).length >= 3, 90_000, 'the first worker to be mid-fetch');
    const killedPaths = inFlightPaths(fixture);
    first.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const second = fixture.spawn('worker-2', ['worker', '--concurrency', '12']);
    await fixture.waitUntil(async () => (await fixture.countRefreshed()) === 12, 90_000, 'every source refreshed by the second worker');
    await expectStoredOnce(expect, fixture);
    // What the killed worker was fetching was fetched again: its jobs were recovered, not lost.
    for (const path of killedPaths) expect(requestsTo(fixture, path), path).toBeGreaterThanOrEqual(2);
    expect(await fixture.queues.refresh.getJobCounts('failed', 'waiting', 'active', 'delayed')).toEqual({
      failed: 0,
      waiting: 0,
      active: 0,
      delayed: 0,
    });
    expect(await stopAll([second])).toEqual([{ code: 0, signal: null }]);
  }, 120_000);

  it('SIGTERM lets running jobs finish, takes no new ones and exits 0', async ({ expect, onTestFinished }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 2, sourcesPerHost: 4, delayMs: 3_000 });
    await enqueue(fixture);
    const worker = fixture.spawn('worker', ['worker', '--concurrency', '4']);
    // All four job slots mid-fetch (two per host), so the worker could take nothing else before the signal.
    await fixture.waitUntil(() => inFlightPaths(fixture).length === 4, 90_000, 'four fetches in flight');
    worker.kill('SIGTERM');

    expect(await worker.exited).toEqual({ code: 0, signal: null });
    // The four running jobs finished and stored their sources; no fetch started after the signal.
    expect(requestCount(fixture)).toBe(4);
    expect(await fixture.countRefreshed()).toBe(4);
    // The four others are still queued for the next worker.
    const counts = await fixture.queues.refresh.getJobCounts('waiting', 'delayed', 'active', 'failed');
    expect(counts.waiting + counts.delayed).toBe(4);
    expect([counts.active, counts.failed]).toEqual([0, 0]);
  }, 120_000);

  it('a worker reconnects after its Redis connections are dropped mid-run and finishes the work', async ({ expect, onTestFinished }) => {
    const fixture = await useDistributedFixture(
      { onTestFinished },
      { hosts: 2, sourcesPerHost: 8, delayMs: 300, env: { SIFT_WORKER_LEASE_MS: '5000' } },
    );
    await enqueue(fixture);
    const workers = [fixture.spawn('worker', ['worker', '--concurrency', '4'])];
    await fixture.waitUntil(async () => (await fixture.countRefreshed()) >= 3, 90_000, 'the run to be under way');

    const dropped = await dropConnections(fixture);
    expect(dropped).toBeGreaterThanOrEqual(2); // its command connection and its blocking one
    await fixture.waitUntil(async () => (await fixture.countRefreshed()) === 16, 90_000, 'every source refreshed after the drop');
    await expectStoredOnce(expect, fixture);
    const connections = (await fixture.redis.client('LIST')) as string;
    expect(connections.split('\n').filter((line) => line.includes(`name=${fixture.prefix}:`)).length).toBeGreaterThanOrEqual(2);
    expect(await stopAll(workers)).toEqual([{ code: 0, signal: null }]);
  }, 120_000);
});

/** `CLIENT KILL` every connection named after the fixture's prefix (never other users of the server); returns how many. */
async function dropConnections(current: DistributedFixture): Promise<number> {
  const list = (await current.redis.client('LIST')) as string;
  const ids = list
    .split('\n')
    .filter((line) => line.includes(`name=${current.prefix}:`))
    .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
  for (const id of ids) await current.redis.client('KILL', 'ID', id);
  return ids.length;
}
