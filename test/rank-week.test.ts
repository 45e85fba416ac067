import { beforeAll, expect, it } from 'vitest';
import { weeklySchema, type SourcesConfig } from '../src/config/schema.ts';
import type { Db } from '../src/db/database.ts';
import { loadCandidates } from '../src/store/candidates/load-candidates.ts';
import { rankWeek } from '../src/curate/rank-week.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { describeEachEngine } from './helpers/db.ts';

const config: Pick<SourcesConfig, 'weekly' | 'classify'> = {
  weekly: weeklySchema.parse({
    categories: [
      { id: 'articles', title: '文章&教程', slots: 10, keywords: ['python', 'asyncio', 'django'] },
      { id: 'projects', title: '项目&资源', slots: 10, keywords: ['python', 'cli'] },
      { id: 'media', title: '播客&视频', slots: 3, keywords: [] },
      { id: 'discussions', title: '讨论&问题', slots: 2, keywords: [] },
    ],
  }),
  classify: [],
};
const WEEK = '2026-W48'; // 2026-11-21T16:00Z .. 2026-11-28T16:00Z (Asia/Shanghai, closing Saturday)
const clock = fixedClock('2026-11-28T10:00:00Z');

const SOURCES = [
  { id: 'pycoders', name: "PyCoder's Weekly", kind: 'digest', category: 'articles', weight: 1 },
  { id: 'realpython', name: 'Real Python', kind: 'blog', category: 'articles', weight: 1 },
  { id: 'planet', name: 'Planet Python', kind: 'blog', category: 'articles', weight: 1 },
  { id: 'hn', name: 'HN', kind: 'community', category: 'articles', weight: 1 },
  { id: 'trending', name: 'GitHub Trending', kind: 'trending', category: 'projects', weight: 1 },
  { id: 'talkpython', name: 'Talk Python', kind: 'podcast', category: 'media', weight: 1 },
];

interface Seed {
  url: string;
  title: string;
  seen: string;
  sources: string[];
  points?: number;
  published?: string;
}

