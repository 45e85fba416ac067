import { fetchFeed } from '../fetch/fetch-feed.ts';
import type { Deps } from '../shared/deps.ts';
import { AppError, FetchError, ParseError, isPermanentError } from '../shared/errors.ts';
import { recordSightings } from '../store/record-sightings.ts';
import { computeSuccessDelay, markSourceFailed, markSourceSucceeded } from '../store/source-health.ts';
import { mergeByCanonicalUrl, upsertItems } from '../store/upsert-items.ts';
import { resolveLinkRedirects } from './resolve-link-redirects.ts';
import { processFeed, type FeedDocument, type FoundItem, type ProcessedFeed } from './process-feed.ts';

export const MAX_FEED_BYTES = 15 * 1024 * 1024;

export interface RefreshDeps extends Pick<Deps, 'db' | 'log' | 'clock' | 'fetch' | 'config'> {
  /** Where the CPU-bound decode/parse/normalize runs; defaults to this thread (see ParsePool). */
  processFeed?: (document: FeedDocument) => Promise<ProcessedFeed>;
}

export type RefreshOutcome =
  | { status: 'ok'; sourceId: string; itemsFound: number; itemsNew: number; sightingsNew: number; durationMs: number }
  | { status: 'not_modified'; sourceId: string; durationMs: number }
  | { status: 'failed'; sourceId: string; error: AppError; isPermanent: boolean; durationMs: number };

/**
 * The one unit of work: refresh a single source. Fetch (conditional GET, limits) → decode → parse
 * → normalize (→ digest links) → store, in that order, owned here and nowhere else.
 *
 * Everything a fetch learns is written in one transaction — items, sightings, the `fetches` row
 * and the source's new state — so a crash leaves the source fully stored or untouched. A failure
 * is recorded on the source (backoff, error) and returned, never thrown: one broken source never
 * stops the others. The in-process pool and the BullMQ worker both call this.
 */
