import { sql, type Kysely } from 'kysely';

/**
 * The ranked shortlist of a week, one row per candidate card (a cluster of links telling the same
 * story), persisted so the review UI, `sift rank` and the exporter read the same order without
 * re-ranking. `rankWeek` replaces a week's rows in one transaction.
 *
 * Learned acceptance is not stored: it is recomputed from `decisions` and `published` on every
 * ranking (a few thousand rows), so it can never go stale.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('candidates')
    .addColumn('week', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('rank', 'integer', (col) => col.notNull())
    .addColumn('score', 'double precision', (col) => col.notNull())
    // the lead item's canonical URL: stable across re-rankings while the card keeps its lead
    .addColumn('cluster_key', 'text', (col) => col.notNull())
    .addColumn('item_id', 'bigint', (col) => col.notNull().references('items.id').onDelete('cascade'))
    .addColumn('item_ids', 'jsonb', (col) => col.notNull())
    .addColumn('source_ids', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('rule', 'text', (col) => col.notNull())
    .addColumn('breakdown', 'jsonb', (col) => col.notNull())
    .addColumn('reasons', 'jsonb', (col) => col.notNull())
    .addColumn('computed_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('candidates_pkey', ['week', 'category', 'rank'])
    .execute();
  await db.schema.createIndex('candidates_week_item_idx').on('candidates').columns(['week', 'item_id']).unique().execute();
  await db.schema.createIndex('candidates_item_idx').on('candidates').column('item_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('candidates').ifExists().execute();
}
