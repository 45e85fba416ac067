import { classifyItem, type ClassifySettings } from './classify-item.ts';
import { readShapeKind } from './read-link-kind.ts';
import { readUrlShape } from './read-url-shape.ts';
import { isNewsletterOnly, type AcceptanceModel } from './learn-acceptance.ts';
import type { TasteModel } from './learn-taste.ts';
import type { ItemDecision, SourceInfo, WeekData, WeekItem } from './types.ts';
import {
  scoreCandidate,
  scoreCeiling,
  type ScoreBreakdown,
  type ScoreContext,
  type ScoreInput,
  type TermWeights,
} from './score-candidate.ts';
import type { WeekWindow } from '../calendar/week.ts';

/** What every story of a week is judged against, prepared once per ranking. */
export interface WeekContext {
  window: WeekWindow;
  acceptance: AcceptanceModel;
  taste: TasteModel;
  /** Learned term weights per category (learnTermWeights); a category without is scored with 1s. */
  termWeights: ReadonlyMap<string, TermWeights>;
  classifySettings: ClassifySettings;
  topicKeywords: string[];
  keywordsOf: Map<string, string[]>;
  decisionsByItem: Map<number, ItemDecision[]>;
  /** The newsletters among the week's sources (newsletterIdsOf). */
  newsletters: ReadonlySet<string>;
  data: WeekData;
}

/** A story classified and ready to score: everything scoring needs, read once. */
export interface StoryFrame {
  lead: WeekItem;
  ordered: readonly WeekItem[];
  category: string;
  rule: string;
  sourceIds: string[];
  isDecided: boolean;
  firstSeenAt: number;
  input: ScoreInput;
  context: ScoreContext;
}

/** A story classified and scored, not yet a candidate (most never become one). */
export interface Assessment extends StoryFrame {
  score: number;
  breakdown: ScoreBreakdown;
  reasons: string[];
}

/** Scores a framed story (see frameStory); with `explain: false` the reasons are left empty, the score is the same. */
export function scoreStory(frame: StoryFrame, options: { explain?: boolean } = {}): Assessment {
  const result = scoreCandidate(frame.input, frame.context, { explain: options.explain });
  return { ...frame, score: result.score, breakdown: result.breakdown, reasons: result.reasons };
}

/** The most a framed story can score (see scoreCeiling): cheaper than scoring it. */
export function frameCeiling(frame: StoryFrame): number {
  return scoreCeiling(frame.input, frame.context);
}

/**
 * Everything about one story except its score: the lead link, the category, the sources, and the
 * inputs of the score. Null when the story must not be offered (published in an earlier issue and
 * not accepted again this week).
 */
