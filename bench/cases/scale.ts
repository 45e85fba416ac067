import { startFixture } from '../fixture/start-fixture.ts';
import { readDefaultConcurrency } from '../lib/make-sources-config.ts';
import { median } from '../lib/measure.ts';
import { buildCollectChild, runCollectChild } from '../lib/run-collect-child.ts';
import type { BenchCase } from '../lib/types.ts';

const FULL_COUNT = 10_000;
const BASE_COUNT = 250;
/** --quick: a smoke run of the same measurement, small enough for the one-minute budget. */
const QUICK_COUNT = 500;
const QUICK_BASE_COUNT = 100;
const PORT_COUNT = 64;
const PEAK_RSS_LIMIT_MB = 300;

/**
 * 10,000 sources × 20 items, first pass, in-process, Postgres: does a large configuration finish,
 * within a memory budget, at the rate of a small one? Each pass runs in its own process (peak RSS
 * is that process's), and each run measures the 250-source pass of the same feed set next to the
 * large one, so the scaling ratio compares like with like, in the same run.
 */
export const scale: BenchCase = {
  name: 'scale',
  summary: '10,000 sources × 20 items: completes, peak RSS, items/s vs 250 sources of the same set',
  async run(context) {
    const count = context.quick ? QUICK_COUNT : FULL_COUNT;
    const baseCount = context.quick ? QUICK_BASE_COUNT : BASE_COUNT;
    context.progress(`scale: generating and serving ${count.toLocaleString('en')} feeds × 20 items on ${PORT_COUNT} ports`);
    const child = await buildCollectChild();
    const fixture = await startFixture({ seed: context.seed, count, profile: 'uniform20', portCount: PORT_COUNT }).catch(
      async (error: unknown) => {
        await child.remove();
        throw error;
      },
    );
    const limits = readDefaultConcurrency();
    const samples = {
      baseMs: [] as number[],
      baseRate: [] as number[],
      largeMs: [] as number[],
      largeRate: [] as number[],
      rss: [] as number[],
      baseRss: [] as number[],
      ratio: [] as number[],
      modulesRss: [] as number[],
      configRss: [] as number[],
    };
    let itemsFound = 0;
    try {
      for (let run = 0; run < context.runs; run++) {
        context.progress(`scale run ${run + 1}/${context.runs}: ${baseCount} sources`);
        const base = await runCollectChild(child, {
          feeds: fixture.feeds.slice(0, baseCount),
          adminUrl: context.adminUrl,
          limits,
          parseThreads: context.parseThreads,
        });
        context.progress(`scale run ${run + 1}/${context.runs}: ${count.toLocaleString('en')} sources`);
        const large = await runCollectChild(child, {
          feeds: fixture.feeds,
          adminUrl: context.adminUrl,
          limits,
          parseThreads: context.parseThreads,
        });
        itemsFound = large.itemsFound;
        const baseRate = base.itemsFound / (base.ms / 1000);
        const largeRate = large.itemsFound / (large.ms / 1000);
        samples.baseMs.push(base.ms);
        samples.baseRate.push(baseRate);
        samples.baseRss.push(base.peakRssMB);
        samples.largeMs.push(large.ms);
        samples.largeRate.push(largeRate);
        samples.rss.push(large.peakRssMB);
        samples.modulesRss.push(large.modulesRssMB);
        samples.configRss.push(large.configPeakRssMB);
        samples.ratio.push(largeRate / baseRate);
      }
    } finally {
      await fixture.close();
      await child.remove();
    }
    const label = count.toLocaleString('en');
    return {
      setup: [
        `${label} feeds × 20 items (no newsletters) on ${PORT_COUNT} ports, ${(fixture.totalBytes / 1e6).toFixed(0)} MB, ${itemsFound.toLocaleString('en')} items; concurrency ${limits.concurrency}, ${limits.perHostConcurrency} per host; parse pool ${context.parseThreads} thread(s); each pass in its own process, run by plain node from an esbuild bundle as \`npm run build\` makes`,
        ...(context.quick
          ? [`--quick: ${label} and ${baseCount} sources instead of ${FULL_COUNT.toLocaleString('en')} and ${BASE_COUNT}`]
          : []),
      ],
      metrics: [
        { name: `first pass, ${baseCount} sources`, unit: 'ms', samples: samples.baseMs },
        { name: `  items/s, ${baseCount} sources`, unit: 'items/s', samples: samples.baseRate },
        { name: `  peak RSS, ${baseCount} sources`, unit: 'MB', samples: samples.baseRss },
        { name: `first pass, ${label} sources`, unit: 'ms', samples: samples.largeMs },
        { name: `  items/s, ${label} sources`, unit: 'items/s', samples: samples.largeRate },
        { name: `  RSS with sift's modules loaded (bundle), before any work`, unit: 'MB', samples: samples.modulesRss },
        { name: `  peak RSS after reading the ${label}-source sources.yaml`, unit: 'MB', samples: samples.configRss },
        { name: `  peak RSS, ${label} sources (whole process)`, unit: 'MB', samples: samples.rss },
      ],
      targets: [
        {
          name: `${label} sources: peak RSS ≤ ${PEAK_RSS_LIMIT_MB} MB`,
          measured: median(samples.rss),
          comparison: '<=',
          limit: PEAK_RSS_LIMIT_MB,
          unit: 'MB',
          detail: 'peak resident set (VmHWM) of the process that ran the pass',
        },
        {
          name: `${label} sources: items/s ≥ 75 % of ${baseCount} sources`,
          measured: median(samples.ratio) * 100,
          comparison: '>=',
          limit: 75,
          unit: '%',
          detail: `items/s (${label}) ÷ items/s (${baseCount}), same run`,
        },
      ],
    };
  },
};
