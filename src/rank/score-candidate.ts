/**
 * How a candidate's score is made, in points (higher ranks first). Every term is stored in the
 * breakdown, and the three largest (by size, penalties included) become the reasons shown to curators.
 *
 * | term        | points                                              | why                                                        |
 * |-------------|-----------------------------------------------------|------------------------------------------------------------|
 * | sources     | 12 × log2(1 + coverage)                             | several independent sources is the strongest signal        |
 * |             | coverage = Σ weight × (1.5 if digest)               | 1 plain source → 12, 2 → 19, 3 → 24, 7 → 36                |
 * | record      | 4 × log2(best learned multiplier of its sources)    | the editor's pick rate from the source in this section     |
 * |             |                                                     | (else overall): ×2 → +4                                    |
 * | origin      | 4 × log2(origin multiplier)                         | the curator's record with this site / GitHub owner: ×2 → +4 |
 * | language    | 4 × log2(learned rate of the link's language here)  | a Chinese weekly may pick Chinese projects twice as often  |
 * |             | (none for a link only newsletters carried)          | (their blurbs' language is theirs, not the link's)         |
 * | kind        | 4 × log2(learned rate of the kind of link here)     | a repository, a front page, a video… (readLinkKind): the    |
 * |             |                                                     | editor's projects may be repositories, rarely front pages  |
 * | engagement  | 2.5 × log10(1 + points) + log10(1 + comments)       | HN 412 points, 96 comments → 6.5 + 2.0                     |
 * | freshness   | 2 × (1 − age / 7 days), from 0 to 2                 | a tie-breaker towards this week's news                     |
 * | repeats     | 2 × log2(days or issues one source carried it, ≤ 8) | a repository trending day after day; only a source that    |
 * |             |                                                     | first carried it this week counts (not earlier runs)       |
 * | place       | 4 × log2(25 / best place on a ranked list), ≥ 0     | #1 on the day's trending list is picked far more often     |
 * |             | (the week's best, `ranked: true` sources only)      | than #20: #1 → 18.6, #3 → 12.2, #10 → 5.3, #25 on → 0       |
 * | debut       | 6 × log2(25 / place among the day's newcomers), ≥ 0 | a list's top is mostly links that stay for days; a link     |
 * |             | (the day a ranked list first showed it, this week)  | entering it high among that day's new entries is news       |
 * |             |                                                     | (#1 newcomer → 27.9, #3 → 18.4, #10 → 7.9)                  |
 * | relevance   | 2.5 per category keyword matched, at most 3         | the category's own vocabulary (title + summary)            |
 * | off-topic   | −4 when no keyword of any category matches, nor any | general-interest links; the learned words keep the         |
 * |             | word the category's past picks share (learnTaste)   | weekly's real picks (AI/ML repositories) from the penalty  |
 * | stale       | −4 if published > 30 days before the week, −8 > 1 y | old posts re-shared are rarely news                        |
 * | returning   | −2 for a link known before the week, back in it     | news again, but most of the week's picks are new links     |
 * | carried     | −2 for a card of last week's list not decided on,   | still on the desk, but the editor has seen it (once last   |
 * |             | while last week's issue is not imported             | week's issue is out it was passed over: not offered)       |
 * | rejected    | −15 when rejected in an earlier week                | the curator already said no; many new sources can still win |
 * | published   | excluded                                            | already in a published issue (history)                     |
 *
 * The score is the sum of the terms, each times its learned weight for the category (see
 * learnTermWeights; 1 until the record holds enough published weeks), so the editor's own record
 * decides how much, say, freshness counts against sources.
 *
 * A source's learned multiplier is its pick rate over the editor's overall rate (see
 * learnAcceptance, floor 0.3, ceiling 3); a source with weight 0 in sources.yaml adds nothing. Adding a source of positive weight always
 * raises the score.
 */
import {
  lookupKindMultiplier,
  lookupLanguageMultiplier,
  lookupOriginMultiplier,
  lookupSourceMultiplier,
  type AcceptanceModel,
} from './learn-acceptance.ts';
import { tasteOf, type TasteModel } from './learn-taste.ts';
import { matchKeywords } from './match-keywords.ts';

export interface ScoreSource {
  id: string;
  name: string;
  kind: string;
  /** Configured weight from sources.yaml (0–5). */
  weight: number;
}

