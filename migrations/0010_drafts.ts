import { sql, type Kysely } from 'kysely';

/**
 * A machine-drafted title and summary for an item of a week (src/draft/), kept apart from the
 * curator's decision: a draft is only a proposal, and the decision's title and summary change only
 * when the curator saves the edit form. One row per (week, item): drafting again replaces the text,
 * while `calls` keeps counting the endpoint calls made for it (the weekly budget sums them) and
 * the token columns add up the endpoint's `usage`.
 *
 * `status`: queued | drafting | ready | failed (`error` says why).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('drafts')
    .addColumn('week', 'text', (col) => col.notNull())
    .addColumn('item_id', 'bigint', (col) => col.notNull().references('items.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('title', 'text')
    .addColumn('summary', 'text')
    .addColumn('is_english', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('error', 'text')
    .addColumn('model', 'text')
    .addColumn('calls', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('prompt_tokens', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('completion_tokens', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('requested_by', 'text')
    .addColumn('requested_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addPrimaryKeyConstraint('drafts_pkey', ['week', 'item_id'])
    .execute();
  await db.schema.createIndex('drafts_status_idx').on('drafts').column('status').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('drafts').execute();
}
