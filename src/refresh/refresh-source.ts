import type { Transaction } from 'kysely';
import type { Database, SourceRow } from '../db/tables.ts';
import { fetchFeed } from '../fetch/fetch-feed.ts';
import { AppError, FetchError, ParseError, isPermanentError } from '../shared/errors.ts';
import { shortenForLog } from '../shared/shorten-for-log.ts';
import { recordSightingPositions } from '../store/sightings/record-sighting-positions.ts';
import { recordSightings } from '../store/sightings/record-sightings.ts';
import type { NotModifiedRecord } from '../store/sources/mark-sources-not-modified.ts';
import { loadSource } from '../store/sources/load-source.ts';
import { computeSuccessDelay, markSourceFailed, markSourceSucceeded } from '../store/sources/source-health.ts';
import { byCanonicalUrl, mergeByCanonicalUrl, upsertItems } from '../store/items/upsert-items.ts';
import { isRowDataError, writeSkippingBadRows } from '../store/write-skipping-bad-rows.ts';
import { choosePrivateNetworkPolicy } from './choose-private-network-policy.ts';
import { resolveLinkRedirects } from './resolve-link-redirects.ts';
import { listPositions } from './list-positions.ts';
import type { FoundItem } from './process-feed.ts';
import type { RefreshDeps } from './refresh-deps.ts';

export const MAX_FEED_BYTES = 15 * 1024 * 1024;

// Callers of refreshSource name what they pass it from here; the type lives apart (see refresh-deps.ts).
export type { RefreshDeps } from './refresh-deps.ts';

export type RefreshOutcome =
  | { status: 'ok'; sourceId: string; itemsFound: number; itemsNew: number; sightingsNew: number; durationMs: number }
  | { status: 'not_modified'; sourceId: string; durationMs: number }
  | { status: 'failed'; sourceId: string; error: AppError; isPermanent: boolean; durationMs: number };

/**
 * What a pass over many sources (collectSources) hands each refresh so that a 304 costs no
 * statement of its own; the worker's one-source jobs pass nothing and read and write per source.
 */
export interface RefreshPass {
  /** The source's row, read once for the whole pass (loadSources) instead of once per refresh. */
  source?: SourceRow;
  /**
   * Takes a not-modified outcome to be written with the pass's others (markSourcesNotModified)
   * instead of at once. Only 304s go this way: new content and failures stay one transaction per source.
   */
  recordNotModified?: (record: NotModifiedRecord) => void;
}

/**
 * The one unit of work: refresh a single source. Fetch (conditional GET, limits) → decode → parse
 * → normalize (→ digest links) → store, in that order, owned here and nowhere else.
 *
 * Everything a fetch learns is written in one transaction — items, sightings, the `fetches` row
 * and the source's new state — so a crash leaves the source fully stored or untouched. An item the
 * database refuses (a value out of range) is skipped with a warning naming it, and the rest of the
 * batch is stored (see writeSkippingBadRows). A failure
 * is recorded on the source (backoff, error) and returned, never thrown: one broken source never
 * stops the others. The in-process pool and the BullMQ worker both call this.
 */
