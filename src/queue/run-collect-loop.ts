import type { RefreshDeps } from '../refresh/refresh-source.ts';
import { collectSources, type CollectSummary } from './collect-sources.ts';
import { selectDueSources } from '../store/sources/select-due-sources.ts';

export interface CollectLoopOptions {
  /** How often to look for due sources. */
  tickMs: number;
  concurrency: number;
  perHostConcurrency: number;
  /** Called after every pass that refreshed something (e.g. to re-rank the week). */
  afterPass?: (summary: CollectSummary) => Promise<void>;
}

export interface CollectLoop {
  /** Resolves when the first pass (started at once) has finished. */
  readonly firstPass: Promise<void>;
  /** Stops ticking and waits for a running pass to finish. */
  stop(): Promise<void>;
}

/**
 * The scheduler of one-process mode (no Redis): a pass over the due sources at once, then one
 * every tick. Passes never overlap; a failing pass is logged and the next tick tries again.
 */
export function startCollectLoop(deps: RefreshDeps, options: CollectLoopOptions): CollectLoop {
  let running: Promise<void> = Promise.resolve();
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;

  const pass = async () => {
    try {
      const sources = await selectDueSources(deps.db, deps.clock.now());
      if (sources.length === 0) return;
      const summary = await collectSources(deps, sources, options);
      deps.log.info({ ...summary, failures: summary.failures.length }, 'collect pass done');
      if (!isStopped) await options.afterPass?.(summary);
    } catch (error) {
      deps.log.error({ err: error }, 'collect pass failed; retrying on the next tick');
    }
  };
  const schedule = () => {
    if (isStopped) return;
    timer = setTimeout(() => {
      running = pass().finally(schedule);
    }, options.tickMs);
  };
  running = pass().finally(schedule);
  const firstPass = running;

  return {
    firstPass,
    async stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
