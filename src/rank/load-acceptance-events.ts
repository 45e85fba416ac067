import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AcceptanceEvent } from './learn-acceptance.ts';

/**
 * The curator's verdicts learnAcceptance learns from: accepted and rejected decisions decided since
 * `since`, and every link of the imported issues (accepted, dated by the issue). Each carries the
 * sources that had seen the link. Older verdicts are skipped rather than loaded: at the default
 * half-life they would count for less than a sixteenth.
 */
export async function loadAcceptanceEvents(db: Db, since: Date): Promise<AcceptanceEvent[]> {
  const sourcesOf = (itemId: 'd.item_id' | 'i.id') =>
    sql<string[] | null>`(select array_agg(s.source_id) from sightings s where s.item_id = ${sql.ref(itemId)})`;
  const [decided, published] = await Promise.all([
    db
      .selectFrom('decisions as d')
      .innerJoin('items as i', 'i.id', 'd.item_id')
      .select(['i.url', 'd.status', 'd.decided_at', sourcesOf('d.item_id').as('source_ids')])
      .where('d.status', 'in', ['accepted', 'rejected'])
      .where('d.decided_at', '>=', since)
      .execute(),
    db
      .selectFrom('published as p')
      .leftJoin('items as i', 'i.canonical_url', 'p.canonical_url')
      .leftJoin('issues as issue', 'issue.number', 'p.issue_number')
      .select(['p.url', 'issue.pub_date', 'p.imported_at', sourcesOf('i.id').as('source_ids')])
      .execute(),
  ]);
  const events: AcceptanceEvent[] = decided.map((row) => ({
    url: row.url,
    isAccepted: row.status === 'accepted',
    at: row.decided_at,
    sourceIds: row.source_ids ?? [],
  }));
  for (const row of published) {
    const at = readIssueDate(row.pub_date) ?? row.imported_at;
    if (at >= since) events.push({ url: row.url, isAccepted: true, at, sourceIds: row.source_ids ?? [] });
  }
  return events;
}

/** An issue's `pubDate` (usually `YYYY-MM-DD`) as a date; null when missing or unreadable. */
function readIssueDate(pubDate: string | null): Date | null {
  if (!pubDate) return null;
  const date = new Date(pubDate);
  return Number.isNaN(date.getTime()) ? null : date;
}
