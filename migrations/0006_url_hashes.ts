import { sql, type Kysely } from 'kysely';

/**
 * A link of any length can be stored. A btree index entry holds at most about 2.7 KB, so a feed
 * item whose link was longer (a 3 KB search URL) failed its whole source on every refresh. URL
 * columns are now indexed without their value in a btree:
 * - `items.canonical_url` stays unique through a unique index on `md5(canonical_url)` (the
 *   conflict target of the items upsert) and is looked up (`=`, `in`, joins) through a hash index,
 *   whose entries hold a hash of the value whatever its length;
 * - `published.canonical_url`: the same hash index instead of the btree;
 * - `link_redirects.url`: unique on `md5(url)` instead of the primary key.
 *
 * Click-throughs that could not be resolved are remembered, so each refresh does not ask again:
 * `failed_at`, `attempts` (consecutive failures), `next_try_at` (not asked before then) and
 * `error` (why). A failure row has no `target_url` or `resolved_at`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table items drop constraint items_canonical_url_key`.execute(db);
  await db.schema.createIndex('items_canonical_url_md5_key').on('items').unique().expression(sql`md5(canonical_url)`).execute();
  await db.schema.createIndex('items_canonical_url_idx').on('items').using('hash').column('canonical_url').execute();

  await db.schema.dropIndex('published_canonical_idx').execute();
  await db.schema.createIndex('published_canonical_idx').on('published').using('hash').column('canonical_url').execute();

  await sql`alter table link_redirects drop constraint link_redirects_pkey`.execute(db);
  await db.schema.createIndex('link_redirects_url_md5_key').on('link_redirects').unique().expression(sql`md5(url)`).execute();
  await db.schema
    .alterTable('link_redirects')
    .alterColumn('target_url', (col) => col.dropNotNull())
    .alterColumn('resolved_at', (col) => col.dropNotNull())
    .alterColumn('resolved_at', (col) => col.dropDefault())
    .addColumn('failed_at', 'timestamptz')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_try_at', 'timestamptz')
    .addColumn('error', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('link_redirects').where('target_url', 'is', null).execute();
  await db.schema
    .alterTable('link_redirects')
    .dropColumn('error')
    .dropColumn('next_try_at')
    .dropColumn('attempts')
    .dropColumn('failed_at')
    .alterColumn('resolved_at', (col) => col.setDefault(sql`now()`))
    .alterColumn('resolved_at', (col) => col.setNotNull())
    .alterColumn('target_url', (col) => col.setNotNull())
    .execute();
  await db.schema.dropIndex('link_redirects_url_md5_key').execute();
  await sql`alter table link_redirects add constraint link_redirects_pkey primary key (url)`.execute(db);

  await db.schema.dropIndex('published_canonical_idx').execute();
  await db.schema.createIndex('published_canonical_idx').on('published').column('canonical_url').execute();

  await db.schema.dropIndex('items_canonical_url_idx').execute();
  await db.schema.dropIndex('items_canonical_url_md5_key').execute();
  await sql`alter table items add constraint items_canonical_url_key unique (canonical_url)`.execute(db);
}
