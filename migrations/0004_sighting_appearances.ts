import { sql, type Kysely } from 'kysely';

/**
 * A link can be news again after sift first saw it: a repository back on trending months later,
 * a newsletter issue that carries it again. `appeared_at` is the date of the newest feed entry
 * (for a newsletter, the newest issue) that carried the link, null while no entry was dated;
 * `appearances` counts the distinct entry dates seen (trending days, newsletter issues). Existing
 * sightings start at their item's publication date and one appearance.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sightings').addColumn('appeared_at', 'timestamptz').execute();
  await db.schema.alterTable('sightings').addColumn('appearances', 'integer', (col) => col.notNull().defaultTo(1)).execute();
  await sql`update sightings s set appeared_at = least(i.published_at, s.first_seen_at) from items i where i.id = s.item_id`.execute(db);
  await db.schema.createIndex('sightings_appeared_idx').on('sightings').column('appeared_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sightings_appeared_idx').ifExists().execute();
  await db.schema.alterTable('sightings').dropColumn('appearances').execute();
  await db.schema.alterTable('sightings').dropColumn('appeared_at').execute();
}