export function frameStory(members: readonly WeekItem[], week: WeekContext): StoryFrame | null {
  const { window, data, decisionsByItem } = week;
  const decisions = collectDecisions(members, decisionsByItem);
  const thisWeek = decisions.length === 0 ? decisions : decisions.filter((decision) => decision.week === window.label);
  if (data.published.size > 0) {
    const isAcceptedNow = thisWeek.some((decision) => decision.status === 'accepted');
    // an issue of an earlier week (or of no known week); a later issue is what a backtest scores against
    const publishedBefore = members.some((item) => {
      const link = data.published.get(item.canonicalUrl);
      return link !== undefined && (link.week === null || link.week < window.label);
    });
    if (publishedBefore && !isAcceptedNow) return null;
  }

  const ordered = orderMembers(members, thisWeek);
  const lead = ordered[0];
  const sourceIds = collectSourceIds(members);
  const sources: SourceInfo[] = [];
  for (const id of sourceIds) {
    const source = data.sources.get(id);
    if (source) sources.push(source);
  }
  const mainSource = pickMainSource(sources);
  const shape = readUrlShape(lead.url);
  const override =
    thisWeek.find((decision) => decision.itemId === lead.id && decision.category)?.category ??
    thisWeek.find((decision) => decision.category)?.category;
  const classification = classifyItem(
    {
      url: lead.url,
      title: lead.title,
      sourceCategory: mainSource?.category,
      sourceKind: mainSource?.kind,
      mediaKind: members.find((item) => item.mediaKind)?.mediaKind,
      override,
      shape,
    },
    week.classifySettings,
  );
  const engagement = pickEngagement(members, data.sources);
  let rejectedIn: string | null = null;
  for (const decision of decisions) {
    if (decision.status === 'rejected' && decision.week < window.label && (rejectedIn === null || decision.week > rejectedIn))
      rejectedIn = decision.week;
  }
  // a link back in the week (trending again, carried by a later newsletter) was rejected once already: that stands
  if (rejectedIn !== null && thisWeek.length === 0 && members.every((item) => item.origin === 'again' || item.origin === 'carried'))
    return null;
  let firstSeenAt = Infinity;
  let publishedAt = Infinity;
  let appearedAt = -Infinity;
  let appearances = 1;
  let place: { position: number; sourceName: string } | null = null;
  let debut: { position: number; sourceName: string } | null = null;
  for (const item of members) {
    firstSeenAt = Math.min(firstSeenAt, item.firstSeenMs);
    if (item.publishedMs !== null) publishedAt = Math.min(publishedAt, item.publishedMs);
    for (const sighting of item.sightings) {
      if (sighting.appearedMs !== null && sighting.appearedMs < window.end.getTime())
        appearedAt = Math.max(appearedAt, sighting.appearedMs);
      // a newsletter carrying a link issue after issue is chrome (loadWeekItems drops those), not news;
      // and the days of a source that carried the link before the week count its earlier runs, not this week's
      if (
        sighting.appearances > appearances &&
        sighting.seenMs >= window.start.getTime() &&
        data.sources.get(sighting.sourceId)?.kind !== 'digest'
      )
        appearances = sighting.appearances;
      // the best place any ranked list gave the link this week (loadWeekItems reads only the week's)
      if (sighting.position != null && (place === null || sighting.position < place.position))
        place = { position: sighting.position, sourceName: data.sources.get(sighting.sourceId)?.name ?? sighting.sourceId };
      if (sighting.debutPlace != null && (debut === null || sighting.debutPlace < debut.position))
        debut = { position: sighting.debutPlace, sourceName: data.sources.get(sighting.sourceId)?.name ?? sighting.sourceId };
    }
  }
  return {
    lead,
    ordered,
    category: classification.category,
    rule: classification.rule,
    sourceIds,
    isDecided: thisWeek.length > 0,
    firstSeenAt,
    input: {
      title: lead.title,
      // not loaded yet for a story only bounded (scoreCeiling reads no text); scored ones have it (startCandidates)
      summary: lead.summary ?? '',
      url: lead.url,
      sources,
      points: engagement.points,
      comments: engagement.comments,
      engagementSourceName: engagement.sourceName,
      publishedAt: Number.isFinite(publishedAt)
        ? new Date(Math.max(publishedAt, appearedAt))
        : Number.isFinite(appearedAt)
          ? new Date(appearedAt)
          : null,
      firstSeenAt: new Date(firstSeenAt),
      rejectedIn,
      // a link only newsletters carried has the language of their blurbs, not its own (isNewsletterOnly)
      lang: isNewsletterOnly(sourceIds, week.newsletters) ? undefined : lead.lang,
      category: classification.category,
      // only read when the record holds kinds to compare (it costs a pass over the built-in rules)
      kind: shape && week.acceptance.kind.size > 0 ? readShapeKind(shape) : null,
      isCarried: thisWeek.length === 0 && members.every((item) => item.origin === 'carried'),
      isReturning: thisWeek.length === 0 && members.every((item) => item.origin === 'again'),
      appearances,
      place,
      debut,
    },
    context: {
      window,
      keywords: week.keywordsOf.get(classification.category) ?? [],
      topicKeywords: week.topicKeywords,
      acceptance: week.acceptance,
      taste: week.taste.weights.has(classification.category) ? { model: week.taste, category: classification.category } : undefined,
      weights: week.termWeights.get(classification.category),
    },
  };
}