export async function refreshSource(deps: RefreshDeps, sourceId: string, pass: RefreshPass = {}): Promise<RefreshOutcome> {
  const source = pass.source ?? (await loadSource(deps.db, sourceId));
  if (!source) throw new AppError('UNKNOWN_SOURCE', `no source with id "${sourceId}" (is it in sources.yaml?)`);
  const log = deps.log.child({ sourceId });
  const startedAt = deps.clock.now();
  // durations from the monotonic clock: deps.clock may be fixed (tests, replays) or far from the wall clock
  const startedMs = performance.now();
  const elapsed = () => Math.round(performance.now() - startedMs);
  const intervalMs = source.interval_seconds * 1000;

  // What the feed chooses (redirects elsewhere, click-throughs) stays off private networks unless allowed.
  const networkPolicy = choosePrivateNetworkPolicy(deps, sourceId);

  try {
    const fetched = await fetchFeed(
      { fetch: deps.fetch, userAgent: deps.config.defaults.user_agent, clock: deps.clock, publicDispatcher: deps.publicDispatcher },
      {
        url: source.url,
        etag: source.etag,
        lastModified: source.last_modified,
        timeoutMs: source.timeout_ms,
        maxBytes: MAX_FEED_BYTES,
        allowPrivateNetworks: networkPolicy.allowPrivateNetworks,
      },
    );
    const fetchRow = {
      started_at: startedAt,
      http_status: fetched.kind === 'ok' ? fetched.status : 304,
      bytes: fetched.kind === 'ok' ? fetched.bytes.byteLength : 0,
    };

    if (fetched.kind === 'not-modified' || fetched.unchanged) {
      const nextCheckAt = new Date(startedAt.getTime() + computeSuccessDelay(intervalMs, { maxAgeSeconds: fetched.maxAgeSeconds }));
      const state = {
        now: startedAt,
        etag: fetched.etag ?? source.etag,
        lastModified: fetched.lastModified ?? source.last_modified,
        nextCheckAt,
        fetch: { ...fetchRow, duration_ms: elapsed() },
      };
      // In a pass: written with the others (a lost 304 is only re-checked). Alone: one statement, the
      // source's state and the attempt in one round trip and one write (one WAL flush).
      if (pass.recordNotModified) pass.recordNotModified({ sourceId, state });
      else await markSourceSucceeded(deps.db, sourceId, { ...state, status: 'not_modified' });
      log.debug('not modified');
      return { status: 'not_modified', sourceId, durationMs: elapsed() };
    }

    // Loaded on first use: the parser's modules (rss-parser, iconv-lite, htmlparser2…) cost about 0.1 s of CPU
    // to a pass whose documents all go to the parse threads, or that gets only 304s (bench/, case process).
    const processed = await (deps.processFeed ?? (await import('./process-feed.ts')).processFeed)({
      bytes: fetched.bytes,
      contentType: fetched.contentType,
      feedUrl: source.url,
      finalUrl: fetched.finalUrl,
      isDigest: source.kind === 'digest',
      now: startedAt,
    });
    if (processed.skippedLinks.length > 0) log.debug({ skipped: processed.skippedLinks }, 'newsletter links skipped');
    const resolved = await resolveLinkRedirects({ ...deps, log, fetch: networkPolicy.fetchChosenTargets }, processed.items, {
      budgetMs: source.timeout_ms - elapsed(),
    });
    const appearances = countAppearances(resolved);
    // a ranked list's order is news (#1 on trending); a chronological feed's is not, and is not kept
    const positions = deps.config.sources.find((configured) => configured.id === sourceId)?.ranked
      ? listPositions(resolved, startedAt)
      : null;
    const items = mergeByCanonicalUrl(resolved);
    const nextCheckAt = new Date(
      startedAt.getTime() +
        computeSuccessDelay(intervalMs, { ttlMinutes: processed.ttlMinutes ?? undefined, maxAgeSeconds: fetched.maxAgeSeconds }),
    );

    /** Items with their sightings: a part of the batch, stored or refused as one. */
    const storeItems = async (trx: Transaction<Database>, part: readonly FoundItem[]) => {
      const refs = await upsertItems(trx, part, startedAt);
      const sightingsNew = await recordSightings(
        trx,
        part.flatMap((item) => {
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
      if (positions) {
        await recordSightingPositions(
          trx,
          part.flatMap((item) => {
            const ref = refs.get(item.canonicalUrl);
            return ref
              ? (positions.get(item.canonicalUrl) ?? []).map(({ listedAt, position }) => ({
                  item_id: ref.id,
                  source_id: sourceId,
                  listed_at: listedAt,
                  position,
                }))
              : [];
          }),
        );
      }
      return { itemsNew: [...refs.values()].filter((ref) => ref.isNew).length, sightingsNew };
    };
    // `log` names the source on every line
    const store = (skipBadItems: boolean) =>
      deps.db.transaction().execute(async (trx) => {
        const parts = skipBadItems
          ? await writeSkippingBadRows(
              trx,
              [...items].sort(byCanonicalUrl),
              (part) => storeItems(trx, part),
              (item, error) =>
                log.warn({ link: shortenForLog(item.url), error: shortenForLog(error) }, 'item skipped: it cannot be stored'),
            )
          : [await storeItems(trx, items)];
        const itemsNew = parts.reduce((sum, part) => sum + part.itemsNew, 0);
        const sightingsNew = parts.reduce((sum, part) => sum + part.sightingsNew, 0);
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
    // The batch in one go (no savepoints on the common path); when the database refuses a row, the
    // same transaction again with the refused items skipped and named, so one bad item never loses a source.
    const counts = await store(false).catch((error: unknown) => {
      if (!isRowDataError(error)) throw error;
      return store(true);
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
  for (const [url, seen] of dates)
    counts.set(url, { appeared_at: seen.size > 0 ? new Date(Math.max(...seen)) : null, appearances: Math.max(1, seen.size) });
  return counts;
}

/** Fetch and parse errors are already typed; anything else (a database error mid-store) is wrapped, keeping its cause. */
function toAppError(error: unknown): AppError {
  if (error instanceof FetchError || error instanceof ParseError || error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', `refresh failed: ${message}`, { cause: error });
}
