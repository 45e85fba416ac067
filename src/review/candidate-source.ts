/**
 * What the board needs from ranking: for a week, the candidates in rank order with their score and
 * the reasons behind it. Everything shown on a card beyond that (sources, dates, text) the review
 * app reads from the database itself, so any ranker fits behind this interface.
 */
export interface RankedCandidate {
  /** The item the card shows (the cluster's representative). */
  itemId: number;
  /** Every item of the cluster, representative first; their sources are counted on the card. */
  memberIds?: readonly number[];
  /** Category id the ranker placed it in (a curator's move overrides it on the board). */
  category: string;
  score: number;
  /** Why it scored as it did, most important first; the board shows three. */
  reasons: readonly string[];
}

export interface CandidateSource {
  /** Candidates of `week` (e.g. `2026-W48`), best first within each category. */
  listCandidates(week: string): Promise<RankedCandidate[]>;
}
