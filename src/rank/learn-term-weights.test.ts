import { describe, expect, it } from 'vitest';
import { learnTermWeights, type RankedExample } from './learn-term-weights.ts';
import { SCORE_TERMS, type TermWeights } from './score-candidate.ts';

const now = new Date('2026-11-25T00:00:00Z');
const DAY_MS = 86_400_000;

/** A small seeded PRNG, so every synthetic week is the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type SourcePoints = (random: () => number) => number;

/** How the `sources` points of a week's cards spread when they have nothing to do with the picks. */
const NOISE: Record<string, SourcePoints> = {
  // what scoreCandidate gives: 12 × log2(1 + coverage) for one to four plain sources
  'one to four sources': (random) => 12 * Math.log2(2 + Math.floor(random() * 4)),
  '0 to 4 points': (random) => 4 * random(),
  // every card has one source (12 points) and coverages differ a little (source weights)
  '12 to 16 points': (random) => 12 + 4 * random(),
};

interface WeekOptions {
  seed: number;
  weeks: number;
  cardsPerWeek?: number;
  picksPerWeek?: number;
  /** Age of the newest week. */
  ageDays?: number;
  /** The term the editor picks by: the week's highest cards on it are the picks. */
  pickedBy?: 'freshness' | 'sources';
  sources?: SourcePoints;
  category?: string;
}

/** Synthetic published weeks: cards with freshness 0–2 and `sources` points, the top cards on `pickedBy` picked. */
function publishedWeeks({
  seed,
  weeks,
  cardsPerWeek = 30,
  picksPerWeek = 3,
  ageDays = 7,
  pickedBy = 'freshness',
  sources = NOISE['one to four sources'],
  category = 'articles',
}: WeekOptions): RankedExample[] {
  const random = mulberry32(seed);
  const examples: RankedExample[] = [];
  for (let week = 0; week < weeks; week += 1) {
    const at = new Date(now.getTime() - (ageDays + 7 * week) * DAY_MS);
    const cards = Array.from({ length: cardsPerWeek }, () => ({ freshness: 2 * random(), sources: sources(random) }));
    const picks = new Set([...cards].sort((left, right) => right[pickedBy] - left[pickedBy]).slice(0, picksPerWeek));
    for (const terms of cards) examples.push({ category, terms, isPick: picks.has(terms), at });
  }
  return examples;
}

const distanceFromOne = (weight: number | undefined) => Math.abs((weight ?? 1) - 1);

function expectWithinRange(weights: TermWeights, low: number, high: number): void {
  for (const [term, weight] of Object.entries(weights)) {
    expect(SCORE_TERMS, term).toContain(term);
    expect(weight, term).toBeGreaterThanOrEqual(low);
    expect(weight, term).toBeLessThanOrEqual(high);
  }
}

