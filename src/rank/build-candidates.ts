import type { SourcesConfig } from '../config/schema.ts';
import {
  frameCeiling,
  frameStory,
  groupDecisions,
  scoreStory,
  type Assessment,
  type StoryFrame,
  type WeekContext,
} from './assess-story.ts';
import { readClassifySettings } from './classify-item.ts';
import { clusterItems } from './cluster-items.ts';
import { newsletterIdsOf, type AcceptanceModel } from './learn-acceptance.ts';
import { EMPTY_TASTE, type TasteModel } from './learn-taste.ts';
import type { WeekData, WeekItem } from './types.ts';
import type { ScoreBreakdown, TermWeights } from './score-candidate.ts';
import type { WeekWindow } from '../calendar/week.ts';

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

/** What buildCandidates reads besides the week's data. */
export interface BuildContext {
  window: WeekWindow;
  config: Pick<SourcesConfig, 'weekly' | 'classify'>;
  acceptance: AcceptanceModel;
  taste?: TasteModel;
  termWeights?: ReadonlyMap<string, TermWeights>;
  now: Date;
}

/**
 * The pure middle of rankWeek: clusters the week's links into stories, picks each story's lead
 * link, classifies it (a decision's category wins), scores it and orders every category. Stories
 * already published in an earlier issue are left out unless the curator accepted them this week.
 * Every item must carry its summary; see startCandidates to load only the summaries scoring reads.
 */
export function buildCandidates(data: WeekData, context: BuildContext, options: BuildOptions = {}): CandidatesByCategory {
  const build = startCandidates(data, context, options);
  const wanted = build.next();
  if (wanted.length > 0) throw new Error(`buildCandidates: ${wanted.length} lead links have no summary (use startCandidates)`);
  return build.finish();
}

/** buildCandidates in steps, so that the summaries it reads can be loaded as they are needed (see startCandidates). */
export interface CandidatesBuild {
  /**
   * Scores as far as the summaries at hand allow and returns the lead links whose summaries it
   * needs next, none when every category is scored: set their `summary` and call again.
   */
  next(): WeekItem[];
  /** The ranking, once next() returned none. */
  finish(): CandidatesByCategory;
}

/**
 * Starts buildCandidates on items that may lack their summaries. Only a story's lead link's summary
 * is read, and only for the stories scored in full: a few thousand of a week's 50,000, so rankWeek
 * loads those rather than every summary of the week. The result is the same as buildCandidates'
 * with every summary loaded.
 *
 * @example
 * const build = startCandidates(data, context);
 * for (let wanted = build.next(); wanted.length > 0; wanted = build.next()) await loadSummaries(db, wanted);
 * const byCategory = build.finish();
 */
export function startCandidates(data: WeekData, context: BuildContext, options: BuildOptions = {}): CandidatesBuild {
  const { window, config, now } = context;
  const keepPerCategory = options.keepPerCategory ?? 200;
  const week: WeekContext = {
    window,
    acceptance: context.acceptance,
    taste: context.taste ?? EMPTY_TASTE,
    termWeights: context.termWeights ?? new Map(),
    classifySettings: readClassifySettings(config),
    topicKeywords: config.weekly.categories.flatMap((category) => category.keywords),
    keywordsOf: new Map(config.weekly.categories.map((category) => [category.id, category.keywords])),
    decisionsByItem: groupDecisions(data.decisions),
    newsletters: newsletterIdsOf(data.sources.values()),
    data,
  };

  // Pass 1: every story framed (classified, its signals gathered) and bounded from above without
  // reading its text; keyword matching is most of a story's cost and most stories are never shown.
  // Only what pass 2 needs is kept: holding tens of thousands of frames costs more in garbage
  // collection than framing the few hundred scored stories again.
  const bounded = new Map<string, BoundedStory[]>();
  for (const members of clusterItems(data.items)) {
    const frame = frameStory(members, week);
    if (!frame) continue;
    const story: BoundedStory = {
      members,
      lead: frame.lead,
      ceiling: frame.isDecided ? Infinity : frameCeiling(frame),
      isDecided: frame.isDecided,
    };
    const list = bounded.get(frame.category);
    if (list) list.push(story);
    else bounded.set(frame.category, [story]);
  }
  // Pass 2, per category: stories scored in order of their ceiling until none left unscored can
  // reach the kept part (TopStoriesScoring), pausing where a summary is still to be loaded
  const scorings = [...bounded].map(([category, stories]) => ({
    category,
    scoring: new TopStoriesScoring(stories, keepPerCategory, week),
  }));

  return {
    next() {
      const wanted: WeekItem[] = [];
      for (const { scoring } of scorings) scoring.advance(wanted);
      return wanted;
    },
    // Pass 2 is done: the kept stories are explained in full.
    finish() {
      const byCategory: CandidatesByCategory = Object.fromEntries(config.weekly.categories.map((category) => [category.id, []]));
      for (const { category, scoring } of scorings) {
        const scored = scoring.finish();
        scored.sort(
          (left, right) =>
            right.score - left.score || left.frame.firstSeenAt - right.frame.firstSeenAt || left.frame.lead.id - right.frame.lead.id,
        );
        const list = (byCategory[category] ??= []);
        for (const { frame } of scored) {
          if (list.length >= keepPerCategory && !frame.isDecided) continue;
          list.push(toCandidate(scoreStory(frame), window.label, list.length + 1, now));
        }
      }
      return byCategory;
    },
  };
}

