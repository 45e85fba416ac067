import { collectSources, type CollectSummary } from '../queue/collect-sources.ts';
import { selectDueSources } from '../store/sources/select-due-sources.ts';
import type { RefreshDeps } from '../refresh/refresh-source.ts';
import { idleCollectStatus, type CollectNow, type CollectNowStatus } from './collect-now.ts';

export interface InProcessCollectOptions {
  concurrency: number;
  perHostConcurrency: number;
  /** After the pass (e.g. re-rank the week so new links show on the board); its failure is logged. */
  afterPass?: (summary: CollectSummary) => Promise<void>;
}

/**
 * Collect now without Redis: the same pass as `sift collect --all` (collectSources, global and
 * per-host limits), run in the review process in the background, counting outcomes as they come.
 * close() stops it starting sources and waits for the running ones, so the database outlives them.
 */
export function createInProcessCollectNow(deps: RefreshDeps, options: InProcessCollectOptions): CollectNow {
  let current: CollectNowStatus = idleCollectStatus('in-process');
  const stopping = new AbortController();
  let running: Promise<void> = Promise.resolve();

  const run = async (status: CollectNowStatus) => {
    try {
      const sources = await selectDueSources(deps.db, deps.clock.now(), { all: true });
      status.total = sources.length;
      const summary = await collectSources(deps, sources, {
        concurrency: options.concurrency,
        perHostConcurrency: options.perHostConcurrency,
        signal: stopping.signal,
        onOutcome: (outcome) => {
          status.done += 1;
          if (outcome.status === 'failed') status.failed += 1;
        },
      });
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
      if (current.state === 'running') deps.log.warn({ timeoutMs }, 'collect now: sources still being fetched at shutdown');
    },
  };
}
