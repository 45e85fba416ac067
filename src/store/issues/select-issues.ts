import type { Db } from '../../db/database.ts';

export interface IssueSummaryRow {
  number: number;
  title: string;
  pub_date: string | null;
  week: string | null;
}

/** The imported issues asked for (one number, or the last `last`), oldest first; `row` is missing for an `--issue N` that was never imported. */
export async function selectIssues(
  db: Db,
  options: { issue?: number; last: number },
): Promise<Array<{ number: number; row?: IssueSummaryRow }>> {
  const query = db.selectFrom('issues').select(['number', 'title', 'pub_date', 'week']);
  if (options.issue !== undefined) {
    const row = await query.where('number', '=', options.issue).executeTakeFirst();
    return [{ number: options.issue, row }];
  }
  const rows = await query.orderBy('number', 'desc').limit(options.last).execute();
  return rows.reverse().map((row) => ({ number: row.number, row }));
}
