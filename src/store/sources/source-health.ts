import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, NewFetchRow } from '../../db/tables.ts';

const DAY_MS = 86_400_000;

/**
 * When to check a source next after a failure: interval × 2^failures (failures counted including
 * this one, so the first failure waits 2 × interval), capped at 24 h, and never before the server's
 * Retry-After.
 */
export function computeBackoffDelay(intervalMs: number, consecutiveFailures: number, retryAfterMs?: number): number {
  const exponent = Math.min(Math.max(consecutiveFailures, 0), 30);
  const backoff = Math.min(intervalMs * 2 ** exponent, DAY_MS);
  return Math.max(backoff, Math.min(retryAfterMs ?? 0, DAY_MS));
}

/**
 * When to check a source next after a success: its interval, pushed out by the feed's own hints
 * (RSS `<ttl>`, `Cache-Control: max-age`), capped at 24 h.
 */
export function computeSuccessDelay(intervalMs: number, hints: { ttlMinutes?: number; maxAgeSeconds?: number }): number {
  const fromTtl = (hints.ttlMinutes ?? 0) * 60_000;
  const fromMaxAge = (hints.maxAgeSeconds ?? 0) * 1_000;
  return Math.min(Math.max(intervalMs, fromTtl, fromMaxAge), DAY_MS);
}

export interface SuccessState {
  now: Date;
  status: 'ok' | 'not_modified';
  etag: string | null;
  lastModified: string | null;
  nextCheckAt: Date;
  fetch: Omit<NewFetchRow, 'source_id' | 'outcome'>;
}

/**
 * Records a good fetch (new content or not modified): validators, health reset, next check, and
 * the attempt, in one statement (the attempt's insert rides along as a data-modifying WITH), so
 * it is atomic without a transaction: a 304 is one round trip instead of four (BEGIN, UPDATE,
 * INSERT, COMMIT), a quarter of what a second pass cost (bench/, case process).
 */
export async function markSourceSucceeded(
  trx: Transaction<Database> | Kysely<Database>,
  sourceId: string,
  state: SuccessState,
): Promise<void> {
  await trx
    .with('attempt', (db) => db.insertInto('fetches').values({ ...state.fetch, source_id: sourceId, outcome: state.status }))
    .updateTable('sources')
    .set({
      etag: state.etag,
      last_modified: state.lastModified,
      last_fetched_at: state.now,
      last_success_at: state.now,
      last_status: state.status,
      last_error: null,
      error_count: 0,
      next_check_at: state.nextCheckAt,
    })
    .where('id', '=', sourceId)
    .execute();
}

export interface FailureState {
  now: Date;
  errorCode: string;
  error: string;
  httpStatus: number | null;
  intervalMs: number;
  retryAfterMs?: number;
  durationMs: number;
}

/**
 * Records a failed fetch: the error on the source, one more consecutive failure, the backed-off
 * next check, and the attempt. Returns the new failure count and next check.
 */
export async function markSourceFailed(
  db: Kysely<Database>,
  sourceId: string,
  state: FailureState,
): Promise<{ errorCount: number; nextCheckAt: Date }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('sources').select('error_count').where('id', '=', sourceId).forUpdate().executeTakeFirst();
    const errorCount = (row?.error_count ?? 0) + 1;
    const nextCheckAt = new Date(state.now.getTime() + computeBackoffDelay(state.intervalMs, errorCount, state.retryAfterMs));
    await trx
      .updateTable('sources')
      .set({
        last_fetched_at: state.now,
        last_status: state.errorCode,
        last_error: capError(state.error),
        error_count: errorCount,
        next_check_at: nextCheckAt,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', sourceId)
      .execute();
    await trx
      .insertInto('fetches')
      .values({
        source_id: sourceId,
        started_at: state.now,
        duration_ms: state.durationMs,
        outcome: 'failed',
        http_status: state.httpStatus,
        error_code: state.errorCode,
        error: capError(state.error),
      })
      .execute();
    return { errorCount, nextCheckAt };
  });
}

/** Longest error text stored: enough for any message sift writes; a page's worth quoted in one is cut. */
export const MAX_ERROR_LENGTH = 1_000;

function capError(error: string): string {
  return error.length <= MAX_ERROR_LENGTH ? error : `${error.slice(0, MAX_ERROR_LENGTH - 1)}…`;
}
