import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/config/env.ts';
import { connectProducerRedis } from '../src/queue/connect-redis.ts';
import { createRankCandidateSource } from '../src/review/create-rank-candidate-source.ts';
import { startReviewServer, type ReviewServer } from '../src/review/start-review-server.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { readReviewConfig, REVIEW_NOW } from './helpers/review-seed.ts';

const TOKEN = 'server-test-token';
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** A minimal cookie-keeping client over real HTTP. */
function createClient(base: string) {
  const cookies = new Map<string, string>();
  return async (path: string, init: RequestInit = {}) => {
    const response = await fetch(base + path, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(';')[0]!;
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return response;
  };
}

describe('sift serve wiring (review app + ops routes + queue dashboard)', () => {
  let database: TestDatabase;
  let redis: Redis;
  let server: ReviewServer;
  const prefix = `sift-review-test-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    redis = await connectProducerRedis(REDIS_URL);
    const config = readReviewConfig();
    const clock = fixedClock(REVIEW_NOW);
    const env = loadEnv({ SIFT_QUEUE_PREFIX: prefix });
    server = await startReviewServer(
      { db: database.db, log: silentLogger(), clock, fetch: globalThis.fetch, config, env },
      { port: 0, host: '127.0.0.1', token: TOKEN, candidates: createRankCandidateSource({ db: database.db, config, clock }), redis },
    );
  });

  afterAll(async () => {
    await server?.close();
    // the dashboard's queues leave their meta keys behind
    const keys = (await redis?.keys(`${prefix}:*`)) ?? [];
    if (keys.length > 0) await redis.del(...keys);
    redis?.disconnect();
    await database?.drop();
  });

  it('serves the probes without a login, and the queue dashboard only behind it', async () => {
    const request = createClient(server.address);
    expect((await request('/healthz')).status).toBe(200);
    const ready = await request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { postgres: 'ok', redis: 'ok' } });
    expect((await request('/metrics')).status).toBe(200);

    const dashboard = await request('/admin/queues');
    expect(dashboard.status).toBe(302);
    expect(dashboard.headers.get('location')).toMatch(/^\/login\?next=/);
    expect((await request('/admin/queues/api/queues', { headers: { accept: 'application/json' } })).status).toBe(401);

    const loginPage = await (await request('/login')).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(loginPage)![1]!;
    const login = await request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, token: TOKEN, name: 'ops' }).toString(),
    });
    expect(login.status).toBe(303);
    const signedIn = await request('/admin/queues');
    expect(signedIn.status).toBe(200);
    const dashboardPage = await signedIn.text();
    expect(dashboardPage).toMatch(/bull/i);
    // linked both ways: the dashboard's header back to the board, every page's navigation to the dashboard
    expect(dashboardPage).toContain('"miscLinks":[{"text":"← sift 候选 Board","url":"/"}]');
    expect(await (await request('/sources')).text()).toContain('<a href="/admin/queues" class="queue-link">队列 Queues</a>');
  });

  it('behind a TLS proxy named in SIFT_TRUST_PROXY, sets the session cookie Secure', async () => {
    const config = readReviewConfig();
    const clock = fixedClock(REVIEW_NOW);
    const env = loadEnv({ SIFT_TRUST_PROXY: '127.0.0.1, ::1' });
    const proxied = await startReviewServer(
      { db: database.db, log: silentLogger(), clock, fetch: globalThis.fetch, config, env },
      { port: 0, host: '127.0.0.1', token: TOKEN, candidates: createRankCandidateSource({ db: database.db, config, clock }) },
    );
    try {
      const request = createClient(proxied.address);
      const forwarded = { 'x-forwarded-proto': 'https' };
      const loginPage = await (await request('/login', { headers: forwarded })).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(loginPage)![1]!;
      const login = await request('/login', {
        method: 'POST',
        headers: { ...forwarded, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, token: TOKEN, name: 'ops' }).toString(),
      });
      expect(login.status).toBe(303);
      expect(login.headers.getSetCookie().find((header) => header.startsWith('sift_session='))).toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
    expect(() => loadEnv({ SIFT_TRUST_PROXY: '2' })).toThrow(/SIFT_TRUST_PROXY: expected true, false, or proxy addresses/);
    expect(() => loadEnv({ SIFT_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/"10\.0\.0\.0\/33"/);
    expect(loadEnv({ SIFT_TRUST_PROXY: 'loopback,10.0.0.0/8' }).SIFT_TRUST_PROXY).toBe('loopback,10.0.0.0/8');
    expect(loadEnv({}).SIFT_TRUST_PROXY).toBe(false);
  });

  it('refuses to start on a public address without a token', async () => {
    const config = readReviewConfig();
    const clock = fixedClock(REVIEW_NOW);
    await expect(
      startReviewServer(
        { db: database.db, log: silentLogger(), clock, fetch: globalThis.fetch, config, env: loadEnv({}) },
        { port: 0, host: '0.0.0.0', candidates: createRankCandidateSource({ db: database.db, config, clock }) },
      ),
    ).rejects.toThrow(/SIFT_REVIEW_TOKEN/);
  });
});
