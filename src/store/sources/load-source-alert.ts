import type { Db } from '../../db/database.ts';

export interface SourceAlert {
  /** Enabled sources whose last fetch failed (error_count > 0). */
  failing: number;
  enabled: number;
}

/** How many enabled sources are failing, for the board's banner (one small query). */
export async function loadSourceAlert(db: Db): Promise<SourceAlert> {
  const row = await db
    .selectFrom('sources')
    .select((eb) => [
      eb.fn.countAll<string>().as('enabled'),
      eb.fn.sum<string | null>(eb.case().when('error_count', '>', 0).then(1).else(0).end()).as('failing'),
    ])
    .where('enabled', '=', true)
    .executeTakeFirst();
  return { failing: Number(row?.failing ?? 0), enabled: Number(row?.enabled ?? 0) };
}
