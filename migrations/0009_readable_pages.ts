import { sql, type Kysely } from 'kysely';

/**
 * The page behind a link, read once so the curator can read it beside the board and drafting has
 * its text (src/read/read-page.ts). One row per canonical URL, kept unique by an index on
 * `md5(canonical_url)` and looked up through a hash index, as `items` does since
 * migrations/0006: a btree entry cannot hold a URL of any length.
 *
 * `status` is `ok`, `failed` (with `error_code` and `error`) or `too_large`; a row that is not ok
 * is fetched again after `next_try_at` (`attempts` counts consecutive failures). `html` is the
 * extracted article already sanitized; `text` its plain text. `github` holds a repository's
 * description, stars, language and the README's first paragraphs (JSON), null for other pages.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('readable_pages')
    .addColumn('canonical_url', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('error_code', 'text')
    .addColumn('error', 'text')
    .addColumn('final_url', 'text')
    .addColumn('title', 'text')
    .addColumn('byline', 'text')
    .addColumn('excerpt', 'text')
    .addColumn('text', 'text')
    .addColumn('html', 'text')
    .addColumn('lead_image_url', 'text')
    .addColumn('site_name', 'text')
    .addColumn('lang', 'text')
    .addColumn('github', 'jsonb')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_try_at', 'timestamptz')
    .addColumn('fetched_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('readable_pages_canonical_url_md5_key')
    .on('readable_pages')
    .unique()
    .expression(sql`md5(canonical_url)`)
    .execute();
  await db.schema.createIndex('readable_pages_canonical_url_idx').on('readable_pages').using('hash').column('canonical_url').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('readable_pages').execute();
}
