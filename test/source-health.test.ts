import { expect, it } from 'vitest';
import { markSourceFailed, MAX_ERROR_LENGTH } from '../src/store/sources/source-health.ts';
import { describeEachEngine } from './helpers/db.ts';

describeEachEngine('markSourceFailed', ({ getDb }) => {
  it('stores a huge error text cut to its cap, on the source and on the attempt', async () => {
    const db = getDb();
    await db
      .insertInto('sources')
      .values({ id: 'big', name: 'Big', url: 'https://big.example/feed', kind: 'blog', lang: 'en', category: 'articles', tags: '[]' })
      .execute();
    const error = `not a feed: ${'<title>'.repeat(700_000)}`; // about 5 MB, as an HTML page's title once made it
    await markSourceFailed(db, 'big', {
      now: new Date('2026-11-25T00:00:00Z'),
      errorCode: 'NOT_A_FEED',
      error,
      httpStatus: 200,
      intervalMs: 3_600_000,
      durationMs: 5,
    });
    const source = await db.selectFrom('sources').select('last_error').where('id', '=', 'big').executeTakeFirstOrThrow();
    const fetch = await db.selectFrom('fetches').select('error').where('source_id', '=', 'big').executeTakeFirstOrThrow();
    expect(source.last_error?.length).toBe(MAX_ERROR_LENGTH);
    expect(source.last_error?.startsWith('not a feed: <title>')).toBe(true);
    expect(source.last_error?.endsWith('…')).toBe(true);
    expect(fetch.error).toBe(source.last_error);
  });
});
