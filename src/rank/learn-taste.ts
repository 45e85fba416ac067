import type { AcceptanceEvent } from './learn-acceptance.ts';
import { forEachTitleToken } from './tokenize-title.ts';

/**
 * What the editor's picks in a category tend to say: per word (and Chinese character pair), how much
 * likelier a card saying it was picked than the category's cards in general (log of the ratio of
 * pick rates, each token's rate smoothed towards the category's), learned from the record —
 * published issues (their titles and summaries in both languages, and the text of the link as sift
 * stored it) against the cards the editor saw in those weeks and did not pick, and rejections.
 * Counts are decayed with age like learnAcceptance. A card's taste is the sum over its distinct
 * tokens (see tasteOf).
 */
export interface TasteModel {
  /** Category id → token → log-odds (natural log). */
  weights: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Picks and passed-over cards (decayed) each category learned from. */
  evidence: ReadonlyMap<string, { picks: number; passed: number }>;
}

export const EMPTY_TASTE: TasteModel = { weights: new Map(), evidence: new Map() };

export interface TasteOptions {
  halfLifeDays?: number;
  /** Fewer picks than this in a category (decayed): no model for it. Default 5. */
  minPicks?: number;
  /** Fewer passed-over cards than this overall: no model at all (nothing to contrast with). Default 50. */
  minPassed?: number;
}

const DAY_MS = 86_400_000;
/** A token whose cards are picked half again as often as the category's (log 1.5) marks a card as on topic. */
const LIKE_LOG_RATIO = Math.log(1.5);
/** How many cards' worth of the category's own pick rate a token's rate starts from. */
const PRIOR_CARDS = 20;
/** Tokens seen (decayed) less often than this in picks and passed-over cards together say nothing. */
const MIN_TOKEN_WEIGHT = 3;

/** Learns a TasteModel; pure (`now` passed in). Events without text or category are skipped. */
export function learnTaste(events: Iterable<AcceptanceEvent>, now: Date, options: TasteOptions = {}): TasteModel {
  const halfLifeMs = (options.halfLifeDays ?? 182) * DAY_MS;
  const picks = new Map<string, { total: number; tokens: Map<string, number> }>();
  const passedByCategory = new Map<string, { total: number; tokens: Map<string, number> }>();
  const passedAll = { total: 0, tokens: new Map<string, number>() };
  const add = (tally: { total: number; tokens: Map<string, number> }, tokens: ReadonlySet<string>, weight: number) => {
    tally.total += weight;
    for (const token of tokens) tally.tokens.set(token, (tally.tokens.get(token) ?? 0) + weight);
  };
  for (const event of events) {
    if (!event.text || !event.category) continue;
    const weight = 0.5 ** (Math.max(0, now.getTime() - event.at.getTime()) / halfLifeMs);
    const tokens = readTasteTokens(event.text);
    if (tokens.size === 0) continue;
    if (event.isAccepted) {
      let tally = picks.get(event.category);
      if (!tally) picks.set(event.category, (tally = { total: 0, tokens: new Map() }));
      add(tally, tokens, weight);
    } else {
      let tally = passedByCategory.get(event.category);
      if (!tally) passedByCategory.set(event.category, (tally = { total: 0, tokens: new Map() }));
      add(tally, tokens, weight);
      add(passedAll, tokens, weight);
    }
  }
  if (passedAll.total < (options.minPassed ?? 50)) return EMPTY_TASTE;

  const weights = new Map<string, Map<string, number>>();
  const evidence = new Map<string, { picks: number; passed: number }>();
  for (const [category, picked] of picks) {
    if (picked.total < (options.minPicks ?? 5)) continue;
    // a category with few passed-over cards of its own is contrasted with all of them
    const own = passedByCategory.get(category);
    const passed = own && own.total >= (options.minPassed ?? 50) ? own : passedAll;
    const byToken = new Map<string, number>();
    const baseRate = picked.total / (picked.total + passed.total);
    for (const token of new Set([...picked.tokens.keys(), ...passed.tokens.keys()])) {
      const inPicks = picked.tokens.get(token) ?? 0;
      const inPassed = passed.tokens.get(token) ?? 0;
      if (inPicks + inPassed < MIN_TOKEN_WEIGHT) continue;
      // the pick rate of cards saying the token, pulled towards the category's rate by PRIOR_CARDS cards
      const rate = (inPicks + PRIOR_CARDS * baseRate) / (inPicks + inPassed + PRIOR_CARDS);
      const logOdds = Math.log(rate / baseRate);
      if (Math.abs(logOdds) >= 0.1) byToken.set(token, logOdds);
    }
    weights.set(category, byToken);
    evidence.set(category, { picks: picked.total, passed: passed.total });
  }
  return { weights, evidence };
}

/** The distinct content tokens of a text, as learnTaste and tasteOf read it. */
export function readTasteTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  forEachTitleToken(text, (token, isContent) => {
    if (isContent) tokens.add(token);
  });
  return tokens;
}

/**
 * How much a text sounds like the category's past picks: the summed log ratios of its tokens, the
 * (up to three) tokens whose cards are picked at least 1.5 times as often as the category's, and the
 * three that weigh most against. Null when the category has no model.
 */
export function tasteOf(model: TasteModel, category: string, text: string): { logOdds: number; for: string[]; against: string[] } | null {
  const weights = model.weights.get(category);
  if (!weights) return null;
  let logOdds = 0;
  const found: Array<[string, number]> = [];
  for (const token of readTasteTokens(text)) {
    const weight = weights.get(token);
    if (weight === undefined) continue;
    logOdds += weight;
    found.push([token, weight]);
  }
  found.sort((left, right) => right[1] - left[1]);
  return {
    logOdds,
    for: found
      .filter(([, weight]) => weight >= LIKE_LOG_RATIO)
      .slice(0, 3)
      .map(([token]) => token),
    against: found
      .filter(([, weight]) => weight < 0)
      .slice(-3)
      .reverse()
      .map(([token]) => token),
  };
}
