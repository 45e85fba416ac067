import type { Db } from '../../db/database.ts';

/** The issues before `beforeIssue` that printed any of these canonical URLs, one row per printing. */
export async function listEarlierPublications(
  db: Db,
  canonicalUrls: string[],
  beforeIssue: number,
): Promise<Array<{ canonical_url: string; issue_number: number }>> {
  return db
    .selectFrom('published')
    .select(['canonical_url', 'issue_number'])
    .where('canonical_url', 'in', canonicalUrls)
    .where('issue_number', '<', beforeIssue)
    .execute();
}