const NO_DECISIONS: readonly ItemDecision[] = [];

/** The decisions on any member, in any week; most stories have none, and get no array of their own. */
function collectDecisions(members: readonly WeekItem[], decisionsByItem: ReadonlyMap<number, ItemDecision[]>): readonly ItemDecision[] {
  if (decisionsByItem.size === 0) return NO_DECISIONS;
  let decisions = NO_DECISIONS;
  for (const item of members) {
    const found = decisionsByItem.get(item.id);
    if (found) decisions = decisions.concat(found);
  }
  return decisions;
}

function collectSourceIds(members: readonly WeekItem[]): string[] {
  // a story has a handful of sightings: a scan beats building a Set for each of a week's stories
  const ids: string[] = [];
  for (const item of members) for (const sighting of item.sightings) if (!ids.includes(sighting.sourceId)) ids.push(sighting.sourceId);
  return ids;
}

export function groupDecisions(decisions: readonly ItemDecision[]): Map<number, ItemDecision[]> {
  const byItem = new Map<number, ItemDecision[]>();
  for (const decision of decisions) {
    const list = byItem.get(decision.itemId);
    if (list) list.push(decision);
    else byItem.set(decision.itemId, [decision]);
  }
  return byItem;
}

/**
 * Lead first: a link the curator decided on this week (accepted before others), else the one most
 * sources carried, else the earliest seen.
 */
function orderMembers(members: readonly WeekItem[], thisWeek: readonly ItemDecision[]): readonly WeekItem[] {
  if (members.length === 1) return members;
  return [...members].sort(
    (left, right) =>
      rankByDecision(left, thisWeek) - rankByDecision(right, thisWeek) ||
      right.sightings.length - left.sightings.length ||
      left.firstSeenMs - right.firstSeenMs ||
      left.id - right.id,
  );
}

function rankByDecision(item: WeekItem, thisWeek: readonly ItemDecision[]): number {
  const decision = thisWeek.find((candidate) => candidate.itemId === item.id);
  return decision ? (decision.status === 'accepted' ? 0 : 1) : 2;
}

/**
 * The source whose category stands for the link: a podcast or video source knows its items are
 * episodes; a digest links to anything, so it speaks last; otherwise the heaviest.
 */
function pickMainSource(sources: readonly SourceInfo[]): SourceInfo | undefined {
  // the first in that order, found by one scan: no copy and sort for each of a week's stories
  let main = sources[0];
  for (let index = 1; index < sources.length; index += 1) {
    const source = sources[index];
    if ((standingOf(source) - standingOf(main) || main.weight - source.weight || (source.id < main.id ? -1 : 1)) < 0) main = source;
  }
  return main;
}

function standingOf(source: SourceInfo): number {
  return source.kind === 'podcast' || source.kind === 'video' ? 0 : source.kind === 'digest' ? 2 : 1;
}

function pickEngagement(members: readonly WeekItem[], sources: ReadonlyMap<string, SourceInfo>) {
  let best = { points: null as number | null, comments: null as number | null, sourceName: null as string | null };
  for (const item of members) {
    for (const sighting of item.sightings) {
      if (sighting.points === null && sighting.comments === null) continue;
      if ((sighting.points ?? -1) > (best.points ?? -1) || (best.points === null && (sighting.comments ?? -1) > (best.comments ?? -1))) {
        best = {
          points: sighting.points,
          comments: sighting.comments,
          sourceName: sources.get(sighting.sourceId)?.name ?? sighting.sourceId,
        };
      }
    }
  }
  return best;
}
