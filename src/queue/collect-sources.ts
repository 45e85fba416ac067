import pLimit, { type LimitFunction } from 'p-limit';
import { refreshSource, type RefreshDeps, type RefreshOutcome } from '../refresh/refresh-source.ts';
import { FetchError } from '../shared/errors.ts';
import { loadSources } from '../store/sources/load-sources.ts';
import type { SelectedSource } from '../store/sources/select-due-sources.ts';
import { createNotModifiedBatch } from './create-not-modified-batch.ts';

export interface CollectOptions {
  /** Sources refreshed at once, overall. */
  concurrency: number;
  /** Sources refreshed at once on one host (rsshub, github.com, youtube.com… carry many sources each). */
  perHostConcurrency: number;
  onOutcome?: (outcome: RefreshOutcome) => void;
  /** Once aborted, no further source is started; those running finish (refreshSource has no way to stop mid-write). */
  signal?: AbortSignal;
}

export interface CollectSummary {
  sources: number;
  ok: number;
  notModified: number;
  failed: number;
  itemsNew: number;
  sightingsNew: number;
  durationMs: number;
  /** `status`: the HTTP status of an HTTP_STATUS failure. */
  failures: Array<{ sourceId: string; code: string; status?: number; message: string }>;
}

/**
 * The in-process transport: refreshes the given sources with a global limit and a per-host limit.
 * A source waits for its host's slot before taking a global one, so a host with many sources never
 * holds global slots idle. Failures are outcomes, not exceptions: the pass always completes (an
 * aborted `signal` ends it early: the sources not started yet are left for the next pass).
 *
 * The database sees the pass, not each source: the rows are read in one statement at the start
 * (a source's row is therefore as it was when the pass began), and the 304s are written together
 * (createNotModifiedBatch) before the pass returns. New content and failures are written as they
 * come, one transaction per source, as the worker writes them.
 */
export async function collectSources(
  deps: RefreshDeps,
  sources: readonly SelectedSource[],
  options: CollectOptions,
): Promise<CollectSummary> {
  const startedAt = Date.now();
  const globalLimit = pLimit(options.concurrency);
  const hostLimits = new Map<string, LimitFunction>();
  const limitFor = (url: string) => {
    const host = hostOf(url);
    let limit = hostLimits.get(host);
    if (!limit) {
      limit = pLimit(options.perHostConcurrency);
      hostLimits.set(host, limit);
    }
    return limit;
  };

  const summary: CollectSummary = {
    sources: sources.length,
    ok: 0,
    notModified: 0,
    failed: 0,
    itemsNew: 0,
    sightingsNew: 0,
    durationMs: 0,
    failures: [],
  };
  const rows = await loadSources(
    deps.db,
    sources.map((source) => source.id),
  );
  const notModified = createNotModifiedBatch(deps);
  await Promise.all(
    sources.map((source) =>
      limitFor(source.url)(() =>
        globalLimit(async () => {
          if (options.signal?.aborted) return;
          const outcome = await refreshSource(deps, source.id, { source: rows.get(source.id), recordNotModified: notModified.add });
          if (outcome.status === 'ok') {
            summary.ok += 1;
            summary.itemsNew += outcome.itemsNew;
            summary.sightingsNew += outcome.sightingsNew;
          } else if (outcome.status === 'not_modified') {
            summary.notModified += 1;
          } else {
            summary.failed += 1;
            const status = outcome.error instanceof FetchError ? outcome.error.status : undefined;
            summary.failures.push({ sourceId: outcome.sourceId, code: outcome.error.code, status, message: outcome.error.message });
          }
          options.onOutcome?.(outcome);
        }),
      ),
    ),
  ).finally(() => notModified.flush());
  summary.durationMs = Date.now() - startedAt;
  return summary;
}

/** The host a source's requests go to; an unparsable URL gets its own bucket (its fetch will fail with BAD_URL). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url; // invalid URL: reported by fetchFeed as BAD_URL
  }
}
