import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps come back as Date from both engines; we write Date or ISO strings. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** bigint ids come back as numbers from both engines (see database.ts); ids stay far below 2^53. */
type BigId = ColumnType<number, number | string, number | string>;

export interface SourceTable {
  id: string;
  name: string;
  url: string;
  kind: string;
  lang: string;
  category: string;
  weight: ColumnType<number, number | undefined, number>;
  interval_seconds: ColumnType<number, number | undefined, number>;
  timeout_ms: ColumnType<number, number | undefined, number>;
  tags: Json<string[]>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  etag: string | null;
  last_modified: string | null;
  last_fetched_at: Timestamp | null;
  last_success_at: Timestamp | null;
  last_status: string | null;
  last_error: string | null;
  error_count: ColumnType<number, number | undefined, number>;
  next_check_at: DefaultTimestamp;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ItemTable {
  id: Generated<number>;
  url: string;
  canonical_url: string;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  lang: ColumnType<string, string | undefined, string>;
  published_at: Timestamp | null;
  first_seen_at: Timestamp;
  image_url: string | null;
  media_kind: string | null;
  updated_at: DefaultTimestamp;
}

export interface SightingTable {
  item_id: BigId;
  source_id: string;
  first_seen_at: Timestamp;
  guid: string | null;
  points: number | null;
  comments: number | null;
  digest_issue_url: string | null;
  /** Date of the newest feed entry (newsletter issue) that carried the link; null while none was dated. */
  appeared_at: Timestamp | null;
  /** Distinct entry dates that carried it: days on trending, issues of a newsletter. */
  appearances: ColumnType<number, number | undefined, number>;
  /** The source carried the link after sift knew it from another source (set when the row is made). */
  is_late: ColumnType<boolean, boolean | undefined, boolean>;
}

/** A ranked source's place for a link (migrations/0011): per sighting and listing day, the best (least) 1-based feed position. */
export interface SightingPositionTable {
  item_id: BigId;
  source_id: string;
  /** The entry's date, else the day sift read the list. */
  listed_at: Timestamp;
  position: number;
}

/** What sources.yaml the sources table was synced from (migrations/0008): its content hash and the configuration it validated to. */
export interface SyncStateTable {
  name: string;
  content_hash: string | null;
  /** The validated SourcesConfig the hashed text gave (JSON), so a command that needs it skips the YAML parser and the schema too. */
  config: ColumnType<unknown, string | null, string | null>;
  synced_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type ReadableStatus = 'ok' | 'failed' | 'too_large';

/** The page behind a link, read once for the reading pane and drafts (migrations/0009). */
export interface ReadablePageTable {
  canonical_url: string;
  status: ReadableStatus;
  error_code: string | null;
  error: string | null;
  final_url: string | null;
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  text: string | null;
  html: string | null;
  lead_image_url: string | null;
  site_name: string | null;
  lang: string | null;
  /** GithubFacts (src/read/read-github-repository.ts) as JSON. */
  github: ColumnType<unknown, string | null, string | null>;
  attempts: ColumnType<number, number | undefined, number>;
  next_try_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  fetched_at: ColumnType<Date, Date, Date>;
}

export interface FetchTable {
  id: Generated<number>;
  source_id: string;
  started_at: Timestamp;
  duration_ms: number;
  /** ok | not_modified | failed */
  outcome: string;
  http_status: number | null;
  error_code: string | null;
  error: string | null;
  bytes: number | null;
  items_found: ColumnType<number, number | undefined, number>;
  items_new: ColumnType<number, number | undefined, number>;
  sightings_new: ColumnType<number, number | undefined, number>;
}

export interface DecisionTable {
  week: string;
  item_id: BigId;
  /** accepted | rejected | pending */
  status: string;
  category: string | null;
  title: string | null;
  summary: string | null;
  note: string | null;
  position: number | null;
  /** The image printed under the item: null = the item's own (migrations/0007). */
  image_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** Alt text of that image in the issue (`![alt](url)`); null = none. */
  image_alt: ColumnType<string | null, string | null | undefined, string | null>;
  version: ColumnType<number, number | undefined, number>;
  decided_by: string | null;
  decided_at: DefaultTimestamp;
}

export interface PublishedTable {
  id: Generated<number>;
  issue_number: number;
  section: string;
  category: string | null;
  position: number;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  url: string;
  canonical_url: string;
  image_url: string | null;
  is_english: ColumnType<boolean, boolean | undefined, boolean>;
  imported_at: DefaultTimestamp;
}

export interface IssueTable {
  number: number;
  title: string;
  pub_date: string | null;
  week: string | null;
  markdown: string | null;
  front_matter: ColumnType<Record<string, unknown>, string | undefined, string>;
  intro: string | null;
  outro: string | null;
  imported_at: DefaultTimestamp;
}

/** A newsletter's click-through link: where it leads once resolved, or its failures (migrations/0006). */
export interface LinkRedirectTable {
  url: string;
  target_url: string | null;
  resolved_at: Timestamp | null;
  failed_at: Timestamp | null;
  /** Consecutive failures; 0 once resolved. */
  attempts: ColumnType<number, number | undefined, number>;
  /** A failed link is not asked again before this. */
  next_try_at: Timestamp | null;
  error: string | null;
}

/** A signed-in review session (migrations/0005): valid while its row exists and has not expired. */
export interface ReviewSessionTable {
  /** SHA-256 (hex) of the random id the cookie carries. */
  id_hash: string;
  curator: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
}

/** A drafted title and summary for an item of a week, apart from its decision (migrations/0010, src/draft/). */
export interface DraftTable {
  week: string;
  item_id: BigId;
  /** queued | drafting | ready | failed */
  status: string;
  title: string | null;
  summary: string | null;
  /** The item is an English original: the export prints the `(英)` marker after it. */
  is_english: ColumnType<boolean, boolean | undefined, boolean>;
  error: string | null;
  model: string | null;
  /** Endpoint calls made for this row, ever (the weekly budget sums them). */
  calls: ColumnType<number, number | undefined, number>;
  prompt_tokens: ColumnType<number, number | undefined, number>;
  completion_tokens: ColumnType<number, number | undefined, number>;
  requested_by: string | null;
  requested_at: DefaultTimestamp;
  finished_at: Timestamp | null;
}

/**
 * A week's ranked cards (migrations/0002_rank.ts): written by rankWeek through
 * src/store/candidates/save-candidates.ts, one row per story, replaced as a whole per week.
 */
export interface CandidateTable {
  week: string;
  category: string;
  rank: number;
  score: number;
  cluster_key: string;
  item_id: BigId;
  item_ids: ColumnType<Array<number | string>, string, string>;
  source_ids: ColumnType<string[], string, string>;
  rule: string;
  breakdown: ColumnType<unknown, string, string>;
  reasons: ColumnType<string[], string, string>;
  computed_at: Timestamp;
}

export interface Database {
  sources: SourceTable;
  items: ItemTable;
  sightings: SightingTable;
  fetches: FetchTable;
  decisions: DecisionTable;
  published: PublishedTable;
  issues: IssueTable;
  link_redirects: LinkRedirectTable;
  review_sessions: ReviewSessionTable;
  drafts: DraftTable;
  sighting_positions: SightingPositionTable;
  candidates: CandidateTable;
  sync_state: SyncStateTable;
  readable_pages: ReadablePageTable;
}

export type SourceRow = Selectable<SourceTable>;
export type NewSourceRow = Insertable<SourceTable>;
export type SourceUpdate = Updateable<SourceTable>;
export type ItemRow = Selectable<ItemTable>;
export type NewItemRow = Insertable<ItemTable>;
export type SightingRow = Selectable<SightingTable>;
export type NewSightingRow = Insertable<SightingTable>;
export type NewSightingPositionRow = Insertable<SightingPositionTable>;
export type FetchRow = Selectable<FetchTable>;
export type NewFetchRow = Insertable<FetchTable>;
export type DecisionRow = Selectable<DecisionTable>;
export type NewDecisionRow = Insertable<DecisionTable>;
export type PublishedRow = Selectable<PublishedTable>;
export type NewPublishedRow = Insertable<PublishedTable>;
export type IssueRow = Selectable<IssueTable>;
export type DraftRow = Selectable<DraftTable>;
export type CandidateRow = Selectable<CandidateTable>;
