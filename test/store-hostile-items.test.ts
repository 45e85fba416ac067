import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSources } from '../src/config/load-sources.ts';
import { refreshSource, type RefreshDeps } from '../src/refresh/refresh-source.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { matchAnyUrl, matchUrl } from '../src/store/match-url.ts';
import { syncSources } from '../src/store/sources/sync-sources.ts';
import { captureLogs } from './helpers/capture-logs.ts';
import { describeEachEngine } from './helpers/db.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';

/** A link of about 3 KB that does not compress (a repeated one would fit a btree entry, which holds at most about 2.7 KB). */
const LONG_LINK = `https://long.example/search?q=${Array.from({ length: 48 }, (_, index) => createHash('sha256').update(String(index)).digest('hex')).join('')}`;
const POISON = 'Poisoned title';

const rss = (items: Array<{ title: string; link: string }>) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Blog</title><link>https://blog.example/</link><description>d</description>
${items.map((item) => `<item><title>${item.title}</title><link>${item.link.replaceAll('&', '&amp;')}</link><pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate></item>`).join('\n')}
</channel></rss>`;

let server: FeedServer;

function serveFeeds(): void {
  server.serveFeed(
    '/long.xml',
    rss([
      { title: 'Good one', link: 'https://blog.example/one' },
      { title: 'Very long link', link: LONG_LINK },
      { title: 'Good two', link: 'https://blog.example/two' },
    ]),
  );
  server.serveFeed(
    '/poison.xml',
    rss([
      { title: 'Fine A', link: 'https://poison.example/a' },
      { title: POISON, link: `https://poison.example/bad?${'x'.repeat(400)}` },
      { title: 'Fine B', link: 'https://poison.example/b' },
    ]),
  );
  // an hnrss-style item whose points do not fit the sightings' integer column
  server.serveFeed(
    '/points.xml',
    `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>HN</title><link>https://news.example/</link><description>d</description>
<item><title>Normal story</title><link>https://news.example/a</link><description>Points: 12 # Comments: 3</description></item>
<item><title>Overflowing story</title><link>https://news.example/b</link><description>Points: 99999999999 # Comments: 3</description></item>
<item><title>Other story</title><link>https://news.example/c</link><description>Points: 40 # Comments: 1</description></item>
</channel></rss>`,
  );
  server.serveFeed('/crash.xml', rss([{ title: 'Never half-stored', link: 'https://crash.example/a' }]));
}

