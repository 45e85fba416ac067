import type { Db } from '../../db/database.ts';
import type { IssueRow } from '../../db/tables.ts';

/** An imported issue's row; undefined when the history does not have it. */
export async function loadIssue(db: Db, number: number): Promise<IssueRow | undefined> {
  return db.selectFrom('issues').selectAll().where('number', '=', number).executeTakeFirst();
}
