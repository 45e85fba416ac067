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
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * Hands the old generation's growth back to V8 until limitHeapGrowth() is called again: for a
 * phase that holds a few MB, where the cap only adds full GCs. A `sift collect` pass runs so until
 * its first document to parse, so one that gets only 304s does without (bench/, case process: a
 * full GC, 5–10 % of such a pass).
 */
export function relaxHeapGrowth() {
  v8.setFlagsFromString('--heap-growing-percent=0');
}
