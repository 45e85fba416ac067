import { sql, type Kysely } from 'kysely';

/**
 * The core tables of DESIGN.md. Items are one row per canonical URL; sightings remember every
 * source that carried a link (once per pair); fetches keep one row per attempt.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('lang', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('weight', 'double precision', (col) => col.notNull().defaultTo(1))
    .addColumn('interval_seconds', 'integer', (col) => col.notNull().defaultTo(3600))
    .addColumn('timeout_ms', 'integer', (col) => col.notNull().defaultTo(20000))
    .addColumn('tags', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('enabled', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_fetched_at', 'timestamptz')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('last_status', 'text')
    .addColumn('last_error', 'text')
    .addColumn('error_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_check_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('sources_due_idx').on('sources').columns(['enabled', 'next_check_at']).execute();

  await db.schema
    .createTable('items')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('canonical_url', 'text', (col) => col.notNull().unique())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('lang', 'text', (col) => col.notNull().defaultTo('other'))
    .addColumn('published_at', 'timestamptz')
    .addColumn('first_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('image_url', 'text')
    .addColumn('media_kind', 'text')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('items_first_seen_idx').on('items').column('first_seen_at').execute();

  await db.schema
    .createTable('sightings')
    .addColumn('item_id', 'bigint', (col) => col.notNull().references('items.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (col) => col.notNull().references('sources.id'))
    .addColumn('first_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('guid', 'text')
    .addColumn('points', 'integer')
    .addColumn('comments', 'integer')
    .addColumn('digest_issue_url', 'text')
    .addPrimaryKeyConstraint('sightings_pkey', ['item_id', 'source_id'])
    .execute();
  await db.schema.createIndex('sightings_source_seen_idx').on('sightings').columns(['source_id', 'first_seen_at']).execute();
  await db.schema.createIndex('sightings_seen_idx').on('sightings').column('first_seen_at').execute();

  await db.schema
    .createTable('fetches')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('source_id', 'text', (col) => col.notNull().references('sources.id'))
    .addColumn('started_at', 'timestamptz', (col) => col.notNull())
    .addColumn('duration_ms', 'integer', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('error_code', 'text')
    .addColumn('error', 'text')
    .addColumn('bytes', 'integer')
    .addColumn('items_found', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('items_new', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('sightings_new', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('fetches_source_started_idx').on('fetches').columns(['source_id', 'started_at']).execute();

  await db.schema
    .createTable('decisions')
    .addColumn('week', 'text', (col) => col.notNull())
    .addColumn('item_id', 'bigint', (col) => col.notNull().references('items.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('accepted', 'rejected', 'pending')`))
    .addColumn('category', 'text')
    .addColumn('title', 'text')
    .addColumn('summary', 'text')
    .addColumn('note', 'text')
    .addColumn('position', 'integer')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('decisions_pkey', ['week', 'item_id'])
    .execute();
  await db.schema.createIndex('decisions_item_idx').on('decisions').column('item_id').execute();

  await db.schema
    .createTable('published')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('issue_number', 'integer', (col) => col.notNull())
    .addColumn('section', 'text', (col) => col.notNull())
    .addColumn('category', 'text')
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('canonical_url', 'text', (col) => col.notNull())
    .addColumn('image_url', 'text')
    .addColumn('is_english', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('imported_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('published_issue_position_key', ['issue_number', 'section', 'position'])
    .execute();
  await db.schema.createIndex('published_canonical_idx').on('published').column('canonical_url').execute();

  await db.schema
    .createTable('issues')
    .addColumn('number', 'integer', (col) => col.primaryKey())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('pub_date', 'text')
    .addColumn('week', 'text')
    .addColumn('markdown', 'text')
    .addColumn('front_matter', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('intro', 'text')
    .addColumn('outro', 'text')
    .addColumn('imported_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['issues', 'published', 'decisions', 'fetches', 'sightings', 'items', 'sources']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
