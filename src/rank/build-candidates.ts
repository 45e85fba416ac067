import type { SourcesConfig } from '../config/schema.ts';
import { classifyItem, readClassifySettings, type ClassifySettings } from './classify-item.ts';
import { clusterItems } from './cluster-items.ts';
import type { AcceptanceModel } from './learn-acceptance.ts';
import type { ItemDecision, SourceInfo, WeekData, WeekItem } from './load-week-items.ts';
import { scoreCandidate, type ScoreBreakdown, type ScoreSource } from './score-candidate.ts';
import type { WeekWindow } from './week.ts';

export interface CandidateMember {
  itemId: number;
  url: string;
  title: string;
  sourceIds: string[];
}

/** One card of a week's shortlist: a story (one or more links), where it goes, and why it ranks there. */
export interface Candidate {
  week: string;
  category: string;
  /** 1-based position within the category. */
  rank: number;
  score: number;
  /** The lead link's canonical URL. */
  clusterKey: string;
  /** The lead link: the one shown and exported. */
  itemId: number;
  title: string;
  url: string;
  /** Every link of the story, lead first, with the sources that carried it. */
  members: CandidateMember[];
  sourceIds: string[];
  /** Which classification step chose the category (see classifyItem). */
  rule: string;
  breakdown: ScoreBreakdown;
  reasons: string[];
  computedAt: Date;
}

/** Category id → its candidates, best first; every configured category is present, possibly empty. */
export type CandidatesByCategory = Record<string, Candidate[]>;

export interface BuildOptions {
  /**
   * Cards kept per category (besides any the curator already decided on this week). A curator
   * reviews dozens, not thousands; keeping the tail would only slow every ranking. Default 200.
   */
  keepPerCategory?: number;
}

/**
 * The pure middle of rankWeek: clusters the week's links into stories, picks each story's lead
 * link, classifies it (a decision's category wins), scores it and orders every category. Stories
 * already published in an earlier issue are left out unless the curator accepted them this week.
 */
export function buildCandidates(
  data: WeekData,
  context: { window: WeekWindow; config: Pick<SourcesConfig, 'weekly' | 'classify'>; acceptance: AcceptanceModel; now: Date },
  options: BuildOptions = {},
): CandidatesByCategory {
  const { window, config, now } = context;
  const keepPerCategory = options.keepPerCategory ?? 200;
  const week: WeekContext = {
    window,
    acceptance: context.acceptance,
    classifySettings: readClassifySettings(config),
    topicKeywords: config.weekly.categories.flatMap((category) => category.keywords),
    keywordsOf: new Map(config.weekly.categories.map((category) => [category.id, category.keywords])),
    decisionsByItem: groupDecisions(data.decisions),
    data,
  };

  const assessed: Assessment[] = [];
  for (const members of clusterItems(data.items)) {
    const assessment = assessStory(members, week);
    if (assessment) assessed.push(assessment);
  }
  assessed.sort((left, right) => right.score - left.score || left.firstSeenAt - right.firstSeenAt || left.lead.id - right.lead.id);

  // only the kept cards are turned into full candidates: a week has tens of thousands of stories
  const byCategory: CandidatesByCategory = Object.fromEntries(config.weekly.categories.map((category) => [category.id, []]));
  for (const story of assessed) {
    const list = (byCategory[story.category] ??= []);
    if (list.length >= keepPerCategory && !story.isDecided) continue;
    list.push({
      week: window.label,
      category: story.category,
      rank: list.length + 1,
      score: story.score,
      clusterKey: story.lead.canonicalUrl,
      itemId: story.lead.id,
      title: story.lead.title,
      url: story.lead.url,
      members: story.ordered.map((item) => ({ itemId: item.id, url: item.url, title: item.title, sourceIds: [...new Set(item.sightings.map((sighting) => sighting.sourceId))] })),
      sourceIds: story.sourceIds,
      rule: story.rule,
      breakdown: story.breakdown,
      reasons: story.reasons,
      computedAt: now,
    });
  }
  return byCategory;
}

interface WeekContext {
  window: WeekWindow;
  acceptance: AcceptanceModel;
  classifySettings: ClassifySettings;
  topicKeywords: string[];
  keywordsOf: Map<string, string[]>;
  decisionsByItem: Map<number, ItemDecision[]>;
  data: WeekData;
}

