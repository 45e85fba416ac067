import { expect, it } from 'vitest';
import { parseSources } from '../src/config/load-sources.ts';
import { syncSources } from '../src/store/sources/sync-sources.ts';
import { describeEachEngine } from './helpers/db.ts';

const header = `weekly:
  categories:
    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 12 }
    - { id: projects, title: 项目&资源, emoji: "🐿️", slots: 12 }
sources:
`;
const source = (id: string, url: string, extra = '') =>
  `  - { id: ${id}, name: ${id.toUpperCase()}, url: "${url}", kind: blog, lang: en, category: articles${extra} }\n`;

describeEachEngine('syncSources', ({ getDb }) => {
  it('adds new sources, updates changed ones, disables removed ones and keeps their history', async () => {
    const db = getDb();
    const first = parseSources(header + source('a', 'https://a.test/feed') + source('b', 'https://b.test/feed'), 'sources.yaml');
    expect(await syncSources(db, first.sources)).toEqual({ added: 2, updated: 0, disabled: 0 });
    expect(await syncSources(db, first.sources)).toEqual({ added: 0, updated: 0, disabled: 0 });

    await db.updateTable('sources').set({ etag: '"v1"', error_count: 3 }).where('id', '=', 'a').execute();
    const second = parseSources(
      header + source('a', 'https://a.test/feed', ', weight: 2') + source('c', 'https://c.test/feed'),
      'sources.yaml',
    );
    expect(await syncSources(db, second.sources)).toEqual({ added: 1, updated: 1, disabled: 1 });

    const rows = await db.selectFrom('sources').select(['id', 'enabled', 'weight', 'etag', 'error_count']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'a', enabled: true, weight: 2, etag: '"v1"', error_count: 3 },
      { id: 'b', enabled: false, weight: 1, etag: null, error_count: 0 },
      { id: 'c', enabled: true, weight: 1, etag: null, error_count: 0 },
    ]);
  });

  it('starts a source afresh when its URL changes', async () => {
    const db = getDb();
    const moved = parseSources(
      header + source('a', 'https://a.test/new-feed', ', weight: 2') + source('c', 'https://c.test/feed'),
      'sources.yaml',
    );
    await syncSources(db, moved.sources);
    const row = await db.selectFrom('sources').select(['url', 'etag', 'error_count']).where('id', '=', 'a').executeTakeFirstOrThrow();
    expect(row).toEqual({ url: 'https://a.test/new-feed', etag: null, error_count: 0 });
  });

  it('adds thousands of sources at once (more than one statement can bind)', async () => {
    const db = getDb();
    const many = parseSources(
      header + Array.from({ length: 6_000 }, (_, n) => source(`bulk-${n}`, `https://bulk.test/${n}.xml`)).join(''),
      'sources.yaml',
    );
    const result = await syncSources(db, many.sources);
    expect(result.added).toBe(6_000);
    const count = await db
      .selectFrom('sources')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('id', 'like', 'bulk-%')
      .executeTakeFirstOrThrow();
    expect(Number(count.count)).toBe(6_000);
  });
});
