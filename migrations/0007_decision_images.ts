import type { Kysely } from 'kysely';

/**
 * The image an issue prints under an accepted item is the curator's: on decisions, `image_url`
 * (null = the item's own image) and `image_alt`, the alt text the weekly writes in
 * `![alt](url)` (null = none).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('decisions').addColumn('image_url', 'text').execute();
  await db.schema.alterTable('decisions').addColumn('image_alt', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['image_alt', 'image_url']) await db.schema.alterTable('decisions').dropColumn(column).execute();
}