interface Assessment {
  lead: WeekItem;
  ordered: WeekItem[];
  category: string;
  rule: string;
  score: number;
  breakdown: ScoreBreakdown;
  reasons: string[];
  sourceIds: string[];
  isDecided: boolean;
  firstSeenAt: number;
}

/** Classifies and scores one story; null when it must not be offered (published in an earlier issue). */
function assessStory(members: readonly WeekItem[], week: WeekContext): Assessment | null {
  const { window, data, decisionsByItem } = week;
  const decisions = decisionsByItem.size === 0 ? [] : members.flatMap((item) => decisionsByItem.get(item.id) ?? []);
  const thisWeek = decisions.filter((decision) => decision.week === window.label);
  if (data.published.size > 0) {
    const isAcceptedNow = thisWeek.some((decision) => decision.status === 'accepted');
    const publishedBefore = members.some((item) => {
      const link = data.published.get(item.canonicalUrl);
      return link !== undefined && link.week !== window.label;
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
  const override = thisWeek.find((decision) => decision.itemId === lead.id && decision.category)?.category ?? thisWeek.find((decision) => decision.category)?.category;
  const classification = classifyItem(
    {
      url: lead.url,
      title: lead.title,
      sourceCategory: mainSource?.category,
      sourceKind: mainSource?.kind,
      mediaKind: members.find((item) => item.mediaKind)?.mediaKind,
      override,
    },
    week.classifySettings,
  );
  const engagement = pickEngagement(members, data.sources);
  let rejectedIn: string | null = null;
  for (const decision of decisions) {
    if (decision.status === 'rejected' && decision.week < window.label && (rejectedIn === null || decision.week > rejectedIn)) rejectedIn = decision.week;
  }
  let firstSeenAt = Infinity;
  let publishedAt = Infinity;
  for (const item of members) {
    firstSeenAt = Math.min(firstSeenAt, item.firstSeenAt.getTime());
    if (item.publishedAt) publishedAt = Math.min(publishedAt, item.publishedAt.getTime());
  }
  const result = scoreCandidate(
    {
      title: lead.title,
      summary: lead.summary,
      url: lead.url,
      sources: sources.map((source): ScoreSource => ({ id: source.id, name: source.name, kind: source.kind, weight: source.weight })),
      points: engagement.points,
      comments: engagement.comments,
      engagementSourceName: engagement.sourceName,
      publishedAt: Number.isFinite(publishedAt) ? new Date(publishedAt) : null,
      firstSeenAt: new Date(firstSeenAt),
      rejectedIn,
    },
    { window, keywords: week.keywordsOf.get(classification.category) ?? [], topicKeywords: week.topicKeywords, acceptance: week.acceptance },
  );
  return {
    lead,
    ordered,
    category: classification.category,
    rule: classification.rule,
    score: result.score,
    breakdown: result.breakdown,
    reasons: result.reasons,
    sourceIds,
    isDecided: thisWeek.length > 0,
    firstSeenAt,
  };
}

function collectSourceIds(members: readonly WeekItem[]): string[] {
  if (members.length === 1 && members[0].sightings.length === 1) return [members[0].sightings[0].sourceId];
  const ids = new Set<string>();
  for (const item of members) for (const sighting of item.sightings) ids.add(sighting.sourceId);
  return [...ids];
}

function groupDecisions(decisions: readonly ItemDecision[]): Map<number, ItemDecision[]> {
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
function orderMembers(members: readonly WeekItem[], thisWeek: readonly ItemDecision[]): WeekItem[] {
  if (members.length === 1) return [...members];
  return [...members].sort(
    (left, right) =>
      rankByDecision(left, thisWeek) - rankByDecision(right, thisWeek) ||
      right.sightings.length - left.sightings.length ||
      left.firstSeenAt.getTime() - right.firstSeenAt.getTime() ||
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
  if (sources.length <= 1) return sources[0];
  return [...sources].sort((left, right) => standingOf(left) - standingOf(right) || right.weight - left.weight || (left.id < right.id ? -1 : 1))[0];
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
        best = { points: sighting.points, comments: sighting.comments, sourceName: sources.get(sighting.sourceId)?.name ?? sighting.sourceId };
      }
    }
  }
  return best;
}
