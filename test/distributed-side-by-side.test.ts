import { createServer, type Server } from 'node:net';
import { describe, it } from 'vitest';
import { connectProducerRedis } from '../src/queue/connect-redis.ts';
import { openQueues } from '../src/queue/open-queues.ts';
import type { SiftProcess } from './helpers/child-process.ts';
import { useDistributedFixture, waitUntil } from './helpers/distributed-fixture.ts';
import { createThrowawayRedis, findFreePort } from './helpers/throwaway-redis.ts';

/*
 * Real `sift` processes next to each other on one host, and against a Redis that is unreachable
 * or comes back empty. That Redis is a private `redis-server` per test (never the shared one).
 */

/** A child's start-up (tsx compiles the sources when dist/ is stale) on a busy 2-core machine. */
const STARTUP_MS = 60_000;
/** Between the deadline inside the process and the parent seeing its exit. */
const EXIT_SLACK_MS = 1_000;

const isNotJson = (line: string) => !line.startsWith('[stdout] {') && !line.startsWith('[stderr] {');

/** Holds 127.0.0.1:`port` for the test when it is free (when it is not, someone else already holds it: the same for the test). */
async function holdPort(port: number, onTestFinished: (handler: () => Promise<void>) => void): Promise<void> {
  const server: Server = createServer();
  const isHeld = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (isHeld) onTestFinished(() => new Promise((resolve) => server.close(() => resolve())));
}

/** SIGTERM, then how long the process took to exit and with what. */
async function stopTimed(proc: SiftProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const startedAt = Date.now();
  proc.kill('SIGTERM');
  const exited = await Promise.race([proc.exited, new Promise<undefined>((resolve) => setTimeout(resolve, 20_000))]);
  if (!exited)
    throw new Error(
      `${proc.name} still running 20 s after SIGTERM:\n${[...proc.output, ...proc.logs.map((line) => JSON.stringify(line))].slice(-15).join('\n')}`,
    );
  return { ...exited, ms: Date.now() - startedAt };
}

