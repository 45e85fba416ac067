import type { Db } from '../../db/database.ts';

/** Enabled sources whose last fetch failed (error_count > 0): the `sift_sources_in_backoff` gauge. */
export async function countSourcesInBackoff(db: Db): Promise<number> {
  const row = await db
    .selectFrom('sources')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('enabled', '=', true)
    .where('error_count', '>', 0)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
