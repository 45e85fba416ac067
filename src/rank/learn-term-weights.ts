import { SCORE_TERMS, type ScoreTerm, type TermWeights } from './score-candidate.ts';

/** One card of a past week's ranking: its raw term points and whether the editor picked it. */
export interface RankedExample {
  category: string;
  terms: Partial<Record<ScoreTerm, number>>;
  isPick: boolean;
  at: Date;
}

export interface TermWeightOptions {
  halfLifeDays?: number;
  /** Fewer picks (decayed) than this in a category: no learned weights for it. Default 5. */
  minPicks?: number;
  /** Pull towards the hand-set weights, in examples' worth of evidence per term. Default 20. */
  priorStrength?: number;
  /** Gradient steps. Default 300. */
  steps?: number;
}

const DAY_MS = 86_400_000;
/** A learned weight stays within this range (×0 switches a term off; ×5 is plenty). */
const MAX_WEIGHT = 5;

/**
 * Learns, per category, how much each score term should count for this editor: a logistic regression
 * of "picked" on the terms of the cards past weeks showed (published weeks only: a card there was
 * either picked or passed over), each card weighted by age like every verdict. Weights are kept
 * non-negative, so a term keeps its meaning (more sources never lower a score) and the ranking's
 * pruning bound stays valid, and are pulled towards the hand-set score (all 1) with `priorStrength`:
 * little evidence leaves the score as documented, a season of issues moves it. Returns multipliers
 * of the hand-set points, 1 = unchanged; categories without enough picks are absent.
 */
export function learnTermWeights(examples: readonly RankedExample[], now: Date, options: TermWeightOptions = {}): Map<string, TermWeights> {
  const halfLifeMs = (options.halfLifeDays ?? 182) * DAY_MS;
  const byCategory = new Map<string, RankedExample[]>();
  for (const example of examples) {
    const list = byCategory.get(example.category);
    if (list) list.push(example);
    else byCategory.set(example.category, [example]);
  }
  const result = new Map<string, TermWeights>();
  for (const [category, list] of byCategory) {
    const ages = list.map((example) => 0.5 ** (Math.max(0, now.getTime() - example.at.getTime()) / halfLifeMs));
    const picks = list.reduce((sum, example, index) => sum + (example.isPick ? ages[index] : 0), 0);
    if (picks < (options.minPicks ?? 5) || picks >= ages.reduce((sum, age) => sum + age, 0)) continue;
    const weights = fitWeights(list, ages, options);
    if (weights) result.set(category, weights);
  }
  return result;
}

/**
 * Two fits on standardized terms: first the one slope of the hand-set score (every term ×1), which
 * puts the prior on the logistic scale; then every term's own slope, penalised by its distance
 * from that prior. Plain gradient descent: a few thousand cards and eleven terms.
 */
function fitWeights(list: readonly RankedExample[], sampleWeights: readonly number[], options: TermWeightOptions): TermWeights | null {
  const terms = SCORE_TERMS;
  const count = list.length;
  const x = list.map((example) => terms.map((term) => example.terms[term] ?? 0));
  const y = list.map((example) => (example.isPick ? 1 : 0));
  const totalWeight = sampleWeights.reduce((sum, weight) => sum + weight, 0);
  const spread = terms.map((_, column) => {
    const mean = x.reduce((sum, row, index) => sum + sampleWeights[index] * row[column], 0) / totalWeight;
    const variance = x.reduce((sum, row, index) => sum + sampleWeights[index] * (row[column] - mean) ** 2, 0) / totalWeight;
    return Math.sqrt(variance);
  });
  const active = terms.map((_, column) => spread[column] > 1e-9);
  const handScore = x.map((row) => row.reduce((sum, value) => sum + value, 0));
  const handSpread = Math.sqrt(handScore.reduce((sum, value) => sum + value * value, 0) / count) || 1;

  // 1. the hand-set score's slope
  const slope = fitLogistic(handScore.map((value) => [value / handSpread]), y, sampleWeights, [0], 0, options.steps ?? 300)[0] / handSpread;
  if (!(slope > 1e-6)) return null; // the hand-set score does not even order picks first: keep it as documented

  // 2. every term, standardized, pulled towards slope × 1 (in standardized units: slope × spread)
  const z = x.map((row) => row.map((value, column) => (active[column] ? value / spread[column] : 0)));
  const prior = terms.map((_, column) => (active[column] ? slope * spread[column] : 0));
  const fitted = fitLogistic(z, y, sampleWeights, prior, (options.priorStrength ?? 20) / totalWeight, options.steps ?? 300);
  const weights: TermWeights = {};
  terms.forEach((term, column) => {
    if (!active[column]) return;
    const multiplier = fitted[column] / spread[column] / slope;
    weights[term] = Math.min(MAX_WEIGHT, Math.max(0, multiplier));
  });
  return weights;
}

/**
 * Weighted logistic regression with an intercept by gradient descent, coefficients kept ≥ 0 and
 * penalised by `penalty` × |β − prior|². Starts at the prior. Returns the coefficients.
 */
function fitLogistic(x: readonly number[][], y: readonly number[], sampleWeights: readonly number[], prior: readonly number[], penalty: number, steps: number): number[] {
  const dimensions = prior.length;
  const beta = [...prior];
  const totalWeight = sampleWeights.reduce((sum, weight) => sum + weight, 0);
  const rate = 1 / totalWeight;
  const rate0 = y.reduce((sum, label, row) => sum + label * sampleWeights[row], 0) / totalWeight;
  let intercept = Math.log(rate0 / (1 - rate0)); // the base rate: picks are a few percent of the cards
  const gradient = new Array<number>(dimensions);
  for (let step = 0; step < steps; step += 1) {
    gradient.fill(0);
    let interceptGradient = 0;
    for (let row = 0; row < x.length; row += 1) {
      let linear = intercept;
      for (let column = 0; column < dimensions; column += 1) linear += beta[column] * x[row][column];
      const error = (1 / (1 + Math.exp(-linear)) - y[row]) * sampleWeights[row];
      interceptGradient += error;
      for (let column = 0; column < dimensions; column += 1) gradient[column] += error * x[row][column];
    }
    intercept -= rate * interceptGradient;
    for (let column = 0; column < dimensions; column += 1) {
      const regularized = gradient[column] * rate + 2 * penalty * (beta[column] - prior[column]);
      beta[column] = Math.max(0, beta[column] - regularized);
    }
  }
  return beta;
}