// One scenario at a time: each starts up to three processes, which on two cores is enough at once.
describe('sift processes side by side on one host', () => {
  it('two workers and a scheduler with SIFT_METRICS_PORT unset all run: the ops port moves to the next free one and says which', async ({
    expect,
    onTestFinished,
  }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 2, sourcesPerHost: 4 });
    await holdPort(9464, onTestFinished); // taken, as by a first worker: every process below must move
    const unset = { SIFT_METRICS_PORT: undefined };
    const processes = [
      fixture.spawn('worker-1', ['worker'], unset),
      fixture.spawn('worker-2', ['worker'], unset),
      fixture.spawn('scheduler', ['scheduler'], unset),
    ];
    await fixture.waitUntil(async () => (await fixture.countRefreshed()) === 8, 2 * STARTUP_MS, 'all 8 sources refreshed');

    const addresses = await Promise.all(processes.map((proc) => proc.opsAddress()));
    expect(new Set(addresses).size).toBe(3);
    for (const address of addresses) {
      expect(Number(new URL(address).port)).not.toBe(9464);
      expect((await fetch(`${address}/healthz`)).status).toBe(200);
    }
    for (const proc of processes) {
      const moved = proc.logs.find((line) => String(line.msg).startsWith('ops server listening on the next free port'));
      expect(moved, proc.name).toMatchObject({ level: 40, takenPort: 9464 });
      expect(proc.output.filter(isNotJson), proc.name).toEqual([]);
    }
    const exits = await Promise.all(processes.map(stopTimed));
    expect(exits.map(({ code, signal }) => ({ code, signal }))).toEqual(Array(3).fill({ code: 0, signal: null }));
  }, 180_000);

  it('an explicitly set SIFT_METRICS_PORT that is taken: one clear line and exit 1, no stack', async ({ expect, onTestFinished }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 1, sourcesPerHost: 1 });
    const port = await findFreePort();
    await holdPort(port, onTestFinished);
    const worker = fixture.spawn('worker', ['worker'], { SIFT_METRICS_PORT: String(port) });
    expect(await worker.exited).toEqual({ code: 1, signal: null });
    expect(worker.output.filter(isNotJson)).toEqual([
      `[stderr] sift worker: SIFT_METRICS_PORT=${port}: 127.0.0.1:${port} is already in use (another sift scheduler or worker on this host?); set another port, 0 for any free one, or leave SIFT_METRICS_PORT unset to take the next free port after 9464`,
    ]);
  }, 120_000);

  it('the scheduler and a worker stop on SIGTERM within SIFT_SHUTDOWN_TIMEOUT_MS while Redis is unreachable', async ({
    expect,
    onTestFinished,
  }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 1, sourcesPerHost: 1 });
    const nowhere = `redis://127.0.0.1:${await findFreePort()}`;
    const env = { REDIS_URL: nowhere, SIFT_SHUTDOWN_TIMEOUT_MS: '3000' };
    const processes = [fixture.spawn('scheduler', ['scheduler'], env), fixture.spawn('worker', ['worker'], env)];
    for (const proc of processes) await proc.waitForLog((line) => line.msg === 'Redis unreachable; waiting for it', STARTUP_MS);
    const exits = await Promise.all(processes.map(stopTimed));
    for (const [index, exit] of exits.entries()) {
      expect({ code: exit.code, signal: exit.signal }, processes[index].name).toEqual({ code: 0, signal: null });
      expect(exit.ms, processes[index].name).toBeLessThan(3_000 + EXIT_SLACK_MS);
    }
  }, 120_000);

  it('sift start with an unreachable REDIS_URL fails at once with one line, as sift serve does', async ({ expect, onTestFinished }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 1, sourcesPerHost: 1 });
    const nowhere = `redis://127.0.0.1:${await findFreePort()}`;
    const start = fixture.spawn('start', ['start', '--port', '0'], { REDIS_URL: nowhere });
    const exited = await Promise.race([start.exited, new Promise<undefined>((resolve) => setTimeout(resolve, STARTUP_MS))]);
    expect(exited, 'sift start still running').toEqual({ code: 1, signal: null });
    expect(start.output.filter(isNotJson)).toEqual([
      expect.stringMatching(new RegExp(`^\\[stderr\\] sift start: cannot reach Redis at ${nowhere}: is it running\\?`)),
    ]);
  }, 120_000);

  it('when Redis comes back empty (restarted without AOF, or flushed) the scheduler schedules again', async ({
    expect,
    onTestFinished,
  }) => {
    const fixture = await useDistributedFixture({ onTestFinished }, { hosts: 1, sourcesPerHost: 3 });
    const redisServer = createThrowawayRedis(await findFreePort());
    onTestFinished(() => redisServer.stop());
    await redisServer.start();
    const scheduler = fixture.spawn('scheduler', ['scheduler'], {
      REDIS_URL: redisServer.url,
      SIFT_SCHEDULER_TICK_MS: '300',
      SIFT_SHUTDOWN_TIMEOUT_MS: '3000',
    });
    // No worker: every due source waits in the queue, so the queue shows whether the scheduler ticks.
    const waitingOnServer = async () => {
      const redis = await connectProducerRedis(redisServer.url);
      const queues = openQueues(redis, fixture.prefix);
      try {
        return await queues.refresh.getWaitingCount();
      } finally {
        await queues.close();
        redis.disconnect();
      }
    };
    await fixture.waitUntil(async () => (await waitingOnServer()) === 3, STARTUP_MS, 'the first ticks to enqueue the 3 due sources');

    await redisServer.stop();
    await scheduler.waitForLog((line) => line.msg === 'Redis unreachable; waiting for it', STARTUP_MS);
    await redisServer.start(); // empty: the schedule and the jobs are gone
    await scheduler.waitForLog((line) => line.msg === 'Redis reachable again', STARTUP_MS);
    await fixture.waitUntil(
      async () => (await waitingOnServer()) === 3,
      STARTUP_MS,
      'the scheduler to enqueue the due sources on the empty Redis',
    );

    const flusher = await connectProducerRedis(redisServer.url);
    await flusher.flushall(); // the throwaway server's own data, nobody else's
    flusher.disconnect();
    await fixture.waitUntil(
      async () => (await waitingOnServer()) === 3,
      STARTUP_MS,
      'the scheduler to enqueue the due sources after FLUSHALL',
    );
    // Both times the schedule itself came back (not only a tick that was running at the FLUSHALL).
    const recreated = () =>
      scheduler.logs.filter((line) => line.msg === 'tick schedule re-created: Redis had lost it (restarted empty or flushed)').length;
    await fixture.waitUntil(() => recreated() === 2, 10_000, 'the schedule to be re-created twice');

    // And down again: SIGTERM while Redis is away still stops it in time.
    await redisServer.stop();
    await scheduler.waitForLog(
      (line) =>
        line.msg === 'Redis unreachable; waiting for it' &&
        scheduler.logs.indexOf(line) > scheduler.logs.findIndex((entry) => entry.msg === 'Redis reachable again'),
      STARTUP_MS,
    );
    const exit = await stopTimed(scheduler);
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(3_000 + EXIT_SLACK_MS);
  }, 180_000);
});