export interface ScoreInput {
  title: string;
  summary: string;
  /** The link the score's origin term judges (the card's main URL). */
  url: string;
  /** Distinct sources that carried any link of the card this week. */
  sources: readonly ScoreSource[];
  /** Highest engagement any sighting reported (hnrss), with the source that reported it. */
  points: number | null;
  comments: number | null;
  engagementSourceName?: string | null;
  publishedAt: Date | null;
  firstSeenAt: Date;
  /** Issue number where the link was already published, if any. */
  publishedIn?: number | null;
  /** Earlier week in which the curator rejected the link, if any. */
  rejectedIn?: string | null;
  /** The link's language (`zh`, `en`, `other`) and the category it is ranked in, for the learned language rate. */
  lang?: string;
  category?: string;
  /** What the link is (readLinkKind), for the learned rate of its kind in the category. */
  kind?: string | null;
  /** True for a card of last week's ranking the curator has not decided on, last week's issue not yet imported (see loadWeekItems). */
  isCarried?: boolean;
  /** True for a link sift knew before the week that a source carried anew in it (back on trending, a late newsletter). */
  isReturning?: boolean;
  /** Most distinct days (issues) one source carried the link on, e.g. days on trending; 1 or absent for once. */
  appearances?: number;
  /** The best place a ranked source (GitHub trending, a front page) listed the link on this week, with that source's name. */
  place?: { position: number; sourceName: string } | null;
  /** Its place among the newcomers of the day a ranked source first listed it, when that day is in the week. */
  debut?: { position: number; sourceName: string } | null;
}

export interface ScoreContext {
  window: { start: Date; end: Date };
  /** Keywords of the candidate's category. */
  keywords: readonly string[];
  /** Keywords of every category: matching none of them makes a link off-topic. Empty disables the penalty. */
  topicKeywords: readonly string[];
  acceptance: AcceptanceModel;
  /** The words the category's past picks share (learnTaste): a card saying one is on topic. */
  taste?: { model: TasteModel; category: string };
  /** Learned weights of the terms for the candidate's category; all 1 when absent. */
  weights?: TermWeights;
}

export type ScoreTerm =
  | 'sources'
  | 'record'
  | 'origin'
  | 'language'
  | 'kind'
  | 'engagement'
  | 'freshness'
  | 'repeats'
  | 'place'
  | 'debut'
  | 'relevance'
  | 'offTopic'
  | 'stale'
  | 'returning'
  | 'carried'
  | 'rejected';

export const SCORE_TERMS: readonly ScoreTerm[] = [
  'sources',
  'record',
  'origin',
  'language',
  'kind',
  'engagement',
  'freshness',
  'repeats',
  'place',
  'debut',
  'relevance',
  'offTopic',
  'stale',
  'returning',
  'carried',
  'rejected',
];

/** Per term, how much its points count in the score (see learnTermWeights); 1 for a term not named. */
export type TermWeights = Partial<Record<ScoreTerm, number>>;

export interface ScoreBreakdown {
  /** Points per term; the score is their sum. */
  terms: Record<ScoreTerm, number>;
  /** The raw facts behind the terms, for the review UI. */
  facts: {
    sourceCount: number;
    digestCount: number;
    coverage: number;
    /** The source with the best learned pick rate, when any rate is known. */
    record?: { name: string; multiplier: number };
    origin: string | null;
    originMultiplier: number;
    matched: string[];
    ageDays: number;
    /** The learned term weights the score used, when any differs from 1. */
    weights?: TermWeights;
    appearances?: number;
    /** Words past picks of the category share that the card says (they keep it on topic). */
    tasteFor?: string[];
  };
}

export interface ScoredCandidate {
  score: number;
  breakdown: ScoreBreakdown;
  /** The three weightiest terms in words, e.g. "3 sources incl. PyCoder's Weekly". */
  reasons: string[];
  /** Set when the link must not be offered at all (already published). */
  excludedBecause: string | null;
}

const DAY_MS = 86_400_000;
const DIGEST_BONUS = 1.5;
const MAX_KEYWORD_MATCHES = 3;
/** The place on a ranked list from which on it earns nothing: GitHub's trending lists hold 25. */
const PLACE_HORIZON = 25;
/**
 * Points per halving of a newcomer's place: steeper than the place's 4, as measured on the replay
 * (4: 39 / 62 picks within slots / 3 × slots, 6: 42 / 63, 8: 41 / 62; its learned weight at 4 settled above ×1).
 */