/** One bad item never loses a source: long links are stored, an item that cannot be stored is skipped and named, the rest stored. */
describeEachEngine('storing hostile items', ({ getDb }) => {
  const clock = fixedClock('2026-11-25T02:00:00Z');
  const captured = captureLogs();
  const logs = captured.lines;
  let deps: RefreshDeps;

  beforeAll(async () => {
    server = await startFeedServer();
    serveFeeds();
    const entry = (id: string, path: string) =>
      `  - { id: ${id}, name: "${id}", url: "${server.url(path)}", kind: blog, lang: en, category: articles }\n`;
    const config = parseSources(
      `weekly:
  categories:
    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 12 }
sources:
${entry('long', '/long.xml')}${entry('poison', '/poison.xml')}${entry('points', '/points.xml')}${entry('crash', '/crash.xml')}`,
      'sources.yaml',
    );
    deps = { db: getDb(), log: captured.log, clock, fetch: globalThis.fetch, config };
    await syncSources(getDb(), config.sources);
  });

  afterAll(async () => {
    await server.close();
  });

  it('stores an item with a 3 KB link beside the others, and finds it again on the next refresh', async () => {
    const first = await refreshSource(deps, 'long');
    expect(first).toMatchObject({ status: 'ok', itemsFound: 3, itemsNew: 3 });
    const stored = await deps.db
      .selectFrom('items')
      .select(['canonical_url', 'title'])
      .where('canonical_url', 'like', 'https://long.example/%')
      .execute();
    expect(stored).toEqual([{ canonical_url: LONG_LINK, title: 'Very long link' }]);

    server.serveFeed(
      '/long.xml',
      rss([
        { title: 'Very long link again', link: LONG_LINK },
        { title: 'Good three', link: 'https://blog.example/three' },
      ]),
    );
    const second = await refreshSource(deps, 'long');
    expect(second).toMatchObject({ status: 'ok', itemsFound: 2, itemsNew: 1, sightingsNew: 1 });
    const count = await deps.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('canonical_url', '=', LONG_LINK)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('keeps canonical URLs unique and looked up through an index', async () => {
    await expect(
      deps.db
        .insertInto('items')
        .values({ url: LONG_LINK, canonical_url: LONG_LINK, title: 'duplicate', first_seen_at: clock.now() })
        .execute(),
    ).rejects.toThrow(/duplicate key/);
    await sql`set enable_seqscan = off`.execute(deps.db);
    try {
      // as the store says them (src/store/match-url.ts): the unique md5 index is the only one
      const plan = await sql<Record<string, string>>`explain select id from items where ${matchUrl('canonical_url', LONG_LINK)}`.execute(
        deps.db,
      );
      expect(plan.rows.map((row) => Object.values(row)[0]).join('\n')).toMatch(/Index.* items_canonical_url_md5_key/);
      const inPlan = await sql<
        Record<string, string>
      >`explain select id from items where ${matchAnyUrl('canonical_url', [LONG_LINK, 'https://blog.example/one'])}`.execute(deps.db);
      expect(inPlan.rows.map((row) => Object.values(row)[0]).join('\n')).toMatch(/Index.* items_canonical_url_md5_key/);
    } finally {
      await sql`set enable_seqscan = on`.execute(deps.db);
    }
  });

  it('takes a 3 KB link in published issues and click-through memory', async () => {
    await deps.db
      .insertInto('published')
      .values({ issue_number: 1, section: 'articles', position: 1, title: 'long', url: LONG_LINK, canonical_url: LONG_LINK })
      .execute();
    await deps.db.insertInto('link_redirects').values({ url: LONG_LINK, target_url: 'https://blog.example/one' }).execute();
    const joined = await deps.db
      .selectFrom('published as p')
      .innerJoin('items as i', 'i.canonical_url', 'p.canonical_url')
      .select('i.title')
      .execute();
    expect(joined).toEqual([{ title: 'Very long link' }]); // the first title is kept
  });

  it('skips an item that cannot be stored, names it in the log, and stores the rest', async () => {
    // Stands for any row the database refuses (a limit, a value out of range): the rule applies to whatever fails.
    await sql`alter table items add constraint test_no_poison check (title <> ${sql.lit(POISON)})`.execute(deps.db);
    try {
      const outcome = await refreshSource(deps, 'poison');
      expect(outcome).toMatchObject({ status: 'ok', itemsFound: 3, itemsNew: 2, sightingsNew: 2 });
      const stored = await deps.db
        .selectFrom('items')
        .select('canonical_url')
        .where('canonical_url', 'like', 'https://poison.example/%')
        .orderBy('canonical_url')
        .execute();
      expect(stored.map((row) => row.canonical_url)).toEqual(['https://poison.example/a', 'https://poison.example/b']);
      const skipped = logs.filter((line) => line.msg === 'item skipped: it cannot be stored' && line.sourceId === 'poison');
      expect(skipped).toHaveLength(1);
      expect(skipped[0]).toMatchObject({ sourceId: 'poison', level: 40 });
      expect(String(skipped[0].link)).toMatch(/^https:\/\/poison\.example\/bad\?x+…$/);
      expect(String(skipped[0].link).length).toBeLessThanOrEqual(200);
      expect(String(skipped[0].error)).toMatch(/test_no_poison/);
      const source = await deps.db
        .selectFrom('sources')
        .select(['last_status', 'error_count'])
        .where('id', '=', 'poison')
        .executeTakeFirstOrThrow();
      expect(source).toEqual({ last_status: 'ok', error_count: 0 });
    } finally {
      await sql`alter table items drop constraint test_no_poison`.execute(deps.db);
    }
  });

  it('skips an item whose sighting cannot be stored (points out of range), with its item, and stores the rest', async () => {
    const outcome = await refreshSource(deps, 'points');
    expect(outcome).toMatchObject({ status: 'ok', itemsFound: 3, itemsNew: 2, sightingsNew: 2 });
    const stored = await deps.db
      .selectFrom('items')
      .innerJoin('sightings', 'sightings.item_id', 'items.id')
      .select(['canonical_url', 'points'])
      .where('source_id', '=', 'points')
      .orderBy('canonical_url')
      .execute();
    expect(stored).toEqual([
      { canonical_url: 'https://news.example/a', points: 12 },
      { canonical_url: 'https://news.example/c', points: 40 },
    ]);
    const orphan = await deps.db.selectFrom('items').select('id').where('canonical_url', '=', 'https://news.example/b').execute();
    expect(orphan).toEqual([]);
    const skipped = logs.filter((line) => line.msg === 'item skipped: it cannot be stored' && line.sourceId === 'points');
    expect(skipped.map((line) => line.link)).toEqual(['https://news.example/b']);
    expect(String(skipped[0].error)).toMatch(/out of range/);
  });

  it('leaves no half-written source when storing fails after the items', async () => {
    await sql`create function test_refuse_fetch() returns trigger language plpgsql as $$ begin raise exception 'disk gone'; end $$`.execute(
      deps.db,
    );
    await sql`create trigger test_refuse_fetch before insert on fetches for each row when (new.source_id = 'crash' and new.outcome = 'ok') execute function test_refuse_fetch()`.execute(
      deps.db,
    );
    try {
      const outcome = await refreshSource(deps, 'crash');
      expect(outcome).toMatchObject({ status: 'failed' });
      const items = await deps.db.selectFrom('items').select('id').where('canonical_url', '=', 'https://crash.example/a').execute();
      expect(items).toEqual([]);
    } finally {
      await sql`drop trigger test_refuse_fetch on fetches`.execute(deps.db);
      await sql`drop function test_refuse_fetch()`.execute(deps.db);
    }
  });
});
