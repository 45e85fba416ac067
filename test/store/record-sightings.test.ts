import { beforeAll, expect, it } from 'vitest';
import type { NewSightingRow } from '../../src/db/tables.ts';
import { recordSightings } from '../../src/store/sightings/record-sightings.ts';
import { describeEachEngine } from '../helpers/db.ts';

/** What a sighting remembers across refreshes: engagement, the newest entry that carried the link, how many did. */
describeEachEngine('recordSightings', ({ getDb }) => {
  let itemId: number;

  beforeAll(async () => {
    const db = getDb();
    await db
      .insertInto('sources')
      .values({
        id: 'trending',
        name: 'Trending',
        url: 'https://trending.example/feed',
        kind: 'trending',
        lang: 'en',
        category: 'projects',
        tags: '[]',
      })
      .execute();
    const { id } = await db
      .insertInto('items')
      .values({
        url: 'https://github.com/a/b',
        canonical_url: 'https://github.com/a/b',
        title: 'a / b',
        published_at: '2026-10-01T00:00:00Z',
        first_seen_at: '2026-10-01T12:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    itemId = Number(id);
  });

  const row = (overrides: Partial<NewSightingRow>): NewSightingRow => ({
    item_id: itemId,
    source_id: 'trending',
    first_seen_at: '2026-10-01T12:00:00Z',
    guid: null,
    points: null,
    comments: null,
    digest_issue_url: null,
    appeared_at: '2026-10-01T00:00:00Z',
    appearances: 1,
    ...overrides,
  });
  const read = () =>
    getDb()
      .selectFrom('sightings')
      .select(['appeared_at', 'appearances', 'points', 'first_seen_at', 'is_late'])
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();
  const record = (overrides: Partial<NewSightingRow>) =>
    getDb()
      .transaction()
      .execute((trx) => recordSightings(trx, [row(overrides)]));

  it('counts each newer entry once, keeps the newest date, and never moves back', async () => {
    expect(await record({ is_late: true })).toBe(1);
    // the same entry on the next fetch: nothing changes
    expect(await record({ first_seen_at: '2026-10-02T12:00:00Z' })).toBe(0);
    expect(await read()).toMatchObject({ appearances: 1, is_late: true });
    // back on trending a month later
    await record({ appeared_at: '2026-11-03T00:00:00Z', first_seen_at: '2026-11-03T12:00:00Z' });
    const back = await read();
    expect(back.appearances).toBe(2);
    expect(back.appeared_at?.toISOString()).toBe('2026-11-03T00:00:00.000Z');
    expect(back.first_seen_at.toISOString()).toBe('2026-10-01T12:00:00.000Z');
    // an older entry read again (a feed listing three weeks) neither counts nor moves the date
    await record({ appeared_at: '2026-10-01T00:00:00Z' });
    expect(await read()).toMatchObject({ appearances: 2 });
    expect((await read()).appeared_at?.toISOString()).toBe('2026-11-03T00:00:00.000Z');
  });

  it('takes the distinct dates one fetch brings when they are more, and keeps the lateness it was made with', async () => {
    await record({ appeared_at: '2026-11-10T00:00:00Z', appearances: 5, is_late: false });
    expect(await read()).toMatchObject({ appearances: 5, is_late: true });
  });

  it('keeps engagement figures a later fetch does not carry, and takes new ones', async () => {
    await record({ appeared_at: '2026-11-10T00:00:00Z', appearances: 1, points: 40 });
    expect((await read()).points).toBe(40);
    await record({ appeared_at: '2026-11-11T00:00:00Z', appearances: 1, points: null });
    expect(await read()).toMatchObject({ points: 40, appearances: 6 });
  });
});
