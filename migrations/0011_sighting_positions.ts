import type { Kysely } from 'kysely';

/**
 * Where a ranked source listed a link: its place in the feed document (1-based, feed order) for
 * a source whose order is a ranking (`ranked: true` in sources.yaml: GitHub trending, a front
 * page). One row per sighting and day the list was dated (the entry's date, else the day sift
 * read it), keeping the best place that day; a week's best place is the least over its rows. A
 * chronological feed's order says nothing, so its sightings have no rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sighting_positions')
    .addColumn('item_id', 'bigint', (col) => col.notNull())
    .addColumn('source_id', 'text', (col) => col.notNull())
    .addColumn('listed_at', 'timestamptz', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('sighting_positions_pkey', ['item_id', 'source_id', 'listed_at'])
    .addForeignKeyConstraint('sighting_positions_sighting_fkey', ['item_id', 'source_id'], 'sightings', ['item_id', 'source_id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('sighting_positions_listed_idx').on('sighting_positions').column('listed_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sighting_positions').execute();
}
