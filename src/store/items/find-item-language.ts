import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** An item's canonical URL and detected language; undefined when no item has that id. */
export async function findItemLanguage(db: Db, itemId: number): Promise<{ canonical_url: string; lang: string } | undefined> {
  return db.selectFrom('items').select(['canonical_url', 'lang']).where(sql<number>`id`, '=', itemId).executeTakeFirst();
}
