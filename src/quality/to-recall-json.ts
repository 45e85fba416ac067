import { ORDERINGS, recallOf, wilsonInterval, type Ordering, type RecallCounts } from './score-ranking.ts';

export type RecallJson = RecallCounts & {
  recall: Record<Ordering, { atSlots: number | null; atTriple: number | null }>;
  /** sift's recalls' 95 % intervals (wilsonInterval); null when no pick was in the pool. */
  interval: Record<'atSlots' | 'atTriple', { low: number; high: number } | null>;
};

/**
 * Counts with their recalls, for `--json`: recall is null (not NaN, which JSON cannot carry)
 * when no pick was in the pool; with the 95 % intervals of sift's recalls.
 */
export function toRecallJson(counts: RecallCounts): RecallJson {
  const orNull = (value: number) => (Number.isNaN(value) ? null : value);
  const recall = Object.fromEntries(
    ORDERINGS.map((ordering) => [
      ordering,
      { atSlots: orNull(recallOf(counts, 'atSlots', ordering)), atTriple: orNull(recallOf(counts, 'atTriple', ordering)) },
    ]),
  ) as RecallJson['recall'];
  const interval = {
    atSlots: wilsonInterval(counts.atSlots.sift, counts.inPool),
    atTriple: wilsonInterval(counts.atTriple.sift, counts.inPool),
  };
  return { ...counts, recall, interval };
}
