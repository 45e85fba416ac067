/**
 * Child-process entry for one measured collect pass, so its peak RSS is its own: the parent's
 * fixture, earlier cases and their garbage never count. Used by the scale case, which runs it
 * bundled (lib/run-collect-child.ts), as a built `sift collect` runs: no tsx in the process.
 *
 * IPC: parent sends a CollectChildRequest; child answers { type: 'done', result } or
 * { type: 'error', message } and exits.
 */
import { readFileSync } from 'node:fs';
import { limitHeapGrowth } from '../../bin/limit-heap-growth.mjs';
import { createProcessFeedPool } from '../../src/refresh/process-feed-pool.ts';
import type { RefreshDeps } from '../../src/refresh/refresh-source.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import type { ServedFeed } from '../fixture/serve-feeds.ts';
import { createBenchDatabase } from '../lib/bench-database.ts';
import { makeSourcesConfig, seedSources } from '../lib/make-sources-config.ts';
import { time } from '../lib/measure.ts';
import { runCollectPass, warmUp, type Limits } from '../lib/passes.ts';

export interface CollectChildRequest {
  feeds: ServedFeed[];
  adminUrl: string;
  limits: Limits;
  /** Parse pool threads; 0 parses on the main thread. */
  parseThreads: number;
}

export interface CollectChildResult {
  ms: number;
  itemsFound: number;
  itemsNew: number;
  /** Peak resident set of this process over its whole life (config, seeding and the pass), in MB. */
  peakRssMB: number;
  /** Resident set once sift's modules are loaded (from the bundle), before any work, in MB. */
  modulesRssMB: number;
  /** Peak resident set after the sources.yaml text was parsed and validated, before the pass, in MB. */
  configPeakRssMB: number;
}

/**
 * This process's peak resident set, in MB: VmHWM of /proc/self/status, the high-water mark of the
 * memory this program mapped. Not resourceUsage().maxRSS: Linux carries that across exec, so a
 * child forked from a big parent reports the parent's size (a 250-source pass "peaked" at the
 * 290 MB of the bench process that forked it). maxRSS only where there is no /proc.
 */
function peakRssMB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

// What bin/sift.mjs does before it runs a command, so the pass runs under sift's GC policy.
limitHeapGrowth();

process.once('message', (request: CollectChildRequest) => {
  run(request).then(
    (result) => process.send?.({ type: 'done', result }, () => process.exit(0)),
    (error: unknown) =>
      process.send?.({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () =>
        process.exit(1),
      ),
  );
});

async function run(request: CollectChildRequest): Promise<CollectChildResult> {
  const modulesRssMB = process.memoryUsage().rss / 2 ** 20;
  const config = makeSourcesConfig(request.feeds);
  const configPeakRssMB = peakRssMB();
  request.feeds.length = 0; // what a real run holds is its config, not the parent's feed list
  const database = await createBenchDatabase('postgres', request.adminUrl);
  const pool = request.parseThreads > 0 ? createProcessFeedPool({ size: request.parseThreads }) : undefined;
  try {
    if (pool) await warmUp(pool.processFeed, pool.size);
    await seedSources(database.db, config);
    const deps: RefreshDeps = {
      db: database.db,
      log: silentLogger(),
      clock: systemClock,
      fetch: globalThis.fetch,
      config,
      ...(pool ? { processFeed: pool.processFeed } : {}),
    };
    const pass = await time(() => runCollectPass(deps, request.limits, { all: false }));
    if (pass.value.ok !== config.sources.length)
      throw new Error(`expected ${config.sources.length} sources refreshed, got ${pass.value.ok}`);
    return {
      ms: pass.ms,
      itemsFound: pass.value.itemsFound,
      itemsNew: pass.value.itemsNew,
      peakRssMB: peakRssMB(),
      modulesRssMB,
      configPeakRssMB,
    };
  } finally {
    await pool?.close();
    await database.drop();
  }
}
