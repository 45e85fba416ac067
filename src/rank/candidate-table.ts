import type { ColumnType, Selectable } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * The `candidates` table of migrations/0002_rank.ts. Kept beside the ranking code that owns it and
 * added to the shared Database type with `withTables`, so src/db/tables.ts stays the core schema.
 */
export interface CandidateTable {
  week: string;
  category: string;
  rank: number;
  score: number;
  cluster_key: string;
  item_id: ColumnType<string | number, number | string, number | string>;
  item_ids: ColumnType<Array<number | string>, string, string>;
  source_ids: ColumnType<string[], string, string>;
  rule: string;
  breakdown: ColumnType<unknown, string, string>;
  reasons: ColumnType<string[], string, string>;
  computed_at: ColumnType<Date, Date | string, Date | string>;
}

export type CandidateRow = Selectable<CandidateTable>;

/** The app database seen with the ranking tables. */
export function withRankTables(db: Db) {
  return db.withTables<{ candidates: CandidateTable }>();
}

export type RankDb = ReturnType<typeof withRankTables>;
