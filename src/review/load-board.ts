import type { CategoryConfig, SourcesConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import { classifyItem, readClassifySettings } from '../rank/classify-item.ts';
import { shiftWeek, weekWindow, type WeekWindow } from '../calendar/week.ts';
import type { CandidateSource, RankedCandidate } from './candidate-source.ts';
import { isHttpUrl } from '../shared/parse-http-url.ts';
import type { Decision, DecisionStatus } from '../store/decisions/decision.ts';
import { loadWeekDecisions } from '../store/decisions/load-week-decisions.ts';
import { loadBoardItems, type BoardItemRecord } from '../store/items/load-board-items.ts';
import { loadBoardSightings, type BoardSightingRecord } from '../store/items/load-board-sightings.ts';
import { readDomain, toSafeHref } from '../shared/safe-url.ts';

export interface BoardFilters {
  category?: string;
  source?: string;
  lang?: string;
  /** Case-insensitive text searched in title, summary, URL, note (original and edited text). */
  q?: string;
  showRejected?: boolean;
}

export interface CardSource {
  id: string;
  name: string;
  kind: string;
}

export interface BoardCard {
  itemId: number;
  url: string;
  /** The link target, or null when the URL is not http(s) (the title renders as text). */
  href: string | null;
  domain: string;
  /** What the issue will print: the curator's edit, else the feed's text. */
  title: string;
  summary: string;
  originalTitle: string;
  originalSummary: string;
  lang: string;
  publishedAt: Date | null;
  firstSeenAt: Date;
  imageHref: string | null;
  /** The image the issue prints under the item ('' = none) and its alt text: the curator's, else the item's image. */
  imageUrl: string;
  imageAlt: string;
  /** Every source that carried the item or its cluster, newsletters (digests) first. */
  sources: CardSource[];
  /** Null for an item a curator added by hand that ranking did not pick. */
  score: number | null;
  reasons: string[];
  /** The category it shows under: the curator's choice, else ranking's. */
  category: string;
  status: DecisionStatus;
  note: string | null;
  /** 0 until the first decision: sent back with every action (optimistic concurrency). */
  version: number;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export interface BoardSection {
  category: CategoryConfig;
  cards: BoardCard[];
  /** Accepted in this category, whatever the filters hide. */
  acceptedCount: number;
}

export interface BoardModel {
  week: WeekWindow;
  previousWeek: string;
  nextWeek: string;
  sections: BoardSection[];
  /** Sources that carried any of this week's candidates, for the source filter. */
  sources: CardSource[];
  filters: BoardFilters;
  totals: { candidates: number; shown: number; accepted: number; rejected: number };
}

export interface BoardDeps {
  db: Db;
  config: Pick<SourcesConfig, 'weekly' | 'classify'>;
  candidates: CandidateSource;
}

/**
 * Everything the week board shows: ranking's candidates merged with this week's decisions (an
 * item a curator added by hand or moved shows even when ranking did not pick it there), cards in
 * rank order under each configured category, with the filters applied. Reads the database in
 * three queries whatever the number of candidates.
 */
export async function loadBoard(deps: BoardDeps, weekLabel: string, filters: BoardFilters = {}): Promise<BoardModel> {
  const week = weekWindow(weekLabel, deps.config.weekly);
  const ranked = await deps.candidates.listCandidates(week.label);
  const decisions = await loadWeekDecisions(deps.db, week.label);

  const entries = new Map<number, RankedCandidate | null>();
  for (const candidate of ranked) if (!entries.has(candidate.itemId)) entries.set(candidate.itemId, candidate);
  for (const itemId of decisions.keys()) if (!entries.has(itemId)) entries.set(itemId, null);
  const memberIds = new Set<number>(entries.keys());
  for (const candidate of ranked) for (const id of candidate.memberIds ?? []) memberIds.add(id);

  const [items, sightings] = await Promise.all([loadBoardItems(deps.db, [...entries.keys()]), loadBoardSightings(deps.db, [...memberIds])]);
  const classifySettings = readClassifySettings(deps.config);
  const categoryIds = new Set(deps.config.weekly.categories.map((category) => category.id));

  const cards: BoardCard[] = [];
  for (const [itemId, candidate] of entries) {
    const item = items.get(itemId);
    if (!item) continue;
    const decision = decisions.get(itemId) ?? null;
    const ids = candidate ? [itemId, ...(candidate.memberIds ?? [])] : [itemId];
    const sources = collectSources(ids.flatMap((id) => sightings.get(id) ?? []));
    let category = decision?.category ?? candidate?.category;
    if (!category || !categoryIds.has(category)) {
      const first = sightings.get(itemId)?.[0];
      category = classifyItem(
        { url: item.url, title: item.title, sourceCategory: first?.category, sourceKind: first?.kind, mediaKind: item.media_kind },
        classifySettings,
      ).category;
    }
    cards.push(toCard(item, candidate, decision, sources, category));
  }

  const accepted = cards.filter((card) => card.status === 'accepted');
  const shown = cards.filter((card) => matchesFilters(card, filters));
  const sections = deps.config.weekly.categories.map((category) => ({
    category,
    cards: filters.category && filters.category !== category.id ? [] : shown.filter((card) => card.category === category.id),
    acceptedCount: accepted.filter((card) => card.category === category.id).length,
  }));
  const allSources = new Map<string, CardSource>();
  for (const card of cards) for (const source of card.sources) allSources.set(source.id, source);

  return {
    week,
    previousWeek: shiftWeek(week.label, -1),
    nextWeek: shiftWeek(week.label, 1),
    sections,
    sources: [...allSources.values()].sort((a, b) => a.name.localeCompare(b.name)),
    filters,
    totals: {
      candidates: cards.length,
      shown: sections.reduce((sum, section) => sum + section.cards.length, 0),
      accepted: accepted.length,
      rejected: cards.filter((card) => card.status === 'rejected').length,
    },
  };
}

/** One entry per source, newsletters (digest sources) first: a digest pick is the strongest signal a curator looks for. */
function collectSources(sightings: BoardSightingRecord[]): CardSource[] {
  const unique = new Map<string, CardSource>();
  for (const sighting of sightings) {
    if (!unique.has(sighting.sourceId)) unique.set(sighting.sourceId, { id: sighting.sourceId, name: sighting.name, kind: sighting.kind });
  }
  const list = [...unique.values()];
  return [...list.filter((source) => source.kind === 'digest'), ...list.filter((source) => source.kind !== 'digest')];
}

function toCard(
  item: BoardItemRecord,
  candidate: RankedCandidate | null,
  decision: Decision | null,
  sources: CardSource[],
  category: string,
): BoardCard {
  return {
    itemId: Number(item.id),
    url: item.url,
    href: toSafeHref(item.url),
    domain: readDomain(item.url),
    title: decision?.title ?? item.title,
    summary: decision?.summary ?? item.summary,
    originalTitle: item.title,
    originalSummary: item.summary,
    lang: item.lang,
    publishedAt: item.published_at,
    firstSeenAt: item.first_seen_at,
    imageHref: toSafeHref(item.image_url),
    imageUrl: decision?.imageUrl ?? (item.image_url && isHttpUrl(item.image_url) ? item.image_url : ''),
    imageAlt: decision?.imageAlt ?? '',
    sources,
    score: candidate ? candidate.score : null,
    reasons: candidate ? candidate.reasons.slice(0, 3) : [],
    category,
    status: decision?.status ?? 'pending',
    note: decision?.note ?? null,
    version: decision?.version ?? 0,
    decidedBy: decision?.decidedBy ?? null,
    decidedAt: decision?.decidedAt ?? null,
  };
}

function matchesFilters(card: BoardCard, filters: BoardFilters): boolean {
  if (!filters.showRejected && card.status === 'rejected') return false;
  if (filters.lang && card.lang !== filters.lang) return false;
  if (filters.source && !card.sources.some((source) => source.id === filters.source)) return false;
  if (filters.q) {
    const needle = filters.q.toLowerCase();
    const haystack = [card.title, card.summary, card.originalTitle, card.originalSummary, card.url, card.note ?? '']
      .join('\n')
      .toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}
