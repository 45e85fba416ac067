import type { AcceptanceEvent } from './learn-acceptance.ts';
import type { RankedExample } from './learn-term-weights.ts';

/**
 * What the pure ranking code (buildCandidates, assessStory, the learners) takes as input. The
 * loaders in src/store/ranking/ fill these; the ranking code never imports a loader, so it can be
 * read and tested without a database.
 */

export interface WeekSighting {
  sourceId: string;
  points: number | null;
  comments: number | null;
  /** Epoch ms of the newest entry that carried the link (null: undated), and how many distinct dates did. */
  appearedMs: number | null;
  appearances: number;
  /** Epoch ms sift first saw the link at this source. */
  seenMs: number;
  /** For a ranked source (GitHub trending, a front page), the best 1-based place it listed the link on in the week; null or absent otherwise. */
  position?: number | null;
  /**
   * For a ranked source, the link's place among the links the list showed for the first time on the
   * day it first listed this one (its debut), when that day is in the week; null or absent otherwise.
   * A list's top is mostly links that stay on it for days: a newcomer high among newcomers is news.
   */
  debutPlace?: number | null;
}

export interface WeekItem {
  id: number;
  url: string;
  canonicalUrl: string;
  title: string;
  /**
   * Absent until loaded: ranking reads the summaries of the lead links it scores in full only, a
   * few thousand of a week's 50,000 (see startCandidates).
   */
  summary?: string;
  lang: string;
  /** Epoch milliseconds: numbers, not Dates, because a week holds tens of thousands of items. */
  publishedMs: number | null;
  firstSeenMs: number;
  mediaKind: string | null;
  /** Sightings before the week's end: who carried the link "this week". */
  sightings: WeekSighting[];
  /**
   * Why the item is in the week: 'new' (first seen in it), 'again' (first seen before, but a source
   * carried it anew in the week: back on trending, in a later newsletter), 'carried' (a card of last
   * week's ranking the curator has not decided on, last week's issue not yet imported) or 'filed' (the curator filed it under the week).
   */
  origin: WeekItemOrigin;
}

export type WeekItemOrigin = 'new' | 'again' | 'carried' | 'filed';

export interface SourceInfo {
  id: string;
  name: string;
  kind: string;
  category: string;
  weight: number;
}

export interface ItemDecision {
  week: string;
  itemId: number;
  status: string;
  category: string | null;
}

export interface PublishedLink {
  issueNumber: number;
  /** The issue's week when known; a link published in this very week's issue is not "already published". */
  week: string | null;
}

export interface WeekData {
  items: WeekItem[];
  sources: Map<string, SourceInfo>;
  /** Every decision, in any week, about the items loaded. */
  decisions: ItemDecision[];
  /** Published links among the items loaded, by canonical URL. */
  published: Map<string, PublishedLink>;
}

/** What a ranking learns from: the verdicts (learnAcceptance, learnTaste) and the cards of past published weeks (learnTermWeights). */
export interface RankingRecord {
  events: AcceptanceEvent[];
  examples: RankedExample[];
}
