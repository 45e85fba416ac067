// The garbage collector's memory policy of every sift process (bin/sift.mjs sets it first thing).
import v8 from 'node:v8';

/**
 * How far the old generation may grow past what the last full GC kept, in percent. V8 picks up to
 * 300 % on a machine with a few GB free: a `sift collect` of 10,000 sources keeps ~40 MB alive
 * but let its heap reach 170 MB between full GCs, its largest cost in memory. At 50 % its peak
 * resident set is ~120 MB lower for the same wall and CPU time (bench/, case scale).
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Applies HEAP_GROWING_PERCENT to this process, worker threads included (V8's flags are per
 * process). Node warns that changing V8 flags at run time may do nothing or worse; this one is
 * safe to change: V8 reads it afresh each time it sets the next full GC's threshold, and it
 * changes no limit, so a process that needs a large heap still gets one, with more frequent GCs.
 */
export function limitHeapGrowth() {
  policy.isLimited = true;
  if (policy.relaxedPhases === 0) v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * Whether the process asked for the cap (limitHeapGrowth), and how many withHeapGrowthRelaxed
 * phases run now: one record per process, as V8's flag is. It lives on globalThis because the
 * built sift holds two copies of this module (bin/sift.mjs imports this file, the bundle in dist/
 * its own copy), and the cap set by one must be put back by the other.
 */
const policy = (globalThis[Symbol.for('sift.heapGrowthPolicy')] ??= { isLimited: false, relaxedPhases: 0 });

/**
 * Hands the old generation's growth back to V8 until limitHeapGrowth() is called again: for a
 * phase that holds a few MB, where the cap only adds full GCs. A `sift collect` pass runs so until
 * its first document to parse, so one that gets only 304s does without (bench/, case process: a
 * full GC, 5–10 % of such a pass).
 */
export function relaxHeapGrowth() {
  policy.isLimited = false;
  v8.setFlagsFromString('--heap-growing-percent=0');
}

/**
 * Runs `work` with the old generation's growth handed back to V8, then puts the cap back if the
 * process has one (and no other such phase still runs): for a short phase that loads much and
 * keeps little, where the cap's extra full GCs are its largest cost. Ranking a week of 50,000
 * links among 1,000,000 loads ~137,000 rows: relaxed, a rank takes ~130 ms less CPU (~840 ms
 * against ~1,010), and a process that ranks it 7 times peaks at 390–460 MB instead of 270–290
 * (bench/, case rank; README, Performance).
 *
 * @template T
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withHeapGrowthRelaxed(work) {
  policy.relaxedPhases += 1;
  if (policy.relaxedPhases === 1) v8.setFlagsFromString('--heap-growing-percent=0');
  try {
    return await work();
  } finally {
    policy.relaxedPhases -= 1;
    if (policy.relaxedPhases === 0 && policy.isLimited) v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  }
}
