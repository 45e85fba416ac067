import { describe, expect, it } from 'vitest';
import { addCounts, emptyCounts, recallOf, scoreRanking, type Pick, type RankedCard, type RecallCounts } from './score-ranking.ts';

const DAY_MS = 86_400_000;
const WEEK_END = Date.parse('2026-11-28T16:00:00Z');

/** Cards `${prefix}0` … in sift's order, each with one link, its own source count and date unless given. */
function cards(prefix: string, count: number, shape: (index: number) => Partial<RankedCard> = () => ({})): RankedCard[] {
  return Array.from({ length: count }, (_, index) => ({
    canonicalUrls: [`https://${prefix}.example.com/${index}`],
    sourceCount: count - index,
    newestMs: WEEK_END - index * DAY_MS,
    ...shape(index),
  }));
}
const pick = (canonicalUrl: string, category: string | null): Pick => ({ canonicalUrl, category, url: canonicalUrl, title: canonicalUrl });
const url = (prefix: string, index: number) => `https://${prefix}.example.com/${index}`;

interface Case {
  name: string;
  lists: Record<string, RankedCard[]>;
  picks: Pick[];
  slots: Record<string, number>;
  /** Expected counts of the category `articles`. */
  picksCount: number;
  inPool: number;
  atSlots: Partial<Record<'sift' | 'random' | 'sources' | 'newest', number>>;
  atTriple: Partial<Record<'sift' | 'random' | 'sources' | 'newest', number>>;
}

const CASES: Case[] = [
  {
    name: 'a pick at rank 1 of 10 with 2 slots: a hit for sift at slots and 3 × slots; random expects 2/10 and 6/10',
    lists: { articles: cards('a', 10) },
    picks: [pick(url('a', 0), 'articles')],
    slots: { articles: 2 },
    picksCount: 1,
    inPool: 1,
    // sources and newest agree with sift here: card 0 has most sources and is newest
    atSlots: { sift: 1, random: 0.2, sources: 1, newest: 1 },
    atTriple: { sift: 1, random: 0.6, sources: 1, newest: 1 },
  },
  {
    name: 'a pick at rank 3 of 10 with 2 slots: missed at slots, a hit at 3 × slots',
    lists: { articles: cards('a', 10) },
    picks: [pick(url('a', 2), 'articles')],
    slots: { articles: 2 },
    picksCount: 1,
    inPool: 1,
    atSlots: { sift: 0, random: 0.2, sources: 0, newest: 0 },
    atTriple: { sift: 1, random: 0.6, sources: 1, newest: 1 },
  },
  {
    name: 'baselines order by their own key, not by sift: sift ranks the pick last, it has most sources and is newest',
    lists: { articles: cards('a', 10, (index) => ({ sourceCount: index + 1, newestMs: WEEK_END - (9 - index) * DAY_MS })) },
    picks: [pick(url('a', 9), 'articles')],
    slots: { articles: 2 },
    picksCount: 1,
    inPool: 1,
    atSlots: { sift: 0, random: 0.2, sources: 1, newest: 1 },
    atTriple: { sift: 0, random: 0.6, sources: 1, newest: 1 },
  },
  {
    name: 'ties: 4 cards with equal source counts and dates, k = 2 → each baseline hits with chance 2/4',
    lists: { articles: cards('a', 4, () => ({ sourceCount: 3, newestMs: WEEK_END })) },
    picks: [pick(url('a', 0), 'articles')],
    slots: { articles: 2 },
    picksCount: 1,
    inPool: 1,
    atSlots: { sift: 1, random: 0.5, sources: 0.5, newest: 0.5 },
    // 3 × slots = 6 is beyond the list: certain, never above 1
    atTriple: { sift: 1, random: 1, sources: 1, newest: 1 },
  },
  {
    name: 'ties within a part of the list: places 2..4 share a source count, k = 2 → 1/3',
    // source counts 9, 5, 5, 5, 1; the pick is the last of the tied three in sift's order
    lists: { articles: cards('a', 5, (index) => ({ sourceCount: [9, 5, 5, 5, 1][index] })) },
    picks: [pick(url('a', 3), 'articles')],
    slots: { articles: 2 },
    picksCount: 1,
    inPool: 1,
    atSlots: { sift: 0, random: 0.4, sources: 1 / 3, newest: 0 },
    atTriple: { sift: 1, random: 1, sources: 1, newest: 1 },
  },
  {
    name: 'a pick sift ranked under another category: in the pool, but missed by every ordering',
    lists: { articles: cards('a', 10), projects: cards('p', 10) },
    picks: [pick(url('p', 0), 'articles')],
    slots: { articles: 2, projects: 2 },
    picksCount: 1,
    inPool: 1,
    atSlots: { sift: 0, random: 0, sources: 0, newest: 0 },
    atTriple: { sift: 0, random: 0, sources: 0, newest: 0 },
  },
  {
    name: "a pick that is no card's link: counted as a pick, not in the pool",
    lists: { articles: cards('a', 10) },
    picks: [pick('https://elsewhere.example.org/post', 'articles')],
    slots: { articles: 2 },
    picksCount: 1,
    inPool: 0,
    atSlots: { sift: 0, random: 0, sources: 0, newest: 0 },
    atTriple: { sift: 0, random: 0, sources: 0, newest: 0 },
  },
  {
    name: "a pick matched through a card's second link (not its lead URL)",
    lists: {
      articles: cards('a', 10, (index) => (index === 1 ? { canonicalUrls: [url('a', 1), 'https://mirror.example.net/same-story'] } : {})),
    },
    picks: [pick('https://mirror.example.net/same-story', 'articles')],
    slots: { articles: 2 },
    picksCount: 1,
    inPool: 1,
    atSlots: { sift: 1, random: 0.2, sources: 1, newest: 1 },
    atTriple: { sift: 1, random: 0.6, sources: 1, newest: 1 },
  },
];

