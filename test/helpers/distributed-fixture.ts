import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { parseSources } from '../../src/config/load-sources.ts';
import type { SourcesConfig } from '../../src/config/schema.ts';
import { connectProducerRedis } from '../../src/queue/connect-redis.ts';
import { openQueues, type SiftQueues } from '../../src/queue/open-queues.ts';
import { syncSources } from '../../src/store/sources/sync-sources.ts';
import { killAll, spawnSift, type SiftProcess } from './child-process.ts';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from './db.ts';
import { startFeedServer, type FeedServer } from './feed-server.ts';

/** The Redis the distributed suite runs on. Missing server = failing tests, never skipped ones. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

export interface FixtureSource {
  id: string;
  /** Index of the feed server ("host") serving it. */
  host: number;
  path: string;
  url: string;
  /** Link numbers in its feed: neighbours share links, so the same item is seen by several sources. */
  links: number[];
}

export interface DistributedFixture {
  /** Random BullMQ key prefix: runs sharing the Redis server never meet. */
  readonly prefix: string;
  readonly database: TestDatabase;
  /** One feed server per simulated host (each its own port, so its own host:port key). */
  readonly servers: FeedServer[];
  readonly sources: FixtureSource[];
  readonly sourcesFile: string;
  readonly config: SourcesConfig;
  /** A producer connection for the test's own inspection of Redis. */
  readonly redis: Redis;
  readonly queues: SiftQueues;
  /** Starts `sift <args>` against this fixture's database, Redis prefix and sources file; `env` on top (undefined unsets a variable). */
  spawn(name: string, args: string[], env?: Record<string, string | undefined>): SiftProcess;
  /** Sources whose last fetch stored content (`last_status` ok). */
  countRefreshed(): Promise<number>;
  /** waitUntil, with the children's latest output in the error when it times out. */
  waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  hosts: number;
  sourcesPerHost: number;
  /** Each feed answers after this long (so workers are caught mid-fetch). */
  delayMs?: number;
  /** Links per feed (default 3). */
  linksPerFeed?: number;
  /** Base environment of every child (overridable per spawn). */
  env?: Record<string, string>;
}

/** An RSS feed whose items link to `https://example.org/post-N`; the title depends on N only, so any store order gives the same rows. */
export function fixtureFeed(title: string, links: number[]): string {
  const items = links
    .map(
      (n) =>
        `<item><title>Post ${n}</title><link>https://example.org/post-${n}</link><guid>post-${n}</guid><description>About post ${n}</description><pubDate>Mon, 24 Nov 2025 08:00:00 GMT</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${title}</title><link>https://example.org/</link><description>fixture</description>\n${items}\n</channel></rss>\n`;
}

/**
 * Everything a distributed test needs, fresh: feed servers, a sources.yaml for them, a migrated
 * Postgres database with the sources synced (so children never race to insert them), and a random
 * queue prefix. `close()` kills children, drops the database and deletes the prefix's Redis keys.
 */
export async function createDistributedFixture(options: FixtureOptions): Promise<DistributedFixture> {
  const prefix = `sift-test-${randomBytes(5).toString('hex')}`;
  const linksPerFeed = options.linksPerFeed ?? 3;
  const servers = await Promise.all(Array.from({ length: options.hosts }, () => startFeedServer()));
  const sources: FixtureSource[] = [];
  servers.forEach((server, host) => {
    for (let index = 0; index < options.sourcesPerHost; index += 1) {
      const number = sources.length;
      const id = `h${host}-s${index}`;
      const feedPath = `/feeds/${id}.xml`;
      const links = Array.from({ length: linksPerFeed }, (_unused, offset) => number + offset);
      server.serveFeed(feedPath, fixtureFeed(`Feed ${id}`, links), { delayMs: options.delayMs });
      sources.push({ id, host, path: feedPath, url: server.url(feedPath), links });
    }
  });
  const yaml = [
    'weekly:',
    '  categories:',
    '    - { id: articles, title: 文章&教程, slots: 12 }',
    'defaults:',
    '  timeout: 15s',
    'sources:',
    ...sources.map(
      (source) => `  - { id: ${source.id}, name: ${source.id}, url: "${source.url}", kind: blog, lang: en, category: articles }`,
    ),
    '',
  ].join('\n');
  const dir = await mkdtemp(path.join(tmpdir(), 'sift-distributed-'));
  const sourcesFile = path.join(dir, 'sources.yaml');
  await writeFile(sourcesFile, yaml);
  const config = parseSources(yaml, sourcesFile);

  const database = await createTestDatabase('postgres');
  await syncSources(database.db, config.sources);
  const redis = await connectProducerRedis(TEST_REDIS_URL);
  const queues = openQueues(redis, prefix);
  const children: SiftProcess[] = [];

  return {
    prefix,
    database,
    servers,
    sources,
    sourcesFile,
    config,
    redis,
    queues,
    spawn(name, args, env = {}) {
      const child = spawnSift(name, args, {
        DATABASE_URL: database.url ?? TEST_DATABASE_URL,
        REDIS_URL: TEST_REDIS_URL,
        SIFT_QUEUE_PREFIX: prefix,
        SIFT_SOURCES: sourcesFile,
        SIFT_DATA_DIR: dir,
        SIFT_METRICS_PORT: '0',
        SIFT_SCHEDULER_TICK_MS: '500',
        SIFT_WORKER_LEASE_MS: '2000',
        ...options.env,
        ...env,
      });
      children.push(child);
      return child;
    },
    async countRefreshed() {
      const row = await database.db
        .selectFrom('sources')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('last_status', '=', 'ok')
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    async waitUntil(check, timeoutMs, what) {
      try {
        await waitUntil(check, timeoutMs, what);
      } catch (error) {
        const tails = children.map(
          (child) =>
            `--- ${child.name} (exit ${child.child.exitCode ?? child.child.signalCode ?? 'running'}):\n${[...child.output.slice(-10), ...child.logs.slice(-10).map((line) => JSON.stringify(line))].join('\n')}`,
        );
        throw new Error(`${(error as Error).message}\n${tails.join('\n')}`, { cause: error });
      }
    },
    async close() {
      await killAll(children);
      await queues.close();
      await deleteKeys(redis, `${prefix}:*`);
      redis.disconnect();
      await Promise.all(servers.map((server) => server.close()));
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Deletes every key matching `pattern` (a test run's prefix), a SCAN page at a time. */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** A fixture closed when the current test ends (concurrent tests each get their own). */
export async function useDistributedFixture(
  context: { onTestFinished(handler: () => Promise<void>): void },
  options: FixtureOptions,
): Promise<DistributedFixture> {
  const fixture = await createDistributedFixture(options);
  context.onTestFinished(() => fixture.close());
  return fixture;
}

/** Polls `check` until it returns true, every 100 ms, for at most `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Items and sightings as comparable rows (ids and times left out: they differ between runs). */
export async function readStored(database: TestDatabase): Promise<{ items: string[]; sightings: string[] }> {
  const items = await database.db
    .selectFrom('items')
    .select(['canonical_url', 'url', 'title', 'summary', 'lang'])
    .orderBy('canonical_url')
    .execute();
  const sightings = await database.db
    .selectFrom('sightings')
    .innerJoin('items', 'items.id', 'sightings.item_id')
    .select(['items.canonical_url', 'sightings.source_id', 'sightings.guid'])
    .orderBy('items.canonical_url')
    .orderBy('sightings.source_id')
    .execute();
  return {
    items: items.map((row) => JSON.stringify(row)),
    sightings: sightings.map((row) => JSON.stringify(row)),
  };
}
