import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AcceptanceEvent } from '../../rank/learn-acceptance.ts';
import type { RankedExample } from '../../rank/learn-term-weights.ts';
import type { RankingRecord } from '../../rank/types.ts';
import type { ScoreBreakdown } from '../../rank/score-candidate.ts';
import { itemOfPublishedLink } from './item-of-published-link.ts';

/**
 * The record the ranking learns from, in three queries:
 * - accepted and rejected decisions decided since `since`;
 * - every link of the imported issues (accepted, dated by the issue);
 * - the stored cards of every week that has an imported issue (dated by the issue, since `since`).
 *   Each is an example for learnTermWeights (its term points, labelled picked when the issue carried
 *   its lead link or the curator accepted it that week), and the ones no issue carried and no one
 *   decided on are also *passed over* events: without them the record holds picks only, and a
 *   source that carries a hundred links a week would look better than one that carries ten good
 *   ones. One read serves both, since they are the same rows.
 * Older verdicts are skipped rather than loaded: at the default half-life they would count for less
 * than a sixteenth. With `until` and `beforeWeek` (every ranking of a week), decisions after `until`
 * and issues of that week or later are left out: a week is judged only by what was known before it.
 */
export async function loadRankingRecord(db: Db, range: { since: Date; until?: Date; beforeWeek?: string }): Promise<RankingRecord> {
  const { since } = range;
  const sinceDay = since.toISOString().slice(0, 10);
  const [decided, published, cards] = await Promise.all([
    db
      .selectFrom('decisions as d')
      .innerJoin('items as i', 'i.id', 'd.item_id')
      .select([
        'i.url',
        'i.title',
        'i.summary',
        'i.lang',
        'd.category',
        'd.status',
        'd.decided_at',
        sql<string[] | null>`(select array_agg(s.source_id) from sightings s where s.item_id = d.item_id)`.as('source_ids'),
      ])
      .where('d.status', 'in', ['accepted', 'rejected'])
      .where('d.decided_at', '>=', since)
      .$if(range.until !== undefined, (query) => query.where('d.decided_at', '<=', range.until!))
      .execute(),
    db
      .selectFrom('published as p')
      .leftJoinLateral(itemOfPublishedLink, (join) => join.onTrue())
      // the sources that carried the item and when each first did, in one read of its sightings
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('sightings as s')
            .select([
              sql<string[] | null>`array_agg(s.source_id)`.as('source_ids'),
              sql<number[] | null>`array_agg(extract(epoch from s.first_seen_at) * 1000)`.as('source_seen_ms'),
            ])
            .whereRef('s.item_id', '=', 'i.id')
            .as('seen'),
        (join) => join.onTrue(),
      )
      .leftJoin('issues as issue', 'issue.number', 'p.issue_number')
      .select([
        'p.url',
        'p.title',
        'p.summary',
        'p.category',
        'i.title as item_title',
        'i.summary as item_summary',
        'i.lang',
        'issue.pub_date',
        'p.imported_at',
        'seen.source_ids',
        'seen.source_seen_ms',
      ])
      .where('p.canonical_url', '<>', '')
      .$if(range.beforeWeek !== undefined, (query) =>
        query.where((eb) => eb.or([eb('issue.week', 'is', null), eb('issue.week', '<', range.beforeWeek!)])),
      )
      .execute(),
    db
      .selectFrom('candidates as c')
      .innerJoin('issues as issue', 'issue.week', 'c.week')
      // candidates.item_id references items on delete cascade: the inner join loses no card
      .innerJoin('items as i', (join) => join.on(sql`i.id`, '=', sql`c.item_id`))
      .select([
        'i.url',
        'i.title',
        'i.summary',
        'i.lang',
        'c.category',
        'c.source_ids',
        'c.breakdown',
        'issue.pub_date',
        sql<boolean>`exists (select 1 from published p where p.issue_number = issue.number and p.canonical_url = c.cluster_key)
          or exists (select 1 from decisions d where d.week = c.week and d.item_id = c.item_id and d.status = 'accepted')`.as('is_pick'),
        sql<boolean>`not exists (select 1 from published p where p.canonical_url = i.canonical_url)
          and not exists (select 1 from decisions d where d.item_id = i.id)`.as('is_passed_over'),
      ])
      .where('issue.pub_date', '>=', sinceDay)
      .$if(range.beforeWeek !== undefined, (query) => query.where('issue.week', '<', range.beforeWeek!))
      .execute(),
  ]);
  const events: AcceptanceEvent[] = decided.map((row) => ({
    url: row.url,
    isAccepted: row.status === 'accepted',
    at: row.decided_at,
    sourceIds: row.source_ids ?? [],
    text: `${row.title}\n${row.summary}`,
    category: row.category,
    lang: row.lang,
  }));
  for (const row of published) {
    const at = readIssueDate(row.pub_date) ?? row.imported_at;
    if (at < since) continue;
    // the link's own words when sift stored it, as for the passed-over cards it is contrasted with;
    // else the issue's (often translated) title and summary
    const text = row.item_title ? `${row.item_title}\n${row.item_summary ?? ''}` : `${row.title}\n${row.summary}`;
    // the language sift detected for the link it stored; a pick sift never had says nothing of the
    // cards it competed with
    events.push({
      url: row.url,
      isAccepted: true,
      at,
      sourceIds: sourcesBefore(row.source_ids, row.source_seen_ms, at),
      text,
      category: row.category,
      lang: row.lang,
    });
  }
  const examples: RankedExample[] = [];
  for (const row of cards) {
    const at = readIssueDate(row.pub_date);
    if (!at) continue;
    if (row.is_passed_over) {
      events.push({
        url: row.url,
        isAccepted: false,
        at,
        sourceIds: row.source_ids,
        text: `${row.title}\n${row.summary}`,
        category: row.category,
        isPassedOver: true,
        lang: row.lang,
      });
    }
    const terms = (row.breakdown as ScoreBreakdown | null)?.terms;
    if (terms) examples.push({ category: row.category, terms, isPick: row.is_pick, at });
  }
  return { events, examples };
}

/**
 * The sources that carried a published link by the end of its issue's day: a source that carried
 * it only later (a newsletter repeating the weekly's picks, a repository trending after the issue
 * made it known) did not lead the editor to it, and crediting it would teach the ranking to favour
 * the source's links in the weeks it carries them, when they are not picked.
 */
function sourcesBefore(sourceIds: readonly string[] | null, seenMs: readonly (number | string)[] | null, at: Date): string[] {
  if (!sourceIds) return [];
  const until = at.getTime() + DAY_MS;
  return sourceIds.filter((_, index) => seenMs?.[index] == null || Number(seenMs[index]) < until);
}

const DAY_MS = 86_400_000;

/** An issue's `pubDate` (usually `YYYY-MM-DD`) as a date; null when missing or unreadable. */
function readIssueDate(pubDate: string | null): Date | null {
  if (!pubDate) return null;
  const date = new Date(pubDate);
  return Number.isNaN(date.getTime()) ? null : date;
}
