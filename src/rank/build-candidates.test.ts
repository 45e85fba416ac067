import { describe, expect, it } from 'vitest';
import { weeklySchema, type SourcesConfig } from '../config/schema.ts';
import { buildCandidates, startCandidates, type CandidatesByCategory } from './build-candidates.ts';
import { learnAcceptance } from './learn-acceptance.ts';
import type { ItemDecision, SourceInfo, WeekData, WeekItem } from './types.ts';
import { weekWindow } from '../calendar/week.ts';

const config: Pick<SourcesConfig, 'weekly' | 'classify'> = {
  weekly: weeklySchema.parse({
    categories: [
      { id: 'articles', title: '文章&教程', slots: 10, keywords: ['python', 'asyncio', 'django', 'typing', 'pep'] },
      { id: 'projects', title: '项目&资源', slots: 10, keywords: ['python', 'cli', 'library'] },
      { id: 'media', title: '播客&视频', slots: 3, keywords: [] },
      { id: 'discussions', title: '讨论&问题', slots: 2, keywords: ['python'] },
    ],
  }),
  classify: [],
};
const window = weekWindow('2026-W48', config.weekly);
const now = new Date('2026-11-28T10:00:00Z');

const WORDS = [
  'python',
  'asyncio',
  'django',
  'typing',
  'pep',
  'cli',
  'library',
  'rust',
  'cooking',
  'travel',
  'garden',
  'music',
  'release',
  'guide',
  'notes',
];
const HOSTS = [
  'https://github.com/owner{n}/repo{i}',
  'https://blog{n}.example.com/post/{i}',
  'https://www.youtube.com/watch?v=v{i}',
  'https://news.ycombinator.com/item?id={i}',
  'https://dev.to/writer{n}/post-{i}',
];

/**
 * A random week: items with 1–5 sightings from sources of every kind and weight, random titles
 * and summaries (some reposts of an earlier title), engagement, dates before and inside the week,
 * decisions of this week and earlier ones, and a few links published before.
 */
function randomWeek(seed: number, itemCount: number): { data: WeekData; acceptanceEvents: Parameters<typeof learnAcceptance>[0] } {
  let state = seed;
  const random = () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const kinds = ['blog', 'digest', 'community', 'podcast', 'video', 'trending', 'release'];
  const sources = new Map<string, SourceInfo>();
  for (let index = 0; index < 40; index += 1) {
    const id = `s${index}`;
    sources.set(id, {
      id,
      name: `Source ${index}`,
      kind: kinds[index % kinds.length],
      category: pick(['articles', 'projects', 'media', 'discussions']),
      weight: pick([0, 0.5, 1, 1, 2, 3]),
    });
  }
  const sourceIds = [...sources.keys()];
  const items: WeekItem[] = [];
  const span = window.end.getTime() - window.start.getTime();
  for (let id = 1; id <= itemCount; id += 1) {
    const repost = id > 10 && random() < 0.05 ? items[Math.floor(random() * items.length)] : undefined;
    const title = repost
      ? `${repost.title} | DEV Community`
      : Array.from({ length: 3 + Math.floor(random() * 6) }, () => pick(WORDS)).join(' ') + ` ${id}`;
    const url = pick(HOSTS)
      .replace('{n}', String(Math.floor(random() * 30)))
      .replace('{i}', String(id));
    const firstSeenMs = window.start.getTime() + Math.floor(random() * span);
    const sightingCount = 1 + Math.floor(random() ** 2 * 5);
    items.push({
      id,
      url,
      canonicalUrl: url,
      title,
      summary: Array.from({ length: Math.floor(random() * 8) }, () => pick(WORDS)).join(' '),
      lang: random() < 0.3 ? 'zh' : 'en',
      publishedMs: random() < 0.1 ? null : firstSeenMs - Math.floor(random() * 400 * 86_400_000 * (random() < 0.2 ? 1 : 0.01)),
      firstSeenMs,
      mediaKind: random() < 0.05 ? 'audio' : null,
      sightings: Array.from({ length: sightingCount }, () => ({
        sourceId: pick(sourceIds),
        points: random() < 0.2 ? Math.floor(random() * 900) : null,
        comments: random() < 0.2 ? Math.floor(random() * 300) : null,
        appearedMs: random() < 0.5 ? firstSeenMs : null,
        appearances: 1 + Math.floor(random() ** 3 * 6),
        seenMs: firstSeenMs,
      })),
      origin: 'new',
    });
  }
  const decisions: ItemDecision[] = [];
  for (let count = 0; count < itemCount / 20; count += 1) {
    decisions.push({
      week: pick(['2026-W48', '2026-W47', '2026-W40']),
      itemId: 1 + Math.floor(random() * itemCount),
      status: pick(['accepted', 'rejected', 'pending']),
      category: random() < 0.2 ? 'media' : null,
    });
  }
  const published = new Map(
    items
      .filter(() => random() < 0.02)
      .map((item) => [item.canonicalUrl, { issueNumber: 7, week: random() < 0.5 ? '2026-W47' : '2026-W48' }]),
  );
  const acceptanceEvents = decisions.map((decision) => ({
    sourceIds: items[decision.itemId - 1].sightings.map((sighting) => sighting.sourceId),
    url: items[decision.itemId - 1].url,
    isAccepted: decision.status === 'accepted',
    at: new Date(now.getTime() - 30 * 86_400_000),
  }));
  return { data: { items, sources, decisions, published }, acceptanceEvents };
}

