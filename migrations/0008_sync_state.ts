import { sql, type Kysely } from 'kysely';

/**
 * What the `sources` table was last synced from: the hash of the sources.yaml text (and of the
 * code that reads it) and the configuration it validated to, so a command whose sources.yaml did
 * not change skips parsing it and the sync (src/store/sources/sync-sources.ts). One row per synced thing,
 * by `name` ('sources').
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sync_state')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('content_hash', 'text')
    .addColumn('config', 'jsonb')
    .addColumn('synced_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sync_state').execute();
}
