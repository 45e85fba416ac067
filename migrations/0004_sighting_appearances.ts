import { sql, type Kysely } from 'kysely';

/**
 * A link can be news again after sift first saw it: a repository back on trending months later,
 * a newsletter that carries a link a blog carried last week. On sightings:
 * - `appeared_at`: the date of the newest feed entry (for a newsletter, the newest issue) that
 *   carried the link, null while no entry was dated; `appearances`: the distinct entry dates seen
 *   (trending days, newsletter issues). Existing sightings start at their item's publication date
 *   and one appearance.
 * - `is_late`: the source carried the link after sift already knew it from another source.
 * Two partial indexes find a week's returning links without reading the week's other sightings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sightings').addColumn('appeared_at', 'timestamptz').execute();
  await db.schema
    .alterTable('sightings')
    .addColumn('appearances', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('sightings')
    .addColumn('is_late', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();
  await sql`update sightings s set appeared_at = least(i.published_at, s.first_seen_at) from items i where i.id = s.item_id`.execute(db);
  await db.schema.createIndex('sightings_repeat_idx').on('sightings').column('appeared_at').where(sql.ref('appearances'), '>', 1).execute();
  await db.schema.createIndex('sightings_late_idx').on('sightings').column('first_seen_at').where(sql.ref('is_late'), '=', true).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sightings_late_idx').ifExists().execute();
  await db.schema.dropIndex('sightings_repeat_idx').ifExists().execute();
  for (const column of ['is_late', 'appearances', 'appeared_at']) await db.schema.alterTable('sightings').dropColumn(column).execute();
}