interface BoundedStory {
  members: WeekItem[];
  lead: WeekItem;
  /** The most the story can score (Infinity for a story the curator decided on: always scored). */
  ceiling: number;
  isDecided: boolean;
}

/** Below this, a ceiling counts as under a score whatever the floating-point order of their sums. */
const CEILING_TOLERANCE = 1e-9;

/**
 * Scores the stories of one category, highest ceiling first, and stops once `keep` undecided
 * stories have scored above every remaining ceiling: no story left can be among the first `keep`,
 * which gives the same list as scoring every story. Decided stories are always scored (the curator
 * sees them whatever their rank). It pauses at a story whose lead link's summary is not loaded.
 */
class TopStoriesScoring {
  private readonly best: TopScores;
  private readonly scored: Array<{ frame: StoryFrame; score: number }> = [];
  private next = 0;

  constructor(
    private readonly stories: BoundedStory[],
    private readonly keep: number,
    private readonly week: WeekContext,
  ) {
    sortByCeiling(stories);
    this.best = new TopScores(keep);
  }

  /** Scores on until done or a summary is missing; then adds the next lead links without one to `wanted`. */
  advance(wanted: WeekItem[]): void {
    const { stories, best } = this;
    for (; this.next < stories.length; this.next += 1) {
      const { members, lead, ceiling, isDecided } = stories[this.next];
      if (!isDecided && best.isFull() && ceiling + CEILING_TOLERANCE < best.lowest()) {
        this.next = stories.length;
        return;
      }
      if (lead.summary === undefined) {
        // the stories about to be scored: on the bench week a category scores 4–5 × `keep` stories
        // before the rest is out of reach, so the first pause asks for 6 × `keep`, a later one for 2 × more
        const batch = Math.max(64, (this.scored.length === 0 ? 6 : 2) * this.keep);
        const end = Math.min(stories.length, this.next + batch);
        for (let index = this.next; index < end; index += 1)
          if (stories[index].lead.summary === undefined) wanted.push(stories[index].lead);
        return;
      }
      const frame = frameStory(members, this.week)!; // framed once already: the same pure computation
      const { score } = scoreStory(frame, { explain: false });
      this.scored.push({ frame, score });
      if (!isDecided) best.add(score);
    }
  }

  finish(): Array<{ frame: StoryFrame; score: number }> {
    if (this.next < this.stories.length) throw new Error('TopStoriesScoring.finish: stories left unscored (next() must return none first)');
    return this.scored;
  }
}

/**
 * Highest ceiling first, ties in their order (as a stable sort by ceiling): the comparisons read
 * two flat arrays rather than the tens of thousands of story objects, scattered in memory.
 */
function sortByCeiling(stories: BoundedStory[]): void {
  const ceilings = new Float64Array(stories.length);
  const order = new Array<number>(stories.length);
  for (let index = 0; index < stories.length; index += 1) {
    ceilings[index] = stories[index].ceiling;
    order[index] = index;
  }
  order.sort((left, right) => ceilings[right] - ceilings[left] || left - right);
  const sorted = order.map((index) => stories[index]);
  for (let index = 0; index < stories.length; index += 1) stories[index] = sorted[index];
}

/** The `size` highest numbers added so far, as a min-heap: `lowest()` is the size-th highest. */
class TopScores {
  private readonly heap: number[] = [];

  constructor(private readonly size: number) {}

  isFull(): boolean {
    return this.heap.length >= this.size;
  }

  lowest(): number {
    return this.heap.length === 0 ? Infinity : this.heap[0];
  }

  add(value: number): void {
    const heap = this.heap;
    if (heap.length < this.size) {
      heap.push(value);
      for (let index = heap.length - 1; index > 0; ) {
        const parent = (index - 1) >> 1;
        if (heap[parent] <= heap[index]) break;
        [heap[parent], heap[index]] = [heap[index], heap[parent]];
        index = parent;
      }
    } else if (this.size > 0 && value > heap[0]) {
      heap[0] = value;
      for (let index = 0; ; ) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < heap.length && heap[left] < heap[smallest]) smallest = left;
        if (right < heap.length && heap[right] < heap[smallest]) smallest = right;
        if (smallest === index) break;
        [heap[smallest], heap[index]] = [heap[index], heap[smallest]];
        index = smallest;
      }
    }
  }
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
    members: story.ordered.map((item) => ({
      itemId: item.id,
      url: item.url,
      title: item.title,
      sourceIds: [...new Set(item.sightings.map((sighting) => sighting.sourceId))],
    })),
    sourceIds: story.sourceIds,
    rule: story.rule,
    breakdown: story.breakdown,
    reasons: story.reasons,
    computedAt: now,
  };
}
