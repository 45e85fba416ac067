import { collectSources, type CollectSummary } from '../queue/collect-sources.ts';
import { createProcessFeedPool, type ProcessFeedPool } from '../refresh/process-feed-pool.ts';
import { selectDueSources } from '../store/sources/select-due-sources.ts';
import type { RefreshDeps } from '../refresh/refresh-source.ts';
import { idleCollectStatus, type CollectNow, type CollectNowStatus } from './collect-now.ts';

export interface InProcessCollectOptions {
  concurrency: number;
  perHostConcurrency: number;
  /**
   * Worker threads that parse the pass's feeds (SIFT_PARSE_THREADS), started with its first
   * document and stopped when it ends. 0 parses on this thread, where a big feed holds every
   * request of the board until it is parsed (seconds for a few 5 MB feeds).
   */
  parseThreads: number;
  /** After the pass (e.g. re-rank the week so new links show on the board); its failure is logged. */
  afterPass?: (summary: CollectSummary) => Promise<void>;
}

/**
 * Collect now without Redis: the same pass as `sift collect --all` (collectSources, global and
 * per-host limits, feeds parsed on a pool of worker threads), run in the review process in the
 * background, counting outcomes as they come. close() stops it starting sources and waits for the
 * running ones, so the database outlives them; past its timeout it stops the parse threads too.
 */
export function createInProcessCollectNow(deps: RefreshDeps, options: InProcessCollectOptions): CollectNow {
  let current: CollectNowStatus = idleCollectStatus('in-process');
  const stopping = new AbortController();
  let running: Promise<void> = Promise.resolve();
  /** The running pass's parse threads, if it has any. */
  let pool: ProcessFeedPool | undefined;

  const run = async (status: CollectNowStatus) => {
    try {
      const sources = await selectDueSources(deps.db, deps.clock.now(), { all: true });
      status.total = sources.length;
      if (options.parseThreads > 0) pool = createProcessFeedPool({ size: options.parseThreads });
      const summary = await collectSources(pool ? { ...deps, processFeed: pool.processFeed } : deps, sources, {
        concurrency: options.concurrency,
        perHostConcurrency: options.perHostConcurrency,
        signal: stopping.signal,
        onOutcome: (outcome) => {
          status.done += 1;
          if (outcome.status === 'failed') status.failed += 1;
        },
      }).finally(() => pool?.close());
      deps.log.info({ ...summary, failures: summary.failures.length, stopped: stopping.signal.aborted }, 'collect now: pass done');
      if (stopping.signal.aborted) {
        // the rest waits for the next pass; the database is about to close, so no re-ranking now
        status.state = 'failed';
        status.error = 'the review server stopped before the pass ended';
      } else {
        await options.afterPass?.(summary).catch((error: unknown) => deps.log.error({ err: error }, 'collect now: after the pass'));
        status.state = 'done';
      }
    } catch (error) {
      deps.log.error({ err: error }, 'collect now: the pass failed');
      status.state = 'failed';
      status.error = error instanceof Error ? error.message : String(error);
    }
    status.finishedAt = new Date().toISOString();
  };

  return {
    async start() {
      if (current.state === 'running' || stopping.signal.aborted) return { ...current };
      current = { ...idleCollectStatus('in-process'), state: 'running', startedAt: new Date().toISOString() };
      running = run(current);
      return { ...current };
    },
    async status() {
      return { ...current };
    },
    async close(timeoutMs) {
      stopping.abort();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([running, deadline]);
      clearTimeout(timer);
      if (current.state !== 'running') return;
      deps.log.warn({ timeoutMs }, 'collect now: sources still being fetched at shutdown');
      // a feed still parsing fails with POOL_CLOSED: its threads would otherwise keep the process alive
      await pool?.close();
    },
  };
}