const DEBUT_SLOPE = 6;
const LANGUAGE_NAMES: Record<string, string> = { zh: 'Chinese', en: 'English' };
const KIND_NAMES: Record<string, string> = {
  repository: 'a repository',
  release: 'a release',
  package: 'a package page',
  model: 'a model or dataset',
  video: 'a video',
  podcast: 'a podcast episode',
  discussion: 'a discussion',
  docs: 'documentation',
  home: "a site's front page",
  post: 'a post',
};

export interface ScoreOptions {
  /**
   * False skips writing the reasons (returned empty): ranking a week scores every story but shows
   * only the top few hundred, so the words are built for those alone. Default true.
   */
  explain?: boolean;
}

/** Scores one candidate card; pure, so the same inputs always explain the same rank. */
export function scoreCandidate(input: ScoreInput, context: ScoreContext, options: ScoreOptions = {}): ScoredCandidate {
  const signals = measureSignals(input, context);
  const text = `${input.title}\n${input.summary}`;
  const { matched, isOffTopic } = judgeTopic(text, context.keywords, context.topicKeywords);
  const taste = context.taste ? tasteOf(context.taste.model, context.taste.category, text) : null;
  const { fixed } = signals;
  const terms: Record<ScoreTerm, number> = {
    sources: fixed.sources,
    record: fixed.record,
    origin: fixed.origin,
    language: fixed.language,
    kind: fixed.kind,
    engagement: fixed.engagement,
    freshness: fixed.freshness,
    repeats: fixed.repeats,
    place: fixed.place,
    debut: fixed.debut,
    relevance: 2.5 * Math.min(MAX_KEYWORD_MATCHES, matched.length),
    offTopic: isOffTopic && !(taste && taste.for.length > 0) ? -4 : 0,
    stale: fixed.stale,
    returning: fixed.returning,
    carried: fixed.carried,
    rejected: fixed.rejected,
  };
  const weights = context.weights;
  let score = 0;
  for (const term of SCORE_TERMS) score += (weights?.[term] ?? 1) * terms[term];
  const breakdown: ScoreBreakdown = {
    terms,
    facts: {
      sourceCount: input.sources.length,
      digestCount: signals.digestCount,
      coverage: signals.coverage,
      ...(signals.recordSource && signals.recordMultiplier !== 1
        ? { record: { name: signals.recordSource.name, multiplier: signals.recordMultiplier } }
        : {}),
      origin: signals.origin.key,
      originMultiplier: signals.origin.multiplier,
      matched,
      ageDays: signals.ageDays,
      ...(taste && taste.for.length > 0 ? { tasteFor: taste.for } : {}),
      ...(weights && SCORE_TERMS.some((term) => (weights[term] ?? 1) !== 1) ? { weights } : {}),
      ...(input.appearances && input.appearances > 1 ? { appearances: input.appearances } : {}),
    },
  };
  const excludedBecause = input.publishedIn != null ? `already published in #${input.publishedIn}` : null;
  const reasons = options.explain === false ? [] : describeReasons(input, breakdown, signals.daysBeforeWindow);
  return { score, breakdown, reasons, excludedBecause };
}

/**
 * The highest score `input` can get, without matching any keyword: every term but relevance and
 * off-topic as scoreCandidate computes it, plus the most relevance the category's keywords can
 * give. Ranking a week matches keywords only for the stories whose ceiling can still reach the
 * kept part of their category (see buildCandidates); the rest can be dropped unread.
 */
export function scoreCeiling(input: ScoreInput, context: ScoreContext): number {
  const { fixed } = measureSignals(input, context);
  const bestRelevance = 2.5 * Math.min(MAX_KEYWORD_MATCHES, context.keywords.length);
  // off-topic is at most 0 and every weight is ≥ 0 (learnTermWeights), so leaving it out bounds from above;
  // summed term by term, not through a merged object: this runs for every story of a week
  const weights = context.weights;
  if (!weights) return sumFixed(fixed) + bestRelevance;
  let ceiling = (weights.relevance ?? 1) * bestRelevance;
  for (const term of FIXED_TERMS) ceiling += (weights[term] ?? 1) * fixed[term];
  return ceiling;
}

