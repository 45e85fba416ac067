import { collectSources, type CollectSummary } from '../queue/collect-sources.ts';
import { selectDueSources } from '../queue/select-due-sources.ts';
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
 */
export function createInProcessCollectNow(deps: RefreshDeps, options: InProcessCollectOptions): CollectNow {
  let current: CollectNowStatus = idleCollectStatus('in-process');

  const run = async (status: CollectNowStatus) => {
    try {
      const sources = await selectDueSources(deps.db, deps.clock.now(), { all: true });
      status.total = sources.length;
      const summary = await collectSources(deps, sources, {
        concurrency: options.concurrency,
        perHostConcurrency: options.perHostConcurrency,
        onOutcome: (outcome) => {
          status.done += 1;
          if (outcome.status === 'failed') status.failed += 1;
        },
      });
      deps.log.info({ ...summary, failures: summary.failures.length }, 'collect now: pass done');
      await options.afterPass?.(summary).catch((error: unknown) => deps.log.error({ err: error }, 'collect now: after the pass'));
      status.state = 'done';
    } catch (error) {
      deps.log.error({ err: error }, 'collect now: the pass failed');
      status.state = 'failed';
      status.error = error instanceof Error ? error.message : String(error);
    }
    status.finishedAt = new Date().toISOString();
  };

  return {
    async start() {
      if (current.state === 'running') return { ...current };
      current = { ...idleCollectStatus('in-process'), state: 'running', startedAt: new Date().toISOString() };
      void run(current);
      return { ...current };
    },
    async status() {
      return { ...current };
    },
  };
}
