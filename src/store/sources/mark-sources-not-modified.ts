import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SuccessState } from './source-health.ts';

/** What one 304 (or unchanged body) leaves on its source: the same as markSourceSucceeded with status `not_modified`. */
export interface NotModifiedRecord {
  sourceId: string;
  state: Omit<SuccessState, 'status'>;
}

/** Sources per statement: 9 bind parameters each, well under Postgres's 65,535. */
export const NOT_MODIFIED_PER_STATEMENT = 500;

/**
 * Records many not-modified fetches in one statement per NOT_MODIFIED_PER_STATEMENT sources: each
 * source's validators, health reset and next check (UPDATE … FROM (VALUES …)) and its attempt in
 * `fetches` (a data-modifying WITH), exactly what markSourceSucceeded writes for one. A second
 * pass of 250 sources that all answer 304 is one write instead of 250 round trips (bench/, case process).
 * Each statement is atomic; a batch lost to a crash loses nothing but the check (the sources stay due).
 */
export async function markSourcesNotModified(db: Db, records: readonly NotModifiedRecord[]): Promise<void> {
  for (let start = 0; start < records.length; start += NOT_MODIFIED_PER_STATEMENT) {
    const rows = records
      .slice(start, start + NOT_MODIFIED_PER_STATEMENT)
      .map(
        ({ sourceId, state }) =>
          sql`(${sourceId}::text, ${state.etag}::text, ${state.lastModified}::text, ${state.now}::timestamptz, ${state.nextCheckAt}::timestamptz, ${state.fetch.started_at}::timestamptz, ${state.fetch.http_status ?? null}::integer, ${state.fetch.bytes ?? null}::integer, ${state.fetch.duration_ms}::integer)`,
      );
    await sql`
      WITH checked (id, etag, last_modified, checked_at, next_check_at, started_at, http_status, bytes, duration_ms) AS (VALUES ${sql.join(rows)}),
      attempt AS (
        INSERT INTO fetches (source_id, outcome, started_at, http_status, bytes, duration_ms)
        SELECT id, 'not_modified', started_at, http_status, bytes, duration_ms FROM checked
      )
      UPDATE sources SET
        etag = checked.etag,
        last_modified = checked.last_modified,
        last_fetched_at = checked.checked_at,
        last_success_at = checked.checked_at,
        last_status = 'not_modified',
        last_error = NULL,
        error_count = 0,
        next_check_at = checked.next_check_at
      FROM checked
      WHERE sources.id = checked.id`.execute(db);
  }
}
