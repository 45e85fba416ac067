import type { Candidate, CandidatesByCategory } from '../rank/build-candidates.ts';
import { loadCandidates } from '../store/candidates/load-candidates.ts';
import { rankWeek, type RankDeps } from '../curate/rank-week.ts';
import type { CandidateSource, RankedCandidate } from './candidate-source.ts';

export interface RankCandidateOptions {
  /** A stored ranking older than this is recomputed on the next board load (new items arrive all week). Default 10 minutes. */
  maxAgeMs?: number;
  /** Told of every fresh ranking (e.g. to read the top candidates' pages ahead of the curator); must not throw. */
  onRanked?: (week: string, candidates: CandidatesByCategory) => void;
}

/**
 * The board's candidates from the rank stage: the week's stored ranking (`loadCandidates`), ranked
 * afresh with `rankWeek` when the week was never ranked or its ranking is older than `maxAgeMs`.
 * Concurrent board loads of one week share a single re-ranking.
 */
export function createRankCandidateSource(deps: RankDeps, options: RankCandidateOptions = {}): CandidateSource {
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const inFlight = new Map<string, Promise<CandidatesByCategory>>();

  const rerank = (week: string) => {
    let running = inFlight.get(week);
    if (!running) {
      running = rankWeek(deps, week)
        .then((ranked) => {
          options.onRanked?.(week, ranked);
          return ranked;
        })
        .finally(() => inFlight.delete(week));
      inFlight.set(week, running);
    }
    return running;
  };

  return {
    async listCandidates(week: string): Promise<RankedCandidate[]> {
      let byCategory = await loadCandidates(deps.db, week);
      const computedAt = Object.values(byCategory).flat()[0]?.computedAt;
      if (!computedAt || deps.clock.now().getTime() - computedAt.getTime() > maxAgeMs) byCategory = await rerank(week);
      const order = deps.config.weekly.categories.map((category) => category.id);
      const categories = [...order, ...Object.keys(byCategory).filter((id) => !order.includes(id))];
      return categories.flatMap((id) => (byCategory[id] ?? []).map(toRankedCandidate));
    },
  };
}

function toRankedCandidate(candidate: Candidate): RankedCandidate {
  return {
    itemId: candidate.itemId,
    memberIds: candidate.members.map((member) => member.itemId).filter((id) => id !== candidate.itemId),
    category: candidate.category,
    score: candidate.score,
    reasons: candidate.reasons,
  };
}
