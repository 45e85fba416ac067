import { sql, type Kysely } from 'kysely';

/** Where newsletters' click-through links (pycoders.com/link/N/…) lead, resolved once and remembered. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('link_redirects')
    .addColumn('url', 'text', (col) => col.primaryKey())
    .addColumn('target_url', 'text', (col) => col.notNull())
    .addColumn('resolved_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('link_redirects').ifExists().execute();
}
