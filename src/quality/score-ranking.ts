/**
 * How well a week's ranking served the editor: for each pick of the published issue, whether sift
 * had it at all (the pool) and how high it stood in the editor's own section, next to three
 * baselines ordered from the very same candidate lists. Pure, so a replay and `sift backtest`
 * score the same way.
 *
 * - pool: picks that are a member of some candidate card, in any category.
 * - recall@k: in-pool picks standing at rank ≤ k in the category of the section the editor put
 *   them in (k = the section's slots, and 3 × slots), over in-pool picks. A pick sift filed under
 *   another section counts as missed.
 * - baselines, on the same lists: random order (the expected value), most sources first and
 *   newest first. Ties are broken at random too, as an expected value: a pick sharing places a..b
 *   with others is within the top k with probability (k − a + 1) / (b − a + 1), clamped to 0..1,
 *   so a baseline never borrows sift's own order.
 */

export interface RankedCard {
  /** Canonical URLs of every link of the card. */
  canonicalUrls: readonly string[];
  sourceCount: number;
  /** Epoch ms of the card's newest date (published, else first seen); higher is newer. */
  newestMs: number;
}

export interface Pick {
  canonicalUrl: string;
  /** The category of the section the editor printed it in; null for a section sift has no category for. */
  category: string | null;
  url: string;
  title: string;
}

export type Ordering = 'sift' | 'random' | 'sources' | 'newest';
export const ORDERINGS: readonly Ordering[] = ['sift', 'random', 'sources', 'newest'];

/** Sums over picks: `hits` are expected values for the baselines, so fractional. */
export interface RecallCounts {
  picks: number;
  inPool: number;
  atSlots: Record<Ordering, number>;
  atTriple: Record<Ordering, number>;
}

export interface PickStanding {
  pick: Pick;
  /** Category and 1-based rank of the card holding it in sift's order, when it is a candidate. */
  foundIn: { category: string; rank: number } | null;
  /** Rank in the editor's own section, null when not a candidate there. */
  rankInSection: number | null;
}

export interface WeekScore {
  byCategory: Record<string, RecallCounts>;
  standings: PickStanding[];
}

/**
 * Scores one week. `lists` are the ranked cards per category in sift's order (every card kept,
 * not only the top); `slots` the slots per category.
 */
export function scoreRanking(
  lists: Readonly<Record<string, readonly RankedCard[]>>,
  picks: readonly Pick[],
  slots: Readonly<Record<string, number>>,
): WeekScore {
  const where = new Map<string, { category: string; index: number }>();
  for (const [category, cards] of Object.entries(lists)) {
    cards.forEach((card, index) => {
      for (const url of card.canonicalUrls) if (!where.has(url)) where.set(url, { category, index });
    });
  }
  const orders = new Map<string, Record<Exclude<Ordering, 'sift' | 'random'>, TieGroups>>();
  const ordersOf = (category: string) => {
    let found = orders.get(category);
    if (!found) {
      const cards = lists[category] ?? [];
      found = { sources: groupTies(cards, (card) => -card.sourceCount), newest: groupTies(cards, (card) => -card.newestMs) };
      orders.set(category, found);
    }
    return found;
  };

  const byCategory: Record<string, RecallCounts> = {};
  const standings: PickStanding[] = [];
  for (const pick of picks) {
    const found = where.get(pick.canonicalUrl);
    const category = pick.category;
    const inSection = category !== null && found?.category === category ? found.index : null;
    standings.push({
      pick,
      foundIn: found ? { category: found.category, rank: found.index + 1 } : null,
      rankInSection: inSection === null ? null : inSection + 1,
    });
    if (category === null) continue;
    const counts = (byCategory[category] ??= emptyCounts());
    counts.picks += 1;
    if (!found) continue;
    counts.inPool += 1;
    if (inSection === null) continue;
    const size = lists[category]?.length ?? 0;
    const groups = ordersOf(category);
    const slotCount = slots[category] ?? 0;
    for (const [k, target] of [
      [slotCount, counts.atSlots],
      [slotCount * 3, counts.atTriple],
    ] as const) {
      target.sift += inSection < k ? 1 : 0;
      target.random += clamp(k / size);
      target.sources += groups.sources.chanceWithin(inSection, k);
      target.newest += groups.newest.chanceWithin(inSection, k);
    }
  }
  return { byCategory, standings };
}

/** Adds `more` into `total` (for overall and per-category sums over weeks). */
export function addCounts(total: RecallCounts, more: RecallCounts): RecallCounts {
  total.picks += more.picks;
  total.inPool += more.inPool;
  for (const ordering of ORDERINGS) {
    total.atSlots[ordering] += more.atSlots[ordering];
    total.atTriple[ordering] += more.atTriple[ordering];
  }
  return total;
}

export function emptyCounts(): RecallCounts {
  const zero = () => ({ sift: 0, random: 0, sources: 0, newest: 0 });
  return { picks: 0, inPool: 0, atSlots: zero(), atTriple: zero() };
}

/** hits / in-pool picks; NaN when no pick was in the pool. */
export function recallOf(counts: RecallCounts, at: 'atSlots' | 'atTriple', ordering: Ordering): number {
  return counts.inPool === 0 ? Number.NaN : counts[at][ordering] / counts.inPool;
}

/**
 * The 95 % Wilson score interval of a share of `hits` out of `trials`: how far sift's recall could
 * move on another sample of picks of the same size. With about 90 picks in the pool it spans some
 * ±8 points, so a change of a pick or two between versions is within it. Null for no trials.
 */
export function wilsonInterval(hits: number, trials: number): { low: number; high: number } | null {
  if (trials <= 0) return null;
  const z = 1.96;
  const share = hits / trials;
  const spread = (z * z) / trials;
  const center = share + spread / 2;
  const margin = z * Math.sqrt((share * (1 - share)) / trials + spread / (4 * trials));
  return { low: Math.max(0, (center - margin) / (1 + spread)), high: Math.min(1, (center + margin) / (1 + spread)) };
}

/** Places of a list under another order, grouped by equal keys: where each card's tie group starts and ends. */
interface TieGroups {
  /** Probability that the card at `index` (in sift's order) lands within the first k under this order. */
  chanceWithin(index: number, k: number): number;
}

function groupTies(cards: readonly RankedCard[], keyOf: (card: RankedCard) => number): TieGroups {
  const keys = cards.map(keyOf);
  const sorted = [...keys].sort((left, right) => left - right);
  // first and last 0-based place of each key in the sorted order
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  sorted.forEach((key, place) => {
    if (!first.has(key)) first.set(key, place);
    last.set(key, place);
  });
  return {
    chanceWithin(index, k) {
      const key = keys[index];
      const from = first.get(key)!;
      const to = last.get(key)!;
      return clamp((k - from) / (to - from + 1));
    },
  };
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