export async function refreshSource(deps: RefreshDeps, sourceId: string): Promise<RefreshOutcome> {
  const source = await deps.db.selectFrom('sources').selectAll().where('id', '=', sourceId).executeTakeFirst();
  if (!source) throw new AppError('UNKNOWN_SOURCE', `no source with id "${sourceId}" (is it in sources.yaml?)`);
  const log = deps.log.child({ sourceId });
  const startedAt = deps.clock.now();
  // durations from the monotonic clock: deps.clock may be fixed (tests, replays) or far from the wall clock
  const startedMs = performance.now();
  const elapsed = () => Math.round(performance.now() - startedMs);
  const intervalMs = source.interval_seconds * 1000;

  try {
    const fetched = await fetchFeed(
      { fetch: deps.fetch, userAgent: deps.config.defaults.user_agent, clock: deps.clock },
      { url: source.url, etag: source.etag, lastModified: source.last_modified, timeoutMs: source.timeout_ms, maxBytes: MAX_FEED_BYTES },
    );
    const fetchRow = { started_at: startedAt, http_status: fetched.kind === 'ok' ? fetched.status : 304, bytes: fetched.kind === 'ok' ? fetched.bytes.byteLength : 0 };

    if (fetched.kind === 'not-modified' || fetched.unchanged) {
      const nextCheckAt = new Date(startedAt.getTime() + computeSuccessDelay(intervalMs, { maxAgeSeconds: fetched.maxAgeSeconds }));
      // One transaction: the source's state and the attempt are one write (one WAL flush) per 304.
      await deps.db.transaction().execute((trx) =>
        markSourceSucceeded(trx, sourceId, {
          now: startedAt,
          status: 'not_modified',
          etag: fetched.etag ?? source.etag,
          lastModified: fetched.lastModified ?? source.last_modified,
          nextCheckAt,
          fetch: { ...fetchRow, duration_ms: elapsed() },
        }),
      );
      log.debug('not modified');
      return { status: 'not_modified', sourceId, durationMs: elapsed() };
    }

    const processed = await (deps.processFeed ?? processFeed)({
      bytes: fetched.bytes,
      contentType: fetched.contentType,
      feedUrl: source.url,
      finalUrl: fetched.finalUrl,
      isDigest: source.kind === 'digest',
      now: startedAt,
    });
    if (processed.skippedLinks.length > 0) log.debug({ skipped: processed.skippedLinks }, 'newsletter links skipped');
    const resolved = await resolveLinkRedirects(deps, processed.items);
    const appearances = countAppearances(resolved);
    const items = mergeByCanonicalUrl(resolved);
    const nextCheckAt = new Date(startedAt.getTime() + computeSuccessDelay(intervalMs, { ttlMinutes: processed.ttlMinutes ?? undefined, maxAgeSeconds: fetched.maxAgeSeconds }));

    const counts = await deps.db.transaction().execute(async (trx) => {
      const refs = await upsertItems(trx, items, startedAt);
      const sightingsNew = await recordSightings(
        trx,
        items.flatMap((item) => {
          const ref = refs.get(item.canonicalUrl);
          return ref
            ? [
                {
                  item_id: ref.id,
                  source_id: sourceId,
                  first_seen_at: startedAt,
                  guid: item.guid,
                  points: item.points,
                  comments: item.comments,
                  digest_issue_url: item.digestIssueUrl,
                  is_late: !ref.isNew,
                  ...appearances.get(item.canonicalUrl),
                },
              ]
            : [];
        }),
      );
      const itemsNew = [...refs.values()].filter((ref) => ref.isNew).length;
      await markSourceSucceeded(trx, sourceId, {
        now: startedAt,
        status: 'ok',
        etag: fetched.etag,
        lastModified: fetched.lastModified,
        nextCheckAt,
        fetch: { ...fetchRow, duration_ms: elapsed(), items_found: items.length, items_new: itemsNew, sightings_new: sightingsNew },
      });
      return { itemsNew, sightingsNew };
    });
    log.debug({ itemsFound: items.length, ...counts }, 'refreshed');
    return { status: 'ok', sourceId, itemsFound: items.length, ...counts, durationMs: elapsed() };
  } catch (caught) {
    const error = toAppError(caught);
    const isPermanent = isPermanentError(error);
    const { errorCount, nextCheckAt } = await markSourceFailed(deps.db, sourceId, {
      now: startedAt,
      errorCode: error.code,
      error: error.message,
      httpStatus: error instanceof FetchError ? (error.status ?? null) : null,
      intervalMs,
      retryAfterMs: error instanceof FetchError ? error.retryAfterMs : undefined,
      durationMs: elapsed(),
    });
    log.warn({ err: error, errorCount, nextCheckAt }, 'refresh failed');
    return { status: 'failed', sourceId, error, isPermanent, durationMs: elapsed() };
  }
}

/**
 * Per canonical URL, the newest entry date that carried it (a newsletter link is dated by its
 * issue) and how many distinct dates did: a feed showing three weeks of trending lists holds a
 * repository once per day it trended. Undated entries count nothing (their date would be the fetch).
 */
function countAppearances(items: readonly FoundItem[]): Map<string, { appeared_at: Date | null; appearances: number }> {
  const dates = new Map<string, Set<number>>();
  for (const item of items) {
    let seen = dates.get(item.canonicalUrl);
    if (!seen) dates.set(item.canonicalUrl, (seen = new Set()));
    if (item.publishedAt) seen.add(item.publishedAt.getTime());
  }
  const counts = new Map<string, { appeared_at: Date | null; appearances: number }>();
  for (const [url, seen] of dates) counts.set(url, { appeared_at: seen.size > 0 ? new Date(Math.max(...seen)) : null, appearances: Math.max(1, seen.size) });
  return counts;
}

/** Fetch and parse errors are already typed; anything else (a database error mid-store) is wrapped, keeping its cause. */
function toAppError(error: unknown): AppError {
  if (error instanceof FetchError || error instanceof ParseError || error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', `refresh failed: ${message}`, { cause: error });
}
