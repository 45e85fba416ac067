import { sql } from 'kysely';
import type { Db } from './database.ts';

/** One round trip to the database (`select 1`): the readiness probe's check that it answers. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
