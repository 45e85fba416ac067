import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSources } from '../src/config/load-sources.ts';
import { collectSources } from '../src/queue/collect-sources.ts';
import { selectDueSources } from '../src/store/sources/select-due-sources.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { syncSources } from '../src/store/sources/sync-sources.ts';
import { describeEachEngine } from './helpers/db.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';

const SOURCE_COUNT = 250;
const ITEMS_PER_FEED = 8;
/** Every feed links two of these popular stories, written differently (tracking params, www., http). */
const POPULAR = Array.from({ length: 20 }, (_, index) => `https://popular.example/story-${index}`);

let server: FeedServer;

/** Feed n: its own posts plus two popular stories, each in a spelling of its own. */
function feedXml(n: number): string {
  const own = Array.from({ length: ITEMS_PER_FEED - 2 }, (_, index) => ({
    title: `Post ${index} of feed ${n}`,
    link: `https://feed${n}.example/posts/${index}`,
  }));
  const shared = [POPULAR[n % 20]!, POPULAR[(n * 7 + 3) % 20]!].map((url, index) => ({
    title: `Popular story ${url.split('-').pop()}`,
    link: [url, `${url}/?utm_source=feed${n}`, url.replace('https://', 'http://www.')][(n + index) % 3]!,
  }));
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${n}</title><link>https://feed${n}.example/</link><description>d</description>
${[...own, ...shared].map((item) => `<item><title>${item.title}</title><link>${item.link}</link></item>`).join('\n')}</channel></rss>`;
}

beforeAll(async () => {
  server = await startFeedServer();
  for (let n = 0; n < SOURCE_COUNT; n += 1) server.serveFeed(`/feeds/${n}.xml`, feedXml(n), { etag: `"f${n}"` });
});

afterAll(async () => {
  await server.close();
});

describeEachEngine(`collect over ${SOURCE_COUNT} sources`, ({ getDb }) => {
  it('stores every link once with a sighting per source, and a second pass adds nothing', async () => {
    const sources = Array.from(
      { length: SOURCE_COUNT },
      (_, n) =>
        `  - { id: feed-${n}, name: "Feed ${n}", url: "${server.url(`/feeds/${n}.xml`)}", kind: blog, lang: en, category: articles }\n`,
    ).join('');
    const config = parseSources(
      `weekly:\n  categories:\n    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 12 }\nsources:\n${sources}`,
      'sources.yaml',
    );
    const db = getDb();
    await syncSources(db, config.sources);
    const deps = { db, log: silentLogger(), clock: fixedClock('2026-11-25T12:00:00Z'), fetch: globalThis.fetch, config };

    const first = await collectSources(deps, await selectDueSources(db, deps.clock.now()), { concurrency: 16, perHostConcurrency: 16 });
    expect(first).toMatchObject({ sources: SOURCE_COUNT, ok: SOURCE_COUNT, failed: 0 });
    const ownLinks = SOURCE_COUNT * (ITEMS_PER_FEED - 2);
    expect(first.itemsNew).toBe(ownLinks + POPULAR.length);
    expect(first.sightingsNew).toBe(SOURCE_COUNT * ITEMS_PER_FEED);

    const counts = await db
      .selectFrom('items')
      .select([(eb) => eb.fn.countAll<string>().as('items'), (eb) => eb.fn.count<string>('canonical_url').distinct().as('canonical')])
      .executeTakeFirstOrThrow();
    expect(Number(counts.items)).toBe(ownLinks + POPULAR.length);
    expect(Number(counts.canonical)).toBe(Number(counts.items));
    const popular = await db
      .selectFrom('sightings')
      .innerJoin('items', 'items.id', 'sightings.item_id')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('items.canonical_url', 'like', 'https://popular.example/%')
      .executeTakeFirstOrThrow();
    expect(Number(popular.count)).toBe(SOURCE_COUNT * 2);

    const second = await collectSources(deps, await selectDueSources(db, deps.clock.now(), { all: true }), {
      concurrency: 16,
      perHostConcurrency: 16,
    });
    expect(second).toMatchObject({ sources: SOURCE_COUNT, notModified: SOURCE_COUNT, itemsNew: 0, sightingsNew: 0, failed: 0 });
  });
});
