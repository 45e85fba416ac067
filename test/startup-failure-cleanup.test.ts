import net from 'node:net';
import type { Redis } from 'ioredis';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadEnv } from '../src/config/env.ts';
import type { SiftMetrics } from '../src/observability/create-metrics.ts';
import { startDistributed } from '../src/queue/start-distributed.ts';
import type { CandidateSource } from '../src/review/candidate-source.ts';
import { startReviewServer } from '../src/review/start-review-server.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import type { Db } from '../src/db/database.ts';
import { readReviewConfig, REVIEW_NOW } from './helpers/review-seed.ts';

/** What a start that fails half-way leaves open: the parts it opened before failing are closed, within a bounded time. */

const opened = vi.hoisted(() => ({ closed: [] as string[], queuesNeverClose: false, appFails: false }));

vi.mock('../src/queue/open-queues.ts', () => ({
  openQueues: () => ({
    refresh: {},
    scheduler: {},
    close: () => {
      opened.closed.push('queues');
      // a Redis that went away: BullMQ's close waits for it
      return opened.queuesNeverClose ? new Promise<void>(() => {}) : Promise.resolve();
    },
  }),
}));
vi.mock('../src/draft/read-llm-settings.ts', () => ({ readLlmSettings: () => ({ url: 'http://127.0.0.1:1/v1', model: 'm' }) }));
vi.mock('../src/draft/create-drafter.ts', () => ({
  createDrafter: async () => ({ close: async () => void opened.closed.push('drafter') }),
}));
vi.mock('../src/review/create-review-app.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/review/create-review-app.ts')>()),
  createReviewApp: async () => {
    throw new Error('the queue dashboard could not be mounted');
  },
}));

beforeEach(() => {
  opened.closed.length = 0;
  opened.queuesNeverClose = false;
});

describe('a start that fails half-way', () => {
  it('startReviewServer closes the drafter and the queues it opened when the app cannot be built', async () => {
    const config = readReviewConfig();
    const deps = { db: {} as Db, log: silentLogger(), clock: fixedClock(REVIEW_NOW), fetch: globalThis.fetch, config, env: loadEnv({}) };
    const candidates = {} as CandidateSource;
    await expect(
      startReviewServer(deps, { port: 0, host: '127.0.0.1', candidates, redis: {} as Redis, metrics: {} as SiftMetrics }),
    ).rejects.toThrow('the queue dashboard could not be mounted');
    expect(opened.closed.sort()).toEqual(['drafter', 'queues']);
  });

  it('startDistributed gives up on closing queues that do not close, as its close() does', async () => {
    opened.queuesNeverClose = true;
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (taken.address() as net.AddressInfo).port;
      const started = performance.now();
      const starting = startDistributed(
        { db: {} as Db, log: silentLogger(), clock: fixedClock(REVIEW_NOW), fetch: globalThis.fetch, config: readReviewConfig() },
        {
          redisUrl: 'redis://127.0.0.1:1',
          prefix: 'sift-startup-failure',
          concurrency: 1,
          hostConcurrency: 1,
          tickMs: 1_000,
          leaseMs: 1_000,
          metrics: { queues: [] } as unknown as SiftMetrics,
          ops: { port, host: '127.0.0.1' },
        },
      );
      await expect(starting).rejects.toMatchObject({ code: 'OPS_PORT_IN_USE' });
      expect(opened.closed).toEqual(['queues']);
      expect(performance.now() - started).toBeLessThan(4_000);
    } finally {
      taken.close();
    }
  }, 10_000);
});
