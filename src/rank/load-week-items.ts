import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { WeekWindow } from './week.ts';

export interface WeekSighting {
  sourceId: string;
  points: number | null;
  comments: number | null;
}

export interface WeekItem {
  id: number;
  url: string;
  canonicalUrl: string;
  title: string;
  summary: string;
  /** Epoch milliseconds: numbers, not Dates, because a week holds tens of thousands of items. */
  publishedMs: number | null;
  firstSeenMs: number;
  mediaKind: string | null;
  /** Sightings before the week's end: who carried the link "this week". */
  sightings: WeekSighting[];
}

export interface SourceInfo {
  id: string;
  name: string;
  kind: string;
  category: string;
  weight: number;
}

export interface ItemDecision {
  week: string;
  itemId: number;
  status: string;
  category: string | null;
}

export interface PublishedLink {
  issueNumber: number;
  /** The issue's week when known; a link published in this very week's issue is not "already published". */
  week: string | null;
}

export interface WeekData {
  items: WeekItem[];
  sources: Map<string, SourceInfo>;
  /** Every decision, in any week, about the items loaded. */
  decisions: ItemDecision[];
  /** Published links among the items loaded, by canonical URL. */
  published: Map<string, PublishedLink>;
}

const ITEM_COLUMNS = ['i.id', 'i.url', 'i.canonical_url', 'i.title', 'i.summary', 'i.media_kind'] as const;

/**
 * The item's times as epoch milliseconds (truncated as a JavaScript Date would be): turning 100,000
 * timestamps into Dates costs node-pg more than the rest of the row.
 */
const itemTimes = [
  sql<number | null>`floor(extract(epoch from i.published_at) * 1000)::float8`.as('published_ms'),
  sql<number>`floor(extract(epoch from i.first_seen_at) * 1000)::float8`.as('first_seen_ms'),
];

/**
 * Loads what ranking a week needs in a handful of indexed queries: the items sift first saw in the
 * window (items_first_seen_idx) plus any item the curator filed under this week, their sightings
 * before the window's end (sightings_seen_idx), the sources, and the decisions and published
 * history touching those items.
 */
export async function loadWeekItems(db: Db, window: WeekWindow): Promise<WeekData> {
  const { start, end, label } = window;
  const [windowItems, decidedItems, windowSightings, sources] = await Promise.all([
    db
      .selectFrom('items as i')
      .select(ITEM_COLUMNS)
      .select(itemTimes)
      .where('i.first_seen_at', '>=', start)
      .where('i.first_seen_at', '<', end)
      .execute(),
    // items filed under this week although first seen in another one
    db
      .selectFrom('decisions as d')
      .innerJoin('items as i', 'i.id', 'd.item_id')
      .select(ITEM_COLUMNS)
      .select(itemTimes)
      .where('d.week', '=', label)
      .where((eb) => eb.or([eb('i.first_seen_at', '<', start), eb('i.first_seen_at', '>=', end)]))
      .execute(),
    db
      .selectFrom('sightings as s')
      .innerJoin('items as i', 'i.id', 's.item_id')
      .select(['s.item_id', 's.source_id', 's.points', 's.comments'])
      .where('s.first_seen_at', '>=', start)
      .where('s.first_seen_at', '<', end)
      .where('i.first_seen_at', '>=', start)
      .where('i.first_seen_at', '<', end)
      .execute(),
    db.selectFrom('sources').select(['id', 'name', 'kind', 'category', 'weight']).execute(),
  ]);

  const extraIds = decidedItems.map((row) => Number(row.id));
  const extraSightings =
    extraIds.length === 0
      ? []
      : await db
          .selectFrom('sightings')
          .select(['item_id', 'source_id', 'points', 'comments'])
          .where('item_id', 'in', extraIds)
          .where('first_seen_at', '<', end)
          .execute();

  const items = new Map<number, WeekItem>();
  for (const row of [...windowItems, ...decidedItems]) {
    const id = Number(row.id);
    items.set(id, {
      id,
      url: row.url,
      canonicalUrl: row.canonical_url,
      title: row.title,
      summary: row.summary,
      publishedMs: row.published_ms,
      firstSeenMs: row.first_seen_ms,
      mediaKind: row.media_kind,
      sightings: [],
    });
  }
  for (const row of [...windowSightings, ...extraSightings]) {
    items.get(Number(row.item_id))?.sightings.push({ sourceId: row.source_id, points: row.points, comments: row.comments });
  }

  const [decisions, published] = await Promise.all([loadDecisions(db, window, extraIds), loadPublished(db, window, extraIds)]);
  return {
    items: [...items.values()],
    sources: new Map(sources.map((row) => [row.id, { ...row, weight: Number(row.weight) }])),
    decisions,
    published,
  };
}

async function loadDecisions(db: Db, window: WeekWindow, extraIds: number[]): Promise<ItemDecision[]> {
  const rows = await db
    .selectFrom('decisions as d')
    .innerJoin('items as i', 'i.id', 'd.item_id')
    .select(['d.week', 'd.item_id', 'd.status', 'd.category'])
    .where((eb) =>
      eb.or([
        eb.and([eb('i.first_seen_at', '>=', window.start), eb('i.first_seen_at', '<', window.end)]),
        ...(extraIds.length > 0 ? [eb('d.item_id', 'in', extraIds)] : []),
      ]),
    )
    .execute();
  return rows.map((row) => ({ week: row.week, itemId: Number(row.item_id), status: row.status, category: row.category }));
}

async function loadPublished(db: Db, window: WeekWindow, extraIds: number[]): Promise<Map<string, PublishedLink>> {
  const rows = await db
    .selectFrom('published as p')
    .innerJoin('items as i', 'i.canonical_url', 'p.canonical_url')
    .leftJoin('issues as issue', 'issue.number', 'p.issue_number')
    .select(['p.canonical_url', 'p.issue_number', 'issue.week'])
    .where((eb) =>
      eb.or([
        eb.and([eb('i.first_seen_at', '>=', window.start), eb('i.first_seen_at', '<', window.end)]),
        ...(extraIds.length > 0 ? [eb('i.id', 'in', asItemIds(extraIds))] : []),
      ]),
    )
    .orderBy('p.issue_number')
    .execute();
  const published = new Map<string, PublishedLink>();
  for (const row of rows) {
    // the earliest issue wins: "already published in #12"
    if (!published.has(row.canonical_url)) published.set(row.canonical_url, { issueNumber: row.issue_number, week: row.week });
  }
  return published;
}

/**
 * `items.id` is `Generated<BigId>`, a ColumnType inside a ColumnType, which Kysely's operand types
 * do not unwrap: `where('id', 'in', numbers)` fails to type-check although the SQL is right. This
 * cast is the one place that papers over it.
 */
export function asItemIds(ids: readonly number[]): never[] {
  return ids as never[];
}
