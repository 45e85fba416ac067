import { createHash } from 'node:crypto';
import { CompiledQuery, sql, type KyselyPlugin } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { weekWindow } from '../../src/calendar/week.ts';
import type { Db } from '../../src/db/database.ts';
import { makeLinkItem } from '../../src/normalize/make-link-item.ts';
import { addItemByUrl } from '../../src/store/decisions/add-item-by-url.ts';
import { listEarlierPublications } from '../../src/store/issues/list-earlier-publications.ts';
import { listFirstSeenByUrl } from '../../src/store/items/list-first-seen-by-url.ts';
import { listSourcesOfUrl } from '../../src/store/items/list-sources-of-url.ts';
import { loadItemProvenance } from '../../src/store/items/load-item-provenance.ts';
import { loadLinkRedirects } from '../../src/store/link-redirects/load-link-redirects.ts';
import { saveLinkRedirects } from '../../src/store/link-redirects/save-link-redirects.ts';
import { loadRankingRecord } from '../../src/store/ranking/load-ranking-record.ts';
import { loadWeekItems } from '../../src/store/ranking/load-week-items.ts';
import { listSettledPages, loadStoredReadablePage, saveReadablePage } from '../../src/store/pages/readable-pages.ts';
import { upsertItems } from '../../src/store/items/upsert-items.ts';
import { describeEachEngine, seedBlogItems } from '../helpers/db.ts';

/** A link of about 3 KB that does not compress: more than a btree entry holds. */
const LONG_LINK = `https://long.example/search?q=${Array.from({ length: 48 }, (_, index) => createHash('sha256').update(String(index)).digest('hex')).join('')}`;
const SHORT_LINK = 'https://blog.example/one';
const NOW = new Date('2026-11-25T02:00:00Z');

/** The store seen through a plugin that keeps every statement sent through it, as compiled. */
function captureStatements(db: Db): { db: Db; statements: CompiledQuery[] } {
  const statements: CompiledQuery[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      statements.push(db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), statements };
}

/**
 * The plan of each statement with sequential scans, hash and merge joins priced out, so a table is
 * read without an index only when no index can serve the condition: the plan of a lookup on a
 * table of millions of rows, on a table of a few.
 */
