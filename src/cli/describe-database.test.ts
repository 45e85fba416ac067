import { describe, expect, it } from 'vitest';
import { describeDatabase } from './describe-database.ts';

describe('describeDatabase', () => {
  it.each([
    ['postgres://sift:s3cret@db.internal:5432/sift', 'Postgres at postgres://sift@db.internal:5432/sift (DATABASE_URL)'],
    ['postgres://sift:s3cret@db.internal/sift?sslmode=require&password=x', 'Postgres at postgres://sift@db.internal/sift (DATABASE_URL)'],
    ['postgresql://db.internal/sift', 'Postgres at postgresql://db.internal/sift (DATABASE_URL)'],
    ['not a url', 'Postgres at DATABASE_URL (not a URL)'],
  ])('names %s without its secrets', (url, expected) => {
    expect(describeDatabase({ DATABASE_URL: url, SIFT_DATA_DIR: '/srv/sift/data' })).toBe(expected);
  });

  it('names the embedded database by its folder', () => {
    expect(describeDatabase({ DATABASE_URL: undefined, SIFT_DATA_DIR: '/srv/sift/data' })).toBe(
      'the embedded database (PGlite) in /srv/sift/data',
    );
  });
});
