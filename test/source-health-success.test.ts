import { expect, it } from 'vitest';
import { markSourceSucceeded } from '../src/store/sources/source-health.ts';
import { countStatements } from './helpers/count-statements.ts';
import { describeEachEngine } from './helpers/db.ts';

describeEachEngine('markSourceSucceeded', ({ getDb }) => {
  it("records a 304 (the source's state and the attempt) in one statement", async () => {
    await getDb()
      .insertInto('sources')
      .values({
        id: 'same',
        name: 'Same',
        url: 'https://same.example/feed',
        kind: 'blog',
        lang: 'en',
        category: 'articles',
        tags: '[]',
        error_count: 2,
        last_error: 'HTTP 503',
      })
      .execute();
    const { db, count } = countStatements(getDb());
    const now = new Date('2026-11-25T00:00:00Z');
    const nextCheckAt = new Date('2026-11-25T01:00:00Z');
    await markSourceSucceeded(db, 'same', {
      now,
      status: 'not_modified',
      etag: '"v2"',
      lastModified: null,
      nextCheckAt,
      fetch: { started_at: now, http_status: 304, bytes: 0, duration_ms: 12 },
    });
    expect(count()).toBe(1);
    const source = await getDb()
      .selectFrom('sources')
      .select(['etag', 'last_status', 'last_error', 'error_count', 'next_check_at', 'last_success_at'])
      .where('id', '=', 'same')
      .executeTakeFirstOrThrow();
    expect(source).toEqual({
      etag: '"v2"',
      last_status: 'not_modified',
      last_error: null,
      error_count: 0,
      next_check_at: nextCheckAt,
      last_success_at: now,
    });
    const attempts = await getDb()
      .selectFrom('fetches')
      .select(['outcome', 'http_status', 'bytes', 'duration_ms'])
      .where('source_id', '=', 'same')
      .execute();
    expect(attempts).toEqual([{ outcome: 'not_modified', http_status: 304, bytes: 0, duration_ms: 12 }]);
  });
});