type FixedTerm = Exclude<ScoreTerm, 'relevance' | 'offTopic'>;
const FIXED_TERMS = SCORE_TERMS.filter((term): term is FixedTerm => term !== 'relevance' && term !== 'offTopic');

function sumFixed(fixed: Record<FixedTerm, number>): number {
  let sum = 0;
  for (const term of FIXED_TERMS) sum += fixed[term];
  return sum;
}

/** Everything the score reads except the text: the terms that do not depend on keywords, and their facts. */
function measureSignals(input: ScoreInput, context: ScoreContext) {
  let digestCount = 0;
  let coverage = 0;
  let recordSource: ScoreSource | null = null;
  let recordMultiplier = 1;
  for (const source of input.sources) {
    const isDigest = source.kind === 'digest';
    if (isDigest) digestCount += 1;
    coverage += source.weight * (isDigest ? DIGEST_BONUS : 1);
    if (source.weight > 0 && context.acceptance.source.size > 0) {
      const multiplier = lookupSourceMultiplier(context.acceptance, source.id, input.category);
      if (recordSource === null || multiplier > recordMultiplier) {
        recordSource = source;
        recordMultiplier = multiplier;
      }
    }
  }
  const origin = lookupOriginMultiplier(context.acceptance, input.url);
  const reference = input.publishedAt ?? input.firstSeenAt;
  const ageDays = Math.max(0, (context.window.end.getTime() - reference.getTime()) / DAY_MS);
  const daysBeforeWindow = (context.window.start.getTime() - reference.getTime()) / DAY_MS;
  const fixed: Record<FixedTerm, number> = {
    sources: 12 * Math.log2(1 + coverage),
    record: 4 * Math.log2(recordMultiplier),
    origin: 4 * Math.log2(origin.multiplier),
    language:
      input.lang && input.category
        ? 4 * Math.log2(lookupLanguageMultiplier(context.acceptance, input.category, input.lang, recordSource?.id))
        : 0,
    kind: input.kind && input.category ? 4 * Math.log2(lookupKindMultiplier(context.acceptance, input.category, input.kind)) : 0,
    engagement: 2.5 * Math.log10(1 + Math.max(0, input.points ?? 0)) + Math.log10(1 + Math.max(0, input.comments ?? 0)),
    freshness: 2 * Math.max(0, 1 - ageDays / 7),
    repeats: 2 * Math.log2(Math.max(1, Math.min(8, input.appearances ?? 1))),
    place: input.place ? placePoints(input.place.position) : 0,
    debut: input.debut ? placePoints(input.debut.position, DEBUT_SLOPE) : 0,
    stale: daysBeforeWindow > 365 ? -8 : daysBeforeWindow > 30 ? -4 : 0,
    returning: input.isReturning ? -2 : 0,
    carried: input.isCarried ? -2 : 0,
    rejected: input.rejectedIn ? -15 : 0,
  };
  return { digestCount, coverage, recordSource, recordMultiplier, origin, ageDays, daysBeforeWindow, fixed };
}

/** Points for a place on a ranked list, `slope` per halving: a log scale, so #1 against #2 counts as much as #10 against #20. */
function placePoints(position: number, slope = 4): number {
  return Math.max(0, slope * Math.log2(PLACE_HORIZON / Math.max(1, position)));
}

/** The three terms that moved the score most, in words; terms worth less than half a point are not reasons. */
function describeReasons(input: ScoreInput, breakdown: ScoreBreakdown, daysBeforeWindow: number): string[] {
  const { terms } = breakdown;
  const weightOf = (term: ScoreTerm) => Math.abs(terms[term] * (breakdown.facts.weights?.[term] ?? 1));
  return (Object.keys(terms) as ScoreTerm[])
    .filter((term) => weightOf(term) >= 0.5)
    .sort((left, right) => weightOf(right) - weightOf(left))
    .slice(0, 3)
    .map((term) => describeTerm(term, input, breakdown, daysBeforeWindow));
}

