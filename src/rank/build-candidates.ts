import type { SourcesConfig } from '../config/schema.ts';
import { assessStory, groupDecisions, type Assessment, type WeekContext } from './assess-story.ts';
import { readClassifySettings } from './classify-item.ts';
import { clusterItems } from './cluster-items.ts';
import type { AcceptanceModel } from './learn-acceptance.ts';
import type { WeekData, WeekItem } from './load-week-items.ts';
import type { ScoreBreakdown } from './score-candidate.ts';
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

  // Pass 1 keeps only what ordering needs: holding every story's breakdown and reasons until the
  // sort would keep tens of thousands of objects alive for nothing (most stories are never shown).
  const ranked: RankedStory[] = [];
  for (const members of clusterItems(data.items)) {
    const assessment = assessStory(members, week, { explain: false });
    if (!assessment) continue;
    ranked.push({ members, score: assessment.score, category: assessment.category, isDecided: assessment.isDecided, firstSeenAt: assessment.firstSeenAt, leadId: assessment.lead.id });
  }
  ranked.sort((left, right) => right.score - left.score || left.firstSeenAt - right.firstSeenAt || left.leadId - right.leadId);

  // Pass 2: the kept stories, assessed again (the same pure computation) and explained in full.
  const byCategory: CandidatesByCategory = Object.fromEntries(config.weekly.categories.map((category) => [category.id, []]));
  for (const entry of ranked) {
    const list = (byCategory[entry.category] ??= []);
    if (list.length >= keepPerCategory && !entry.isDecided) continue;
    const story = assessStory(entry.members, week)!;
    list.push(toCandidate(story, window.label, list.length + 1, now));
  }
  return byCategory;
}

interface RankedStory {
  members: WeekItem[];
  score: number;
  category: string;
  isDecided: boolean;
  firstSeenAt: number;
  leadId: number;
}

function toCandidate(story: Assessment, week: string, rank: number, now: Date): Candidate {
  return {
    week,
    category: story.category,
    rank,
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
  };
}
