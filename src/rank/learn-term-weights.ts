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
  const x = list.map((example) => terms.map((term) => example.terms[term] ?? 0));
  const y = list.map((example) => (example.isPick ? 1 : 0));
  const steps = options.steps ?? 300;
  // centered and scaled: a term whose points sit far from zero (every sourced card has 12) is
  // otherwise confused with the intercept; shifting a term's points changes no weight
  const standardize = (values: readonly number[]) => {
    const total = sampleWeights.reduce((sum, weight) => sum + weight, 0);
    const mean = values.reduce((sum, value, index) => sum + sampleWeights[index] * value, 0) / total;
    const spread = Math.sqrt(values.reduce((sum, value, index) => sum + sampleWeights[index] * (value - mean) ** 2, 0) / total);
    return { spread, scaled: spread > 1e-9 ? values.map((value) => (value - mean) / spread) : values.map(() => 0) };
  };
  const columns = terms.map((_, column) => standardize(x.map((row) => row[column])));
  const hand = standardize(x.map((row) => row.reduce((sum, value) => sum + value, 0)));
  if (hand.spread <= 1e-9) return null;

  // 1. the hand-set score's slope
  const slope =
    fitLogistic(
      hand.scaled.map((value) => [value]),
      y,
      sampleWeights,
      [0],
      0,
      steps,
    )[0] / hand.spread;
  if (!(slope > 1e-6)) return null; // the hand-set score does not even order picks first: keep it as documented

  // 2. every term, standardized, pulled towards slope × 1 (in standardized units: slope × spread)
  const z = x.map((_, row) => columns.map((column) => column.scaled[row]));
  const prior = columns.map((column) => slope * column.spread);
  const totalWeight = sampleWeights.reduce((sum, weight) => sum + weight, 0);
  const fitted = fitLogistic(z, y, sampleWeights, prior, (options.priorStrength ?? 20) / totalWeight, steps);
  const weights: TermWeights = {};
  terms.forEach((term, column) => {
    if (columns[column].spread <= 1e-9) return;
    weights[term] = Math.min(MAX_WEIGHT, Math.max(0, fitted[column] / columns[column].spread / slope));
  });
  return weights;
}

/**
 * Weighted logistic regression with an intercept, coefficients kept ≥ 0 and penalised by
 * `penalty` × |β − prior|² (per unit of sample weight). Proximal gradient descent on centered,
 * scaled features: a gradient step on the mean log-loss (step 4 / dimensions, below the inverse of
 * its curvature bound), then the penalty's exact shrink towards the prior, which cannot overshoot
 * however strong it is. Starts at the prior and the base rate. Returns the coefficients.
 */
function fitLogistic(
  x: readonly number[][],
  y: readonly number[],
  sampleWeights: readonly number[],
  prior: readonly number[],
  penalty: number,
  steps: number,
): number[] {
  const dimensions = prior.length;
  const beta = [...prior];
  const totalWeight = sampleWeights.reduce((sum, weight) => sum + weight, 0);
  const stepSize = 4 / Math.max(1, dimensions);
  const baseRate = y.reduce((sum, label, row) => sum + label * sampleWeights[row], 0) / totalWeight;
  let intercept = Math.log(baseRate / (1 - baseRate)); // picks are a few percent of the cards
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
    intercept -= (stepSize * interceptGradient) / totalWeight;
    const shrink = 2 * stepSize * penalty;
    for (let column = 0; column < dimensions; column += 1) {
      const moved = beta[column] - (stepSize * gradient[column]) / totalWeight;
      beta[column] = Math.max(0, (moved + shrink * prior[column]) / (1 + shrink));
    }
  }
  return beta;
}
