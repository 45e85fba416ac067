import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/tables.ts';
import type { WeekWindow } from '../../calendar/week.ts';
import type { PublishedLink, WeekData, WeekItem, WeekItemOrigin, WeekSighting } from '../../rank/types.ts';
import { newsletterIdsOf } from '../../rank/learn-acceptance.ts';
import { itemOfPublishedLink } from './item-of-published-link.ts';

/** A timestamp column as epoch milliseconds, truncated as a JavaScript Date would be: 100,000 Dates cost node-pg more than the rest of the row. */
function epochMs<T extends number | null>(column: string) {
  return sql<T>`floor(extract(epoch from ${sql.ref(column)}) * 1000)::float8`;
}

/**
 * Columns named as WeekItem's fields, so the row node-pg builds is the WeekItem itself: a week is
 * 50,000 items and 90,000 sightings, and copying each into a new object doubled the garbage.
 * `sightings` starts as a NULL column only to give the row its slot before the list is assigned.
 * The summary is not read: ranking reads a few thousand of them (loadSummaries), and reading all
 * 50,000 was a third of the week's bytes.
 */
const ITEM_COLUMNS = [
  'i.id',
  'i.url',
  // most links' canonical URL is the URL itself: that one string serves both (see loadWeekItems)
  sql<string>`nullif(i.canonical_url, i.url)`.as('canonicalUrl'),
  'i.title',
  'i.lang',
  'i.media_kind as mediaKind',
  epochMs<number | null>('i.published_at').as('publishedMs'),
  epochMs<number>('i.first_seen_at').as('firstSeenMs'),
  sql<WeekSighting[]>`NULL`.as('sightings'),
  sql<WeekItemOrigin>`NULL`.as('origin'),
  // a slot for the summary loadSummaries may set, so that every item keeps the same shape
  sql<string | undefined>`NULL`.as('summary'),
] as const;

const SIGHTING_COLUMNS = [
  's.item_id',
  's.source_id as sourceId',
  's.points',
  's.comments',
  's.appearances',
  epochMs<number | null>('s.appeared_at').as('appearedMs'),
  epochMs<number>('s.first_seen_at').as('seenMs'),
  sql<number | null>`NULL`.as('position'),
] as const;

/** Issues of one newsletter that carried a link before it counts as the newsletter's chrome. */
const RECURRING_ISSUES = 3;

/**
 * Loads what ranking a week needs in a handful of indexed queries: the items sift first saw in the
 * window (items_first_seen_idx) plus the links that are news in it although first seen before —
 * filed under the week by the curator, carried anew by a source (sightings_late_idx,
 * sightings_repeat_idx) unless the editor was shown them in an earlier week's list, or on the top
 * of `previousWeek`'s list (`carryTop` cards per category) undecided while that week has no
 * imported issue (once it has, they were passed over, as the ranking's record counts them) — with every item's origin,
 * their sightings before the window's end (sightings_seen_idx), the sources, and the decisions and
 * published history touching those items. A newsletter's sighting of a link it carried in three
 * or more issues is left out as chrome, and an item left without sightings with it. A ranked
 * source's sighting carries the best place it listed the link on in the window
 * (sighting_positions_listed_idx).
 */
