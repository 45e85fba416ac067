import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSources } from '../src/config/load-sources.ts';
import { collectSources } from '../src/queue/collect-sources.ts';
import { createNotModifiedBatch } from '../src/queue/create-not-modified-batch.ts';
import type { RefreshDeps } from '../src/refresh/refresh-source.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { selectDueSources } from '../src/store/sources/select-due-sources.ts';
import { syncSources } from '../src/store/sources/sync-sources.ts';
import { countStatements } from './helpers/count-statements.ts';
import { describeEachEngine } from './helpers/db.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';

const IDS = ['one', 'two', 'three'];
const rss = (id: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${id}</title><link>https://${id}.example/</link>
<description>d</description><item><title>Post of ${id}</title><link>https://${id}.example/post</link></item></channel></rss>`;

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  for (const id of IDS) server.serveFeed(`/${id}.xml`, rss(id), { contentType: 'application/rss+xml', etag: `"${id}-v1"` });
});

afterAll(async () => {
  await server.close();
});

function sourcesYaml(): string {
  return `weekly:
  categories:
    - { id: articles, title: Articles, emoji: "🦄", slots: 12 }
sources:
${IDS.map((id) => `  - { id: ${id}, name: "${id}", url: "${server.url(`/${id}.xml`)}", kind: blog, lang: en, category: articles, interval: 1h }\n`).join('')}`;
}

describeEachEngine('a pass of 304s', ({ getDb }) => {
  let deps: RefreshDeps;

  beforeAll(async () => {
    const config = parseSources(sourcesYaml(), 'sources.yaml');
    deps = { db: getDb(), log: silentLogger(), clock: fixedClock('2026-11-25T02:00:00Z'), fetch: globalThis.fetch, config };
    await syncSources(getDb(), config.sources);
    const first = await collectSources(deps, await selectDueSources(deps.db, deps.clock.now()), { concurrency: 4, perHostConcurrency: 4 });
    expect(first).toMatchObject({ ok: 3, notModified: 0, failed: 0 });
  });

  it('reads the rows once and writes every 304 in one statement, with what a single 304 writes', async () => {
    const now = new Date('2026-11-25T03:00:00Z');
    const sources = await selectDueSources(deps.db, now, { all: true });
    const { db, count } = countStatements(getDb());
    const summary = await collectSources({ ...deps, db, clock: fixedClock(now) }, sources, { concurrency: 4, perHostConcurrency: 4 });
    expect(summary).toMatchObject({ sources: 3, ok: 0, notModified: 3, failed: 0 });
    // one SELECT of the three rows, one UPDATE … FROM (VALUES …) with the attempts: not 2 per source
    expect(count()).toBe(2);

    const rows = await getDb()
      .selectFrom('sources')
      .select(['id', 'etag', 'last_status', 'last_fetched_at', 'last_success_at', 'error_count', 'next_check_at'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual(
      ['one', 'three', 'two'].map((id) => ({
        id,
        etag: `"${id}-v1"`,
        last_status: 'not_modified',
        last_fetched_at: now,
        last_success_at: now,
        error_count: 0,
        next_check_at: new Date('2026-11-25T04:00:00Z'),
      })),
    );
    const attempts = await getDb()
      .selectFrom('fetches')
      .select(['source_id', 'outcome', 'http_status', 'bytes', 'started_at'])
      .where('outcome', '=', 'not_modified')
      .orderBy('source_id')
      .execute();
    expect(attempts).toEqual(
      ['one', 'three', 'two'].map((id) => ({ source_id: id, outcome: 'not_modified', http_status: 304, bytes: 0, started_at: now })),
    );
  });

  it('writes a full batch at once and the rest on flush', async () => {
    const { db, count } = countStatements(getDb());
    const batch = createNotModifiedBatch({ db, log: silentLogger() }, 2);
    const now = new Date('2026-11-25T05:00:00Z');
    for (const sourceId of IDS)
      batch.add({
        sourceId,
        state: {
          now,
          etag: '"v2"',
          lastModified: 'Wed, 25 Nov 2026 05:00:00 GMT',
          nextCheckAt: now,
          fetch: { started_at: now, http_status: 304, bytes: 0, duration_ms: 1 },
        },
      });
    expect(count()).toBe(1);
    await batch.flush();
    expect(count()).toBe(2);
    const rows = await getDb().selectFrom('sources').select(['etag', 'last_modified', 'last_fetched_at']).distinct().execute();
    expect(rows).toEqual([{ etag: '"v2"', last_modified: 'Wed, 25 Nov 2026 05:00:00 GMT', last_fetched_at: now }]);
  });
});