async function explainWithIndexes(db: Db, statements: readonly CompiledQuery[]): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    for (const setting of ['enable_seqscan', 'enable_hashjoin', 'enable_mergejoin']) {
      await trx.executeQuery(CompiledQuery.raw(`set local ${setting} = off`));
    }
    const plans: string[] = [];
    for (const statement of statements) {
      const plan = await trx.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain ${statement.sql}`, [...statement.parameters]));
      plans.push(
        plan.rows
          .map((row) => Object.values(row)[0])
          .join('\n')
          .replaceAll(LONG_LINK, '<3 KB link>'),
      );
    }
    return plans;
  });
}

/**
 * Links of any length are unique by `md5(url)` (migrations/0006) and, since migrations/0012, that
 * unique index is the only one on `items.canonical_url` and `readable_pages.canonical_url`: every
 * store query that finds rows by canonical URL, or joins on it, must be one that index serves, or
 * it reads the whole table.
 */
describeEachEngine('store/canonical-url lookups', ({ getDb }) => {
  let longItemId = 0;

  beforeAll(async () => {
    const db = getDb();
    [longItemId] = await seedBlogItems(
      db,
      [LONG_LINK, SHORT_LINK].map((url) => ({ url, title: url.slice(0, 40), summary: 'text' })),
      NOW,
    );
    await db.insertInto('issues').values({ number: 47, title: 'Issue 47', pub_date: '2026-11-21', week: '2026-W47' }).execute();
    await db
      .insertInto('published')
      .values({
        issue_number: 47,
        section: 'Articles',
        category: 'articles',
        position: 1,
        title: 'long',
        url: LONG_LINK,
        canonical_url: LONG_LINK,
      })
      .execute();
  });

  const readablePage = { canonicalUrl: LONG_LINK, status: 'ok' as const, errorCode: null, error: null, finalUrl: LONG_LINK };
  const emptyPage = { title: null, byline: null, excerpt: null, text: 'text', html: null, leadImageUrl: null, siteName: null, lang: 'en' };
  const lookups: Array<{ name: string; index: string; table: string; run: (db: Db) => Promise<unknown> }> = [
    {
      name: 'upsertItems, every row already stored (conflict target and the read of the ids)',
      index: 'items_canonical_url_md5_key',
      table: 'items',
      run: (db) =>
        db
          .transaction()
          .execute((trx) =>
            upsertItems(trx, [makeLinkItem({ url: LONG_LINK, canonicalUrl: LONG_LINK, title: 'again', summary: 'text', lang: 'en' })], NOW),
          ),
    },
    {
      name: 'addItemByUrl',
      index: 'items_canonical_url_md5_key',
      table: 'items',
      run: (db) => addItemByUrl(db, { week: '2026-W48', url: LONG_LINK, decidedBy: 'test', now: NOW }),
    },
    {
      name: 'listFirstSeenByUrl',
      index: 'items_canonical_url_md5_key',
      table: 'items',
      run: (db) => listFirstSeenByUrl(db, [LONG_LINK, SHORT_LINK]),
    },
    { name: 'listSourcesOfUrl', index: 'items_canonical_url_md5_key', table: 'items', run: (db) => listSourcesOfUrl(db, LONG_LINK) },
    {
      name: 'loadRankingRecord (published links joined to their items)',
      index: 'items_canonical_url_md5_key',
      table: 'items',
      run: (db) => loadRankingRecord(db, { since: new Date('2026-01-01T00:00:00Z') }),
    },
    {
      name: 'loadWeekItems (the week items joined to their published links)',
      index: 'items_canonical_url_md5_key',
      table: 'items',
      run: (db) => loadWeekItems(db, weekWindow('2026-W48')),
    },
    {
      name: 'saveReadablePage (the previous attempts and the conflict target)',
      index: 'readable_pages_canonical_url_md5_key',
      table: 'readable_pages',
      run: (db) => saveReadablePage(db, { ...readablePage, ...emptyPage, github: null, fetchedAt: NOW }, () => 0),
    },
    {
      name: 'loadStoredReadablePage',
      index: 'readable_pages_canonical_url_md5_key',
      table: 'readable_pages',
      run: (db) => loadStoredReadablePage(db, LONG_LINK),
    },
    {
      name: 'listSettledPages',
      index: 'readable_pages_canonical_url_md5_key',
      table: 'readable_pages',
      run: (db) => listSettledPages(db, [LONG_LINK, SHORT_LINK], NOW),
    },
    {
      name: 'saveLinkRedirects',
      index: 'link_redirects_url_md5_key',
      table: 'link_redirects',
      run: (db) => saveLinkRedirects(db, [{ url: LONG_LINK, target_url: SHORT_LINK, resolved_at: NOW }]),
    },
    {
      name: 'loadLinkRedirects',
      index: 'link_redirects_url_md5_key',
      table: 'link_redirects',
      run: (db) => loadLinkRedirects(db, [LONG_LINK, SHORT_LINK]),
    },
    {
      name: 'loadItemProvenance (the issues that printed the link)',
      index: 'published_canonical_idx',
      table: 'published',
      run: (db) => loadItemProvenance(db, longItemId),
    },
    {
      name: 'listEarlierPublications',
      index: 'published_canonical_idx',
      table: 'published',
      run: (db) => listEarlierPublications(db, [LONG_LINK, SHORT_LINK], 48),
    },
  ];

  for (const { name, index, table, run } of lookups) {
    it(`${name}: through ${index}, never a sequential scan of ${table}`, async () => {
      const { db, statements } = captureStatements(getDb());
      await run(db);
      const plans = await explainWithIndexes(getDb(), statements);
      expect(plans.join('\n')).toContain(index);
      for (const plan of plans) expect(plan).not.toMatch(new RegExp(`Seq Scan on ${table}\\b`));
    });
  }

  it('keeps one index on each canonical URL column of items and readable_pages: the unique md5 one', async () => {
    const db = getDb();
    const indexes = await sql<{ tablename: string; indexname: string }>`select tablename, indexname from pg_indexes
      where tablename in ('items', 'readable_pages') and indexdef like '%canonical_url%' order by indexname`.execute(db);
    expect(indexes.rows).toEqual([
      { tablename: 'items', indexname: 'items_canonical_url_md5_key' },
      { tablename: 'readable_pages', indexname: 'readable_pages_canonical_url_md5_key' },
    ]);
  });
});
