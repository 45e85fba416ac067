import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Whether an item with this id is stored. */
export async function itemExists(db: Db, itemId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('items').select('id').where(sql<number>`id`, '=', itemId).executeTakeFirst());
}
