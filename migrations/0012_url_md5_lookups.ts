import type { Kysely } from 'kysely';

/**
 * One index per canonical URL instead of two. Since migrations/0006 (and 0009), `items` and
 * `readable_pages` kept their canonical URLs unique through an index on `md5(canonical_url)` and
 * looked them up through a hash index on the value: every new row paid two index writes where one
 * does. Every lookup and join by canonical URL now compares the md5 as well
 * (src/store/match-url.ts), which the unique index serves, so the hash indexes go.
 * `published_canonical_idx` stays: it is the only index on `published.canonical_url` (not unique
 * there: a link can be printed in several issues).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('items_canonical_url_idx').execute();
  await db.schema.dropIndex('readable_pages_canonical_url_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('readable_pages_canonical_url_idx').on('readable_pages').using('hash').column('canonical_url').execute();
  await db.schema.createIndex('items_canonical_url_idx').on('items').using('hash').column('canonical_url').execute();
}
