import { sql, type Kysely } from 'kysely';

/**
 * Signed-in review sessions. The cookie carries a random id; a session is valid only while its
 * row exists, so logging out (deleting the row) makes a copied cookie worthless, on every replica
 * and after a restart. Only a SHA-256 of the id is stored: reading the table gives no one a session.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_sessions')
    .addColumn('id_hash', 'text', (col) => col.primaryKey())
    .addColumn('curator', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('review_sessions_expires_at').on('review_sessions').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_sessions').ifExists().execute();
}