async function seedItems(db: Db, seeds: Seed[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const seed of seeds) {
    const { id } = await db
      .insertInto('items')
      .values({
        url: seed.url,
        canonical_url: seed.url,
        title: seed.title,
        summary: '',
        published_at: seed.published ?? seed.seen,
        first_seen_at: seed.seen,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(seed.url, Number(id));
    await db
      .insertInto('sightings')
      .values(
        seed.sources.map((sourceId) => ({
          item_id: Number(id),
          source_id: sourceId,
          first_seen_at: seed.seen,
          points: seed.points ?? null,
        })),
      )
      .execute();
  }
  return ids;
}

describeEachEngine('rankWeek', ({ getDb }) => {
  let ids: Map<string, number>;

  beforeAll(async () => {
    const db = getDb();
    await db
      .insertInto('sources')
      .values(SOURCES.map((source) => ({ ...source, url: `https://${source.id}.example.com/feed`, lang: 'en', tags: '[]' })))
      .execute();
    ids = await seedItems(db, [
      {
        url: 'https://blog.example.com/asyncio-taskgroups',
        title: 'Understanding asyncio TaskGroups in Python',
        seen: '2026-11-23T02:00:00Z',
        sources: ['pycoders', 'realpython', 'planet'],
      },
      {
        url: 'https://dev.to/someone/asyncio-taskgroups',
        title: 'Understanding asyncio TaskGroups in Python - DEV Community',
        seen: '2026-11-24T02:00:00Z',
        sources: ['hn'],
        points: 412,
      },
      {
        url: 'https://blog.example.com/one-source',
        title: 'A quiet post about Django forms validation',
        seen: '2026-11-25T02:00:00Z',
        sources: ['planet'],
      },
      {
        url: 'https://github.com/someone/fastcli',
        title: 'fastcli: build Python CLI apps quickly',
        seen: '2026-11-26T02:00:00Z',
        sources: ['trending'],
      },
      {
        url: 'https://github.com/someone/other-tool',
        title: 'other-tool: a tool for things',
        seen: '2026-11-26T03:00:00Z',
        sources: ['trending'],
      },
      {
        url: 'https://talkpython.fm/episodes/show/500/x',
        title: 'Episode 500: typing in practice',
        seen: '2026-11-26T04:00:00Z',
        sources: ['talkpython'],
      },
      {
        url: 'https://www.reddit.com/r/Python/comments/abc/what_do_you_use/',
        title: 'What do you use for Python packaging these days?',
        seen: '2026-11-27T04:00:00Z',
        sources: ['hn'],
      },
      // boundaries: 23:59 and 00:01 Shanghai time around the week
      {
        url: 'https://blog.example.com/last-week',
        title: 'Seen at 23:59 on the previous Saturday',
        seen: '2026-11-21T15:59:00Z',
        sources: ['planet'],
      },
      {
        url: 'https://blog.example.com/next-week',
        title: 'Seen at 00:01 on the next Sunday',
        seen: '2026-11-28T16:01:00Z',
        sources: ['planet'],
      },
      // history and decisions
      {
        url: 'https://blog.example.com/already-published',
        title: 'A post the weekly already ran on Python',
        seen: '2026-11-24T05:00:00Z',
        sources: ['pycoders', 'realpython'],
      },
      {
        url: 'https://blog.example.com/published-but-accepted',
        title: 'Published before but accepted again on Python',
        seen: '2026-11-24T06:00:00Z',
        sources: ['realpython'],
      },
      {
        url: 'https://github.com/someone/really-a-video',
        title: 'A repository the curator files under media',
        seen: '2026-11-24T07:00:00Z',
        sources: ['trending'],
      },
      {
        url: 'https://blog.example.com/rejected-before',
        title: 'An earlier rejected Python post seen again',
        seen: '2026-11-24T08:00:00Z',
        sources: ['planet'],
      },
      {
        url: 'https://blog.example.com/control',
        title: 'A control Python post seen the same way',
        seen: '2026-11-24T08:00:00Z',
        sources: ['planet'],
      },
    ]);
    await db.insertInto('issues').values({ number: 120, title: 'Issue 120', week: '2026-W40' }).execute();
    await db
      .insertInto('published')
      .values(
        ['https://blog.example.com/already-published', 'https://blog.example.com/published-but-accepted'].map((url, position) => ({
          issue_number: 120,
          section: '🦄文章&教程',
          category: 'articles',
          position,
          title: url,
          url,
          canonical_url: url,
        })),
      )
      .execute();
    await db
      .insertInto('decisions')
      .values([
        { week: WEEK, item_id: ids.get('https://blog.example.com/published-but-accepted')!, status: 'accepted' },
        { week: WEEK, item_id: ids.get('https://github.com/someone/really-a-video')!, status: 'pending', category: 'media' },
        {
          week: '2026-W45',
          item_id: ids.get('https://blog.example.com/rejected-before')!,
          status: 'rejected',
          decided_at: '2026-11-07T00:00:00Z',
        },
      ])
      .execute();
  });

  const urlsIn = (list: Array<{ url: string }> | undefined) => (list ?? []).map((candidate) => candidate.url);

  it('puts every link of the week in a category, and nothing from the weeks around it', async () => {
    const ranked = await rankWeek({ db: getDb(), config, clock }, WEEK);
    expect(Object.keys(ranked)).toEqual(['articles', 'projects', 'media', 'discussions']);
    const all = Object.values(ranked)
      .flat()
      .map((candidate) => candidate.url);
    expect(all).not.toContain('https://blog.example.com/last-week');
    expect(all).not.toContain('https://blog.example.com/next-week');
    expect(urlsIn(ranked.projects)).toEqual(['https://github.com/someone/fastcli', 'https://github.com/someone/other-tool']);
    expect(urlsIn(ranked.discussions)).toEqual(['https://www.reddit.com/r/Python/comments/abc/what_do_you_use/']);
    expect(urlsIn(ranked.media)).toContain('https://talkpython.fm/episodes/show/500/x');
  });

  it('merges a repost into one card with every URL and source, and ranks it first', async () => {
    const ranked = await rankWeek({ db: getDb(), config, clock }, WEEK);
    const [top] = ranked.articles;
    expect(top.url).toBe('https://blog.example.com/asyncio-taskgroups');
    expect(top.members.map((member) => member.url)).toEqual([
      'https://blog.example.com/asyncio-taskgroups',
      'https://dev.to/someone/asyncio-taskgroups',
    ]);
    expect(top.sourceIds.sort()).toEqual(['hn', 'planet', 'pycoders', 'realpython']);
    expect(top.reasons[0]).toBe("4 sources incl. PyCoder's Weekly");
    expect(top.reasons).toContain('HN 412 points');
    expect(urlsIn(ranked.articles)).not.toContain('https://dev.to/someone/asyncio-taskgroups');
    expect(ranked.articles.map((candidate) => candidate.rank)).toEqual(ranked.articles.map((_, index) => index + 1));
  });

  it('leaves out links published in an earlier issue, unless accepted again this week', async () => {
    const ranked = await rankWeek({ db: getDb(), config, clock }, WEEK);
    expect(urlsIn(ranked.articles)).not.toContain('https://blog.example.com/already-published');
    expect(urlsIn(ranked.articles)).toContain('https://blog.example.com/published-but-accepted');
  });

  it('files a link where the curator put it', async () => {
    const ranked = await rankWeek({ db: getDb(), config, clock }, WEEK);
    const filed = ranked.media.find((candidate) => candidate.url === 'https://github.com/someone/really-a-video');
    expect(filed?.rule).toBe('override');
    expect(urlsIn(ranked.projects)).not.toContain('https://github.com/someone/really-a-video');
  });

  it("ranks a link the curator filed under this week although first seen weeks before, with the sources seen by the week's end", async () => {
    const db = getDb();
    const [filed] = await seedItems(db, [
      {
        url: 'https://blog.example.com/filed-late',
        title: 'An older Python post the curator keeps for this week',
        seen: '2026-11-05T02:00:00Z',
        sources: ['planet'],
      },
    ]).then((map) => [...map.values()]);
    await db
      .insertInto('sightings')
      .values([
        { item_id: filed, source_id: 'pycoders', first_seen_at: '2026-11-24T02:00:00Z' },
        { item_id: filed, source_id: 'hn', first_seen_at: '2026-11-29T02:00:00Z' }, // after the week: not "this week"
      ])
      .execute();
    await db.insertInto('decisions').values({ week: WEEK, item_id: filed, status: 'accepted', category: 'articles' }).execute();
    try {
      const ranked = await rankWeek({ db, config, clock }, WEEK);
      const card = ranked.articles.find((candidate) => candidate.url === 'https://blog.example.com/filed-late');
      expect(card?.sourceIds.sort()).toEqual(['planet', 'pycoders']);
      expect(card?.rule).toBe('override');
      expect(
        await rankWeek({ db, config, clock }, '2026-W45').then((week) =>
          Object.values(week)
            .flat()
            .map((candidate) => candidate.url),
        ),
      ).toContain('https://blog.example.com/filed-late');
    } finally {
      await db
        .deleteFrom('items')
        .where('id', '=', filed as never)
        .execute();
    }
  });

  it('sinks a link rejected in an earlier week below an identical one', async () => {
    const ranked = await rankWeek({ db: getDb(), config, clock }, WEEK);
    const rejected = ranked.articles.find((candidate) => candidate.url === 'https://blog.example.com/rejected-before')!;
    const control = ranked.articles.find((candidate) => candidate.url === 'https://blog.example.com/control')!;
    expect(rejected.rank).toBeGreaterThan(control.rank);
    expect(rejected.reasons).toContain('rejected in 2026-W45');
  });

  it('persists the ranking and replaces it on the next run', async () => {
    const db = getDb();
    const ranked = await rankWeek({ db, config, clock }, WEEK);
    const loaded = await loadCandidates(db, WEEK);
    for (const category of Object.keys(ranked)) {
      expect(
        (loaded[category] ?? []).map(({ url, rank, reasons, members }) => ({ url, rank, reasons, members: members.map((m) => m.url) })),
      ).toEqual(ranked[category].map(({ url, rank, reasons, members }) => ({ url, rank, reasons, members: members.map((m) => m.url) })));
    }
    expect(loaded.articles[0].breakdown.terms.sources).toBeCloseTo(ranked.articles[0].breakdown.terms.sources);

    await db.deleteFrom('items').where('canonical_url', '=', 'https://github.com/someone/other-tool').execute();
    await rankWeek({ db, config, clock }, WEEK);
    const again = await loadCandidates(db, WEEK);
    expect(urlsIn(again.projects)).toEqual(['https://github.com/someone/fastcli']);
    expect(Object.values(again).flat()).toHaveLength(Object.values(ranked).flat().length - 1);
    expect(await loadCandidates(db, '2026-W47')).toEqual({});
  });

  it('learns from accepted history: an owner published before ranks above a stranger', async () => {
    const db = getDb();
    await db.insertInto('issues').values({ number: 121, title: 'Issue 121', week: '2026-W41', pub_date: '2026-10-10' }).execute();
    await db
      .insertInto('published')
      .values(
        [1, 2, 3, 4, 5].map((position) => ({
          issue_number: 121,
          section: '🐿️项目&资源',
          position,
          title: `tool ${position}`,
          url: `https://github.com/trusted/tool-${position}`,
          canonical_url: `https://github.com/trusted/tool-${position}`,
        })),
      )
      .execute();
    await seedItems(db, [
      { url: 'https://github.com/stranger/zzz', title: 'zzz: a fast thing for logs', seen: '2026-11-26T05:00:00Z', sources: ['trending'] },
      {
        url: 'https://github.com/trusted/zzz',
        title: 'yyy: a fast thing for metrics',
        seen: '2026-11-26T05:00:00Z',
        sources: ['trending'],
      },
    ]);
    const ranked = await rankWeek({ db, config, clock }, WEEK);
    const order = urlsIn(ranked.projects);
    expect(order.indexOf('https://github.com/trusted/zzz')).toBeLessThan(order.indexOf('https://github.com/stranger/zzz'));
    const trusted = ranked.projects.find((candidate) => candidate.url === 'https://github.com/trusted/zzz')!;
    expect(trusted.reasons.join(' | ')).toMatch(/often accepted from github\.com\/trusted/);
  });
});