describe('scoreRanking', () => {
  it.each(CASES)('$name', ({ lists, picks, slots, picksCount, inPool, atSlots, atTriple }) => {
    const counts = scoreRanking(lists, picks, slots).byCategory.articles;
    expect(counts.picks).toBe(picksCount);
    expect(counts.inPool).toBe(inPool);
    for (const [ordering, expected] of Object.entries(atSlots))
      expect(counts.atSlots[ordering as keyof typeof atSlots], `atSlots.${ordering}`).toBeCloseTo(expected, 10);
    for (const [ordering, expected] of Object.entries(atTriple))
      expect(counts.atTriple[ordering as keyof typeof atTriple], `atTriple.${ordering}`).toBeCloseTo(expected, 10);
  });

  it("reports where each pick stood: rank in sift's order, in which category, and in the editor's section", () => {
    const lists = { articles: cards('a', 10), projects: cards('p', 10) };
    const picks = [pick(url('a', 4), 'articles'), pick(url('p', 1), 'articles'), pick('https://nowhere.example.org/', 'articles')];
    const { standings } = scoreRanking(lists, picks, { articles: 2, projects: 2 });
    expect(standings.map(({ foundIn, rankInSection }) => ({ foundIn, rankInSection }))).toEqual([
      { foundIn: { category: 'articles', rank: 5 }, rankInSection: 5 },
      { foundIn: { category: 'projects', rank: 2 }, rankInSection: null },
      { foundIn: null, rankInSection: null },
    ]);
  });

  it('lists a pick of a section without a category in the standings but counts it nowhere', () => {
    const lists = { articles: cards('a', 10) };
    const picks = [pick(url('a', 0), null), pick(url('a', 1), 'articles')];
    const result = scoreRanking(lists, picks, { articles: 2 });
    expect(result.standings).toHaveLength(2);
    expect(result.standings[0]).toMatchObject({ foundIn: { category: 'articles', rank: 1 }, rankInSection: null });
    expect(Object.keys(result.byCategory)).toEqual(['articles']);
    expect(result.byCategory.articles.picks).toBe(1);
    expect(result.byCategory.articles.inPool).toBe(1);
    expect(result.byCategory.articles.atSlots.sift).toBe(1);
  });

  it('sums several picks of a section', () => {
    const lists = { articles: cards('a', 10) };
    const picks = [pick(url('a', 0), 'articles'), pick(url('a', 5), 'articles'), pick('https://nowhere.example.org/', 'articles')];
    const counts = scoreRanking(lists, picks, { articles: 2 }).byCategory.articles;
    expect(counts).toMatchObject({ picks: 3, inPool: 2 });
    expect(counts.atSlots.sift).toBe(1);
    expect(counts.atTriple.sift).toBe(2);
    expect(counts.atSlots.random).toBeCloseTo(0.4, 10);
    expect(recallOf(counts, 'atSlots', 'sift')).toBe(0.5);
    expect(recallOf(counts, 'atTriple', 'sift')).toBe(1);
  });
});

describe('addCounts and recallOf', () => {
  const make = (picks: number, inPool: number, sift: [number, number], random: [number, number]): RecallCounts => {
    const counts = emptyCounts();
    counts.picks = picks;
    counts.inPool = inPool;
    counts.atSlots.sift = sift[0];
    counts.atTriple.sift = sift[1];
    counts.atSlots.random = random[0];
    counts.atTriple.random = random[1];
    return counts;
  };

  it('adds every field of one week into the running total and returns the total', () => {
    const total = make(3, 2, [1, 2], [0.4, 1.2]);
    const result = addCounts(total, make(2, 2, [0, 1], [0.2, 0.6]));
    expect(result).toBe(total);
    expect(total.picks).toBe(5);
    expect(total.inPool).toBe(4);
    expect(total.atSlots.sift).toBe(1);
    expect(total.atTriple.sift).toBe(3);
    expect(total.atSlots.random).toBeCloseTo(0.6, 10);
    expect(total.atTriple.random).toBeCloseTo(1.8, 10);
    expect(recallOf(total, 'atSlots', 'sift')).toBe(0.25);
    expect(recallOf(total, 'atTriple', 'sift')).toBe(0.75);
  });

  it.each([
    { name: 'no pick in the pool: NaN, not 0', counts: make(3, 0, [0, 0], [0, 0]), at: 'atSlots' as const, expected: Number.NaN },
    { name: 'hits over in-pool picks, not over all picks', counts: make(4, 2, [1, 2], [0, 0]), at: 'atSlots' as const, expected: 0.5 },
    { name: 'at 3 × slots', counts: make(4, 2, [1, 2], [0, 0]), at: 'atTriple' as const, expected: 1 },
  ])('recallOf: $name', ({ counts, at, expected }) => {
    expect(recallOf(counts, at, 'sift')).toBe(expected);
  });
});
