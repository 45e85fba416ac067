import type { Db } from '../../db/database.ts';
import type { PublishedRow } from '../../db/tables.ts';

/** An imported issue's links in print order (the order they were stored in). */
export async function listIssueLinks(db: Db, number: number): Promise<PublishedRow[]> {
  return db.selectFrom('published').selectAll().where('issue_number', '=', number).orderBy('id').execute();
}
