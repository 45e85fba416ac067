import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { LinkRedirectTable } from '../../db/tables.ts';

/** Rows per statement (a hostile feed can carry any number of links). */
const CHUNK_SIZE = 1_000;

/** Stores click-through outcomes (resolved or failed), replacing what was remembered of each URL (`md5(url)` is its unique index). */
export async function saveLinkRedirects(db: Db, rows: Array<Insertable<LinkRedirectTable>>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    await db
      .insertInto('link_redirects')
      .values(rows.slice(start, start + CHUNK_SIZE))
      .onConflict((conflict) =>
        conflict.expression(sql`md5(url)`).doUpdateSet((eb) => ({
          target_url: eb.ref('excluded.target_url'),
          resolved_at: eb.ref('excluded.resolved_at'),
          failed_at: eb.ref('excluded.failed_at'),
          attempts: eb.ref('excluded.attempts'),
          next_try_at: eb.ref('excluded.next_try_at'),
          error: eb.ref('excluded.error'),
        })),
      )
      .execute();
  }
}