describe('learnTermWeights', () => {
  it.each([
    { name: 'no examples', examples: [], isLearned: false },
    { name: 'half a year of weeks without a pick', examples: publishedWeeks({ seed: 1, weeks: 26, picksPerWeek: 0 }), isLearned: false },
    { name: '4 picks', examples: publishedWeeks({ seed: 1, weeks: 2, picksPerWeek: 2 }), isLearned: false },
    { name: 'every card picked', examples: publishedWeeks({ seed: 1, weeks: 3, cardsPerWeek: 3, picksPerWeek: 3 }), isLearned: false },
    // 78 picks, but two years old: each counts 1/16 or less, under 5 in all
    { name: 'half a year of weeks, two years ago', examples: publishedWeeks({ seed: 1, weeks: 26, ageDays: 730 }), isLearned: false },
    { name: 'half a year of weeks, the last one a week ago', examples: publishedWeeks({ seed: 1, weeks: 26 }), isLearned: true },
  ])('learns weights for a category only with enough (recent) picks: $name', ({ examples, isLearned }) => {
    const result = learnTermWeights(examples, now);
    expect(result.has('articles')).toBe(isLearned);
  });

  it('learns each category on its own', () => {
    const result = learnTermWeights(
      [
        ...publishedWeeks({ seed: 1, weeks: 26 }),
        ...publishedWeeks({ seed: 2, weeks: 26, pickedBy: 'sources', category: 'projects' }),
        ...publishedWeeks({ seed: 3, weeks: 2, picksPerWeek: 2, category: 'media' }),
      ],
      now,
    );
    expect([...result.keys()].sort()).toEqual(['articles', 'projects']);
    const articles = result.get('articles')!;
    const projects = result.get('projects')!;
    expect(articles.freshness!).toBeGreaterThan(articles.sources!);
    expect(projects.sources!).toBeGreaterThan(projects.freshness!);
  });

  it.each(Object.entries(NOISE))(
    'raises freshness above sources when the editor picks the freshest cards and sources are noise (%s)',
    (_, sources) => {
      const weights = learnTermWeights(publishedWeeks({ seed: 1, weeks: 26, sources }), now).get('articles')!;
      expect(weights).toBeDefined();
      expect(weights.freshness).toBeGreaterThan(1);
      expect(weights.freshness!).toBeGreaterThan(weights.sources! + 1);
      expect(weights.sources!).toBeLessThan(1);
      expectWithinRange(weights, 0, 5);
    },
  );

  it.each([
    { name: '6 picks in 2 weeks of 30 cards, sources 0 to 4 points', little: { weeks: 2 }, sources: NOISE['0 to 4 points'] },
    { name: '6 picks in 2 weeks of 30 cards, one to four sources', little: { weeks: 2 }, sources: NOISE['one to four sources'] },
    {
      name: '6 picks among 15 cards (3 weeks of 5), sources 0 to 4 points',
      little: { weeks: 3, cardsPerWeek: 5, picksPerWeek: 2 },
      sources: NOISE['0 to 4 points'],
    },
  ])('stays near the hand-set weights on little evidence and moves further on much: $name', ({ little, sources }) => {
    const fromLittle = learnTermWeights(publishedWeeks({ seed: 3, sources, ...little }), now).get('articles');
    const fromMuch = learnTermWeights(publishedWeeks({ seed: 3, sources, weeks: 26 }), now).get('articles');
    expect(fromLittle).toBeDefined();
    expect(fromMuch).toBeDefined();
    // within a factor of 3 of the hand-set weight either way
    expectWithinRange(fromLittle!, 1 / 3, 3);
    expect(distanceFromOne(fromMuch!.freshness)).toBeGreaterThan(distanceFromOne(fromLittle!.freshness) + 0.5);
  });

  it('pulls harder towards the hand-set weights the larger priorStrength is', () => {
    const examples = publishedWeeks({ seed: 1, weeks: 26, sources: NOISE['0 to 4 points'] });
    const distances = [20, 200, 2000].map((priorStrength) =>
      distanceFromOne(learnTermWeights(examples, now, { priorStrength }).get('articles')?.freshness),
    );
    expect(distances[0]).toBeGreaterThan(distances[1]);
    expect(distances[1]).toBeGreaterThan(distances[2]);
    expect(distances[2]).toBeLessThan(0.5);
  });

  it("learns the weight of a ranked list's place: raised when the editor picks the top of trending", () => {
    const random = mulberry32(4);
    const examples: RankedExample[] = [];
    for (let week = 0; week < 26; week += 1) {
      const at = new Date(now.getTime() - (7 + 7 * week) * DAY_MS);
      // half the cards were on a ranked list (places 1–25), the rest on none; picks are the week's best places
      const cards = Array.from({ length: 30 }, () => ({
        sources: NOISE['one to four sources'](random),
        place: random() < 0.5 ? Math.max(0, 2 * Math.log2(25 / (1 + Math.floor(random() * 25)))) : 0,
      }));
      const picks = new Set([...cards].sort((left, right) => right.place - left.place).slice(0, 3));
      for (const terms of cards) examples.push({ category: 'projects', terms, isPick: picks.has(terms), at });
    }
    const weights = learnTermWeights(examples, now).get('projects')!;
    expect(weights.place).toBeGreaterThan(1);
    expect(weights.place!).toBeGreaterThan(weights.sources! + 1);
  });

  it('lets old weeks count less than recent ones', () => {
    // this half year the editor picks the freshest cards; two years ago, the most-sourced ones
    const examples = [
      ...publishedWeeks({ seed: 1, weeks: 26 }),
      ...publishedWeeks({ seed: 2, weeks: 26, ageDays: 730, pickedBy: 'sources' }),
    ];
    const decayed = learnTermWeights(examples, now).get('articles')!;
    const undecayed = learnTermWeights(examples, now, { halfLifeDays: 1e6 }).get('articles')!;
    expect(decayed.sources!).toBeLessThan(undecayed.sources! - 0.1);
    expect(decayed.sources!).toBeLessThan(1);
    expect(decayed.freshness!).toBeGreaterThanOrEqual(undecayed.freshness!);
  });
});