function describeTerm(term: ScoreTerm, input: ScoreInput, breakdown: ScoreBreakdown, daysBeforeWindow: number): string {
  const { facts } = breakdown;
  switch (term) {
    case 'sources':
      return describeSources(input.sources);
    case 'record':
      return `${(facts.record?.multiplier ?? 1) >= 1 ? 'often' : 'rarely'} picked from ${facts.record?.name} (×${(facts.record?.multiplier ?? 1).toFixed(1)})`;
    case 'language':
      return `${LANGUAGE_NAMES[input.lang ?? ''] ?? input.lang} text: ${breakdown.terms.language >= 0 ? 'often' : 'rarely'} picked here`;
    case 'kind':
      return `${KIND_NAMES[input.kind ?? ''] ?? input.kind}: ${breakdown.terms.kind >= 0 ? 'often' : 'rarely'} picked here (×${(2 ** (breakdown.terms.kind / 4)).toFixed(1)})`;
    case 'origin':
      return `${facts.originMultiplier >= 1 ? 'often' : 'rarely'} accepted from ${facts.origin} (×${facts.originMultiplier.toFixed(1)})`;
    case 'engagement': {
      const parts = [];
      if (input.points) parts.push(`${input.points} points`);
      if (input.comments) parts.push(`${input.comments} comments`);
      return [input.engagementSourceName, parts.join(', ')].filter(Boolean).join(' ');
    }
    case 'freshness':
      return 'new this week';
    case 'repeats':
      return `listed on ${facts.appearances ?? input.appearances} days`;
    case 'place':
      return `#${input.place?.position} on ${input.place?.sourceName} this week`;
    case 'debut':
      return `new on ${input.debut?.sourceName} at #${input.debut?.position} of the day's newcomers`;
    case 'returning':
      return 'seen before the week, carried anew in it';
    case 'carried':
      return "on last week's list, not decided";
    case 'relevance':
      return `matches: ${facts.matched.join(', ')}`;
    case 'offTopic':
      return 'off-topic: no category keyword matches';
    case 'stale':
      return `published ${describeDuration(daysBeforeWindow)} before the week`;
    case 'rejected':
      return `rejected in ${input.rejectedIn}`;
  }
}

/**
 * The category keywords in the text, and whether it matches no keyword of any category. One pass
 * over the text when the category's keywords are among the topic's (the usual case).
 */
function judgeTopic(
  text: string,
  keywords: readonly string[],
  topicKeywords: readonly string[],
): { matched: string[]; isOffTopic: boolean } {
  if (topicKeywords.length === 0 || !isSubsetOf(keywords, topicKeywords)) {
    const matched = matchKeywords(text, keywords);
    return { matched, isOffTopic: topicKeywords.length > 0 && matched.length === 0 && matchKeywords(text, topicKeywords).length === 0 };
  }
  const topicMatched = matchKeywords(text, topicKeywords);
  if (topicMatched.length === 0) return { matched: [], isOffTopic: true };
  const found = new Set(topicMatched);
  return { matched: keywords.filter((keyword) => found.has(keyword)), isOffTopic: false };
}

const subsetCache = new WeakMap<readonly string[], WeakMap<readonly string[], boolean>>();

function isSubsetOf(keywords: readonly string[], topicKeywords: readonly string[]): boolean {
  let byTopic = subsetCache.get(keywords);
  if (!byTopic) subsetCache.set(keywords, (byTopic = new WeakMap()));
  let isSubset = byTopic.get(topicKeywords);
  if (isSubset === undefined) {
    const topic = new Set(topicKeywords);
    isSubset = keywords.every((keyword) => topic.has(keyword));
    byTopic.set(topicKeywords, isSubset);
  }
  return isSubset;
}

function describeSources(sources: readonly ScoreSource[]): string {
  if (sources.length === 0) return 'no source';
  // name the digest first (another editor picked it), then the heaviest source
  const named = [...sources].sort(
    (left, right) => Number(right.kind === 'digest') - Number(left.kind === 'digest') || right.weight - left.weight,
  )[0];
  const digestCount = sources.filter((source) => source.kind === 'digest').length;
  const digests = digestCount > 1 ? ` (${digestCount} digests)` : '';
  return sources.length === 1 ? `1 source: ${named.name}` : `${sources.length} sources incl. ${named.name}${digests}`;
}

function describeDuration(days: number): string {
  if (days >= 365) return `${Math.floor(days / 365)} year${days >= 730 ? 's' : ''}`;
  if (days >= 60) return `${Math.floor(days / 30)} months`;
  return `${Math.floor(days)} days`;
}