export async function loadWeekItems(
  db: Db,
  window: WeekWindow,
  options: { previousWeek?: string; carryTop?: Readonly<Record<string, number>> } = {},
): Promise<WeekData> {
  const { start, end, label } = window;
  const inWindow = (eb: ExpressionBuilder<Database & { i: Database['items'] }, 'i'>) =>
    eb.and([eb('i.first_seen_at', '>=', start), eb('i.first_seen_at', '<', end)]);
  const outsideWindow = (eb: ExpressionBuilder<Database & { i: Database['items'] }, 'i'>) =>
    eb.or([eb('i.first_seen_at', '<', start), eb('i.first_seen_at', '>=', end)]);
  // items the curator filed under this week, wherever they were first seen; every query below
  // reads it as a subquery, so all of them go out at once instead of waiting for its ids
  const filedHere = db.selectFrom('decisions').select('item_id').where('week', '=', label);
  // carried anew in the week: by a source that came late to a link sift knew, or by a newer entry of
  // a source that carried it before (back on trending, the next issue); both read a partial index
  const againHere = db
    .selectFrom('sightings as s')
    .select('s.item_id')
    .where('s.is_late', '=', true)
    .where('s.first_seen_at', '>=', start)
    .where('s.first_seen_at', '<', end)
    .union(
      db
        .selectFrom('sightings as s')
        .select('s.item_id')
        .where('s.appearances', '>', 1)
        .where('s.appeared_at', '>=', start)
        .where('s.appeared_at', '<', end),
    );
  // cards in the part of a week's list a curator reads (`carryTop` per category)
  const shownCards = db
    .selectFrom('candidates as c')
    .select(sql<number>`c.item_id`.as('item_id'))
    .where((eb) =>
      eb.or(
        Object.entries(options.carryTop ?? {}).map(([category, top]) => eb.and([eb('c.category', '=', category), eb('c.rank', '<=', top)])),
      ),
    );
  // the top of last week's list the curator did not decide on: still on the desk until last week's
  // issue is out; then the editor passed them over (loadRankingRecord learns them so), and a link
  // of theirs is news again only when a source carries it anew (againHere)
  const carriedHere = shownCards
    .where('c.week', '=', options.previousWeek ?? '')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('decisions as cd').select('cd.item_id').whereRef('cd.item_id', '=', 'c.item_id'))))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('issues as ci')
            .select('ci.number')
            .where('ci.week', '=', options.previousWeek ?? ''),
        ),
      ),
    );
  // a link back in the week that the editor was shown in an earlier week and passed over stays passed over
  const againNotShown = db
    .selectFrom(againHere.as('back'))
    .select('back.item_id')
    .where('back.item_id', 'not in', shownCards.where('c.week', '<', options.previousWeek ?? ''));
  const extraIds = filedHere.union(againNotShown).union(carriedHere);
  // whether the item of a decision or published link is one of the week's: an index look-up per row
  // for the few hundred of them (a scalar subquery, which Postgres does not turn into a hash of the
  // week), rather than listing the week's 50,000 ids for each row to be checked against
  const isWeekItem = (id: 'd.item_id' | 'i.id') =>
    sql<boolean>`(coalesce((select wi.first_seen_at >= ${start} and wi.first_seen_at < ${end} from items as wi where wi.id = ${sql.ref(id)}), false) or ${sql.ref(id)} = any(array(${extraIds})))`;
  const extraHere = (eb: ExpressionBuilder<Database & { i: Database['items'] }, 'i'>) =>
    eb.and([eb('i.id', 'in', extraIds), outsideWindow(eb)]);
  const sightingsBeforeEnd = db
    .selectFrom('sightings as s')
    .innerJoin('items as i', 'i.id', 's.item_id')
    .select(SIGHTING_COLUMNS)
    .where('s.first_seen_at', '<', end);
  const [windowItems, extraItems, windowSightings, extraSightings, sources, decisions, published, filed, again, positions, debuts] =
    await Promise.all([
      db.selectFrom('items as i').select(ITEM_COLUMNS).where(inWindow).execute(),
      db.selectFrom('items as i').select(ITEM_COLUMNS).where(extraHere).execute(),
      sightingsBeforeEnd.where('s.first_seen_at', '>=', start).where(inWindow).execute(),
      sightingsBeforeEnd.where(extraHere).execute(),
      db.selectFrom('sources').select(['id', 'name', 'kind', 'category', 'weight']).execute(),
      db.selectFrom('decisions as d').select(['d.week', 'd.item_id', 'd.status', 'd.category']).where(isWeekItem('d.item_id')).execute(),
      db
        .selectFrom('published as p')
        .innerJoinLateral(itemOfPublishedLink, (join) => join.onTrue())
        .leftJoin('issues as issue', 'issue.number', 'p.issue_number')
        .select(['p.canonical_url', 'p.issue_number', 'issue.week'])
        .where(isWeekItem('i.id'))
        .orderBy('p.issue_number')
        .execute(),
      filedHere.execute(),
      againNotShown.execute(),
      db
        .selectFrom('sighting_positions')
        .select(['item_id', 'source_id', (eb) => eb.fn.min<number>('position').as('position')])
        .where('listed_at', '>=', start)
        .where('listed_at', '<', end)
        .groupBy(['item_id', 'source_id'])
        .execute(),
      // the week's first listings: a day's rows of a ranked source with no earlier row for the same
      // link and source (the primary key's order answers that)
      db
        .selectFrom('sighting_positions as sp')
        .select(['sp.item_id', 'sp.source_id', 'sp.listed_at', 'sp.position'])
        .where('sp.listed_at', '>=', start)
        .where('sp.listed_at', '<', end)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('sighting_positions as earlier')
                .select('earlier.item_id')
                .whereRef('earlier.item_id', '=', 'sp.item_id')
                .whereRef('earlier.source_id', '=', 'sp.source_id')
                .whereRef('earlier.listed_at', '<', 'sp.listed_at'),
            ),
          ),
        )
        .execute(),
    ]);

  const filedIds = new Set(filed.map((row) => Number(row.item_id)));
  const againIds = new Set(again.map((row) => Number(row.item_id)));
  const items = new Map<number, WeekItem>();
  for (const row of windowItems) {
    row.canonicalUrl ??= row.url;
    row.summary = undefined;
    row.sightings = [];
    row.origin = 'new';
    items.set(row.id, row);
  }
  for (const row of extraItems) {
    row.canonicalUrl ??= row.url;
    row.summary = undefined;
    row.sightings = [];
    row.origin = filedIds.has(row.id) ? 'filed' : againIds.has(row.id) ? 'again' : 'carried';
    items.set(row.id, row);
  }
  const digests = newsletterIdsOf(sources);
  /** Items with a sighting left out as chrome. */
  const chromeOf = new Set<number>();
  for (const rows of [windowSightings, extraSightings]) {
    for (const row of rows) {
      // a link a newsletter carries issue after issue is its chrome (a standing block, the sponsor slot)
      if (row.appearances >= RECURRING_ISSUES && digests.has(row.sourceId)) {
        chromeOf.add(Number(row.item_id));
        continue;
      }
      items.get(Number(row.item_id))?.sightings.push(row);
    }
  }
  // an item left without sightings by that: the link is the newsletter's chrome, not the week's news
  for (const id of chromeOf) {
    const item = items.get(id);
    if (item && item.sightings.length === 0 && item.origin !== 'filed') items.delete(id);
  }
  for (const row of positions) {
    const sighting = items.get(Number(row.item_id))?.sightings.find((candidate) => candidate.sourceId === row.source_id);
    if (sighting) sighting.position = Number(row.position);
  }
  for (const [key, place] of rankDebuts(debuts)) {
    const [itemId, sourceId] = key;
    const sighting = items.get(itemId)?.sightings.find((candidate) => candidate.sourceId === sourceId);
    if (sighting) sighting.debutPlace = place;
  }

  const publishedByUrl = new Map<string, PublishedLink>();
  for (const row of published) {
    // the earliest issue wins: "already published in #12"
    if (!publishedByUrl.has(row.canonical_url)) publishedByUrl.set(row.canonical_url, { issueNumber: row.issue_number, week: row.week });
  }
  return {
    items: [...items.values()],
    sources: new Map(sources.map((row) => [row.id, { ...row, weight: Number(row.weight) }])),
    decisions: decisions.map((row) => ({ week: row.week, itemId: Number(row.item_id), status: row.status, category: row.category })),
    published: publishedByUrl,
  };
}

