import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { IssueTable, NewPublishedRow } from '../../db/tables.ts';

/**
 * Stores an imported issue and its links in one transaction: the issue row is inserted or
 * replaced, and its `published` rows replaced as a whole (inserted in print order, so their ids
 * give loadStoredIssue the section order back). Returns whether the issue was stored before.
 */
export async function saveIssue(
  db: Db,
  number: number,
  values: Omit<Insertable<IssueTable>, 'number'>,
  rows: NewPublishedRow[],
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('issues').select('number').where('number', '=', number).executeTakeFirst();
    await trx.deleteFrom('published').where('issue_number', '=', number).execute();
    await trx
      .insertInto('issues')
      .values({ number, ...values })
      .onConflict((conflict) => conflict.column('number').doUpdateSet(values))
      .execute();
    if (rows.length > 0) await trx.insertInto('published').values(rows).execute();
    return existing !== undefined;
  });
}