/** What `keepPerCategory` must give, worked out from the full ranking: the first `keep` cards plus every decided one. */
function keepFromFull(full: CandidatesByCategory, keep: number, decidedIds: ReadonlySet<number>): Record<string, Array<[number, number]>> {
  return Object.fromEntries(
    Object.entries(full).map(([category, cards]) => {
      const kept: Array<[number, number]> = [];
      for (const card of cards) {
        const isDecided = card.members.some((member) => decidedIds.has(member.itemId));
        if (kept.length >= keep && !isDecided) continue;
        kept.push([card.itemId, card.score]);
      }
      return [category, kept];
    }),
  );
}

describe('buildCandidates', () => {
  for (const seed of [1, 2, 3]) {
    it(`keeps exactly the cards a full ranking would keep (random week ${seed})`, () => {
      const { data, acceptanceEvents } = randomWeek(seed, 3_000);
      const context = { window, config, acceptance: learnAcceptance(acceptanceEvents, now), now };
      const full = buildCandidates(data, context, { keepPerCategory: Infinity });
      const decidedIds = new Set(data.decisions.filter((decision) => decision.week === window.label).map((decision) => decision.itemId));
      for (const keep of [0, 1, 5, 40]) {
        const kept = buildCandidates(data, context, { keepPerCategory: keep });
        const shown = Object.fromEntries(
          Object.entries(kept).map(([category, cards]) => [category, cards.map((card): [number, number] => [card.itemId, card.score])]),
        );
        expect(shown).toEqual(keepFromFull(full, keep, decidedIds));
        for (const cards of Object.values(kept)) {
          expect(cards.map((card) => card.rank)).toEqual(cards.map((_, index) => index + 1));
          for (const card of cards) expect(card.reasons.length).toBeGreaterThan(0);
        }
      }
      // the full ranking holds every story of the week not published before
      expect(Object.values(full).flat().length).toBeGreaterThan(2_000);
    });
  }
});

describe('startCandidates', () => {
  for (const keep of [0, 5, 40]) {
    it(`ranks as buildCandidates while asking only for the summaries it reads (keep ${keep})`, () => {
      const { data, acceptanceEvents } = randomWeek(4, 3_000);
      const context = { window, config, acceptance: learnAcceptance(acceptanceEvents, now), now };
      const expected = buildCandidates(data, context, { keepPerCategory: keep });
      // the same week as loadWeekItems gives it: no summaries, each loaded when asked for
      const summaries = new Map(data.items.map((item) => [item.id, item.summary]));
      const items = data.items.map((item) => ({ ...item, summary: undefined }));
      const build = startCandidates({ ...data, items }, context, { keepPerCategory: keep });
      let asked = 0;
      for (let wanted = build.next(); wanted.length > 0; wanted = build.next()) {
        asked += wanted.length;
        for (const item of wanted) item.summary = summaries.get(item.id);
      }
      expect(build.finish()).toEqual(expected);
      expect(asked).toBeLessThan(data.items.length / 2);
    });
  }

  it('says which summaries are missing instead of scoring without them', () => {
    const { data, acceptanceEvents } = randomWeek(5, 200);
    const items = data.items.map((item) => ({ ...item, summary: undefined }));
    const context = { window, config, acceptance: learnAcceptance(acceptanceEvents, now), now };
    expect(() => buildCandidates({ ...data, items }, context)).toThrow(/have no summary/);
  });
});

describe('buildCandidates: the language of a link only newsletters carried', () => {
  it("scores no language for it (the blurb's is the newsletter's), and keeps it for a link a list carried", () => {
    const seenMs = window.start.getTime() + 86_400_000;
    const item = (id: number, sourceId: string): WeekItem => ({
      id,
      url: `https://github.com/owner${id}/tool${id}`,
      canonicalUrl: `https://github.com/owner${id}/tool${id}`,
      title: `tool${id}: 一个命令行工具`,
      summary: '一个好用的命令行工具',
      lang: 'zh',
      publishedMs: null,
      firstSeenMs: seenMs,
      mediaKind: null,
      sightings: [{ sourceId, points: null, comments: null, appearedMs: null, appearances: 1, seenMs }],
      origin: 'new',
    });
    const sources = new Map<string, SourceInfo>([
      ['trending', { id: 'trending', name: 'Trending', kind: 'trending', category: 'projects', weight: 1 }],
      ['zh-weekly', { id: 'zh-weekly', name: '周刊', kind: 'digest', category: 'projects', weight: 1 }],
    ]);
    // Chinese projects picked at 20 %, English ones at 5 %
    const events = ['zh', 'en'].flatMap((lang) =>
      Array.from({ length: 100 }, (_, index) => ({
        url: `https://github.com/${lang}/${index}`,
        isAccepted: index < (lang === 'zh' ? 20 : 5),
        isPassedOver: index >= (lang === 'zh' ? 20 : 5),
        at: new Date(now.getTime() - 14 * 86_400_000),
        sourceIds: ['trending'],
        category: 'projects',
        lang,
      })),
    );
    const data: WeekData = { items: [item(1, 'trending'), item(2, 'zh-weekly')], sources, decisions: [], published: new Map() };
    const ranked = buildCandidates(data, { window, config, acceptance: learnAcceptance(events, now), now });
    const languageOf = (id: number) => ranked.projects.find((card) => card.itemId === id)?.breakdown.terms.language;
    expect(languageOf(1)).toBeGreaterThan(1);
    expect(languageOf(2)).toBe(0);
  });
});