/**
 * Sets the summary of each of `items` (WeekItems of loadWeekItems, which leaves summaries out):
 * the ones startCandidates asks for, the lead links it scores in full. The ids go as one array
 * parameter: thousands of `$n` parameters cost more to send and parse.
 */
export async function loadSummaries(db: Db, items: readonly WeekItem[]): Promise<void> {
  const byId = new Map(items.map((item) => [item.id, item]));
  const rows = await db
    .selectFrom('items')
    .select(['id', 'summary'])
    .where('id', '=', sql<number>`any(${[...byId.keys()]}::int8[])`)
    .execute();
  for (const row of rows) {
    const item = byId.get(Number(row.id));
    if (item) item.summary = row.summary;
  }
  // a link deleted since the week was loaded is scored without one, rather than asked for forever
  for (const item of items) item.summary ??= '';
}

/**
 * Each first listing's place among the first listings of the same source and day (1 = the highest
 * newcomer that day), keyed by [item id, source id].
 */
function rankDebuts(rows: readonly { item_id: number | string; source_id: string; listed_at: Date; position: number }[]) {
  const byList = new Map<string, { itemId: number; sourceId: string; position: number }[]>();
  for (const row of rows) {
    const list = `${row.source_id}\n${row.listed_at.getTime()}`;
    const entry = { itemId: Number(row.item_id), sourceId: row.source_id, position: Number(row.position) };
    const found = byList.get(list);
    if (found) found.push(entry);
    else byList.set(list, [entry]);
  }
  const places: [[number, string], number][] = [];
  for (const entries of byList.values()) {
    entries.sort((left, right) => left.position - right.position);
    for (const [index, entry] of entries.entries()) places.push([[entry.itemId, entry.sourceId], index + 1]);
  }
  return places;
}
