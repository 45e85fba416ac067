import { ORDERINGS, recallOf, type Ordering, type RecallCounts } from './score-ranking.ts';

export type RecallJson = RecallCounts & { recall: Record<Ordering, { atSlots: number | null; atTriple: number | null }> };

/**
 * Counts with their recalls, for `--json`: recall is null (not NaN, which JSON cannot carry)
 * when no pick was in the pool.
 */
export function toRecallJson(counts: RecallCounts): RecallJson {
  const orNull = (value: number) => (Number.isNaN(value) ? null : value);
  const recall = Object.fromEntries(
    ORDERINGS.map((ordering) => [
      ordering,
      { atSlots: orNull(recallOf(counts, 'atSlots', ordering)), atTriple: orNull(recallOf(counts, 'atTriple', ordering)) },
    ]),
  ) as RecallJson['recall'];
  return { ...counts, recall };
}
