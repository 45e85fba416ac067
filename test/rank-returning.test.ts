import { beforeAll, expect, it } from 'vitest';
import { weeklySchema, type SourcesConfig } from '../src/config/schema.ts';
import type { Db } from '../src/db/database.ts';
import type { CandidatesByCategory } from '../src/rank/build-candidates.ts';
import { rankWeek } from '../src/curate/rank-week.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { describeEachEngine } from './helpers/db.ts';

/**
 * Links that are news this week although sift first saw them before it: back on trending, carried
 * late by a newsletter, left undecided at the top of last week's list while its issue is not out.
 * And what stays out: links rejected or passed over before, a newsletter's standing block, last
 * week's tail.
 */
const config: Pick<SourcesConfig, 'weekly' | 'classify'> = {
  weekly: weeklySchema.parse({
    categories: [
      { id: 'articles', title: '文章&教程', slots: 2, keywords: ['python'] },
      { id: 'projects', title: '项目&资源', slots: 2, keywords: ['python'] },
    ],
  }),
  classify: [],
};
const WEEK = '2026-W48'; // 2026-11-21T16:00Z .. 2026-11-28T16:00Z
const LAST_WEEK = '2026-W47';

const SOURCES = [
  { id: 'trending', name: 'GitHub Trending', kind: 'trending', category: 'projects' },
  { id: 'blog', name: 'A Python blog', kind: 'blog', category: 'articles' },
  { id: 'weekly', name: 'A newsletter', kind: 'digest', category: 'articles' },
];

interface Seed {
  url: string;
  seen: string;
  sightings: Array<{ source: string; seen: string; appeared?: string; appearances?: number; isLate?: boolean }>;
}

async function seed(db: Db, seeds: Seed[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const { url, seen, sightings } of seeds) {
    const { id } = await db
      .insertInto('items')
      .values({ url, canonical_url: url, title: `Python ${url.split('/').pop()}`, summary: '', published_at: seen, first_seen_at: seen })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(url, Number(id));
    await db
      .insertInto('sightings')
      .values(
        sightings.map((sighting) => ({
          item_id: Number(id),
          source_id: sighting.source,
          first_seen_at: sighting.seen,
          appeared_at: sighting.appeared ?? sighting.seen,
          appearances: sighting.appearances ?? 1,
          is_late: sighting.isLate ?? false,
        })),
      )
      .execute();
  }
  return ids;
}

describeEachEngine('rankWeek: links that are news again', ({ getDb }) => {
  let ranked: CandidatesByCategory;
  let ids: Map<string, number>;
  const rankedUrls = () => Object.values(ranked).flatMap((list) => list.map((candidate) => candidate.url));
  const cardOf = (url: string) =>
    Object.values(ranked)
      .flat()
      .find((candidate) => candidate.url === url);

  beforeAll(async () => {
    const db = getDb();
    await db
      .insertInto('sources')
      .values(SOURCES.map((source) => ({ ...source, url: `https://${source.id}.example.com/feed`, lang: 'en', tags: '[]' })))
      .execute();
    ids = await seed(db, [
      // trending in October, and again on Tuesday of the ranked week
      {
        url: 'https://github.com/owner/back-again',
        seen: '2026-10-05T12:00:00Z',
        sightings: [{ source: 'trending', seen: '2026-10-05T12:00:00Z', appeared: '2026-11-24T00:00:00Z', appearances: 2 }],
      },
      // first on trending this week, on three days of it
      {
        url: 'https://github.com/owner/new-this-week',
        seen: '2026-11-23T12:00:00Z',
        sightings: [{ source: 'trending', seen: '2026-11-23T12:00:00Z', appeared: '2026-11-25T00:00:00Z', appearances: 3 }],
      },
      // trending in October only
      {
        url: 'https://github.com/owner/october-only',
        seen: '2026-10-05T12:00:00Z',
        sightings: [{ source: 'trending', seen: '2026-10-05T12:00:00Z', appearances: 3 }],
      },
      // a blog post of last week that a newsletter carries this week
      {
        url: 'https://blog.example.com/late',
        seen: '2026-11-17T12:00:00Z',
        sightings: [
          { source: 'blog', seen: '2026-11-17T12:00:00Z' },
          { source: 'weekly', seen: '2026-11-23T12:00:00Z', appeared: '2026-11-23T00:00:00Z', isLate: true },
        ],
      },
      // back on trending, but the curator rejected it when it first trended
      {
        url: 'https://github.com/owner/rejected-before',
        seen: '2026-10-05T12:00:00Z',
        sightings: [{ source: 'trending', seen: '2026-10-05T12:00:00Z', appeared: '2026-11-24T00:00:00Z', appearances: 2 }],
      },
      // back on trending, but on the top of the list the editor read in W45, and passed over
      {
        url: 'https://github.com/owner/shown-before',
        seen: '2026-10-05T12:00:00Z',
        sightings: [{ source: 'trending', seen: '2026-10-05T12:00:00Z', appeared: '2026-11-24T00:00:00Z', appearances: 2 }],
      },
      // last week's list: the top one and one far down, both undecided, and a top one rejected
      {
        url: 'https://blog.example.com/top-of-last-week',
        seen: '2026-11-18T12:00:00Z',
        sightings: [{ source: 'blog', seen: '2026-11-18T12:00:00Z' }],
      },
      {
        url: 'https://blog.example.com/tail-of-last-week',
        seen: '2026-11-18T13:00:00Z',
        sightings: [{ source: 'blog', seen: '2026-11-18T13:00:00Z' }],
      },
      {
        url: 'https://blog.example.com/rejected-last-week',
        seen: '2026-11-18T14:00:00Z',
        sightings: [{ source: 'blog', seen: '2026-11-18T14:00:00Z' }],
      },
      // last week's pick, which the blog carried before issue 47 ran it: the blog's record is not all misses
      {
        url: 'https://blog.example.com/picked-last-week',
        seen: '2026-11-18T15:00:00Z',
        sightings: [{ source: 'blog', seen: '2026-11-18T15:00:00Z' }],
      },
      // this week: a newsletter's standing block (its third issue carrying it) and a plain new post
      {
        url: 'https://community.example.com/join',
        seen: '2026-11-23T12:00:00Z',
        sightings: [{ source: 'weekly', seen: '2026-11-23T12:00:00Z', appeared: '2026-11-23T00:00:00Z', appearances: 3 }],
      },
      { url: 'https://blog.example.com/new', seen: '2026-11-25T12:00:00Z', sightings: [{ source: 'blog', seen: '2026-11-25T12:00:00Z' }] },
      // in the week, and published in the next week's issue: still a candidate when this week is ranked
      {
        url: 'https://blog.example.com/published-next-week',
        seen: '2026-11-25T13:00:00Z',
        sightings: [{ source: 'blog', seen: '2026-11-25T13:00:00Z' }],
      },
      // in the week, and already published in last week's issue
      {
        url: 'https://blog.example.com/published-last-week',
        seen: '2026-11-25T14:00:00Z',
        sightings: [{ source: 'blog', seen: '2026-11-25T14:00:00Z' }],
      },
    ]);
    const candidate = (url: string, category: string, rank: number, week = LAST_WEEK) => ({
      week,
      category,
      rank,
      score: 10 - rank / 100,
      cluster_key: url,
      item_id: ids.get(url)!,
      item_ids: JSON.stringify([ids.get(url)]),
      source_ids: JSON.stringify(['blog']),
      rule: 'source',
      breakdown: JSON.stringify({ terms: {}, facts: {} }),
      reasons: '[]',
      computed_at: '2026-11-21T10:00:00Z',
    });
    await db
      .insertInto('candidates')
      .values([
        candidate('https://blog.example.com/top-of-last-week', 'articles', 1),
        candidate('https://blog.example.com/rejected-last-week', 'articles', 2),
        candidate('https://blog.example.com/tail-of-last-week', 'articles', 7), // below 3 × 2 slots
        candidate('https://github.com/owner/shown-before', 'projects', 1, '2026-W45'),
      ])
      .execute();
    await db
      .insertInto('decisions')
      .values([
        {
          week: '2026-W41',
          item_id: ids.get('https://github.com/owner/rejected-before')!,
          status: 'rejected',
          decided_at: '2026-10-09T00:00:00Z',
        },
        {
          week: LAST_WEEK,
          item_id: ids.get('https://blog.example.com/rejected-last-week')!,
          status: 'rejected',
          decided_at: '2026-11-20T00:00:00Z',
        },
      ])
      .execute();
    await db
      .insertInto('issues')
      .values([
        { number: 47, title: 'Issue 47', pub_date: '2026-11-21', week: LAST_WEEK },
        { number: 49, title: 'Issue 49', pub_date: '2026-12-05', week: '2026-W49' },
      ])
      .execute();
    await db
      .insertInto('published')
      .values([
        {
          issue_number: 47,
          section: '文章&教程',
          category: 'articles',
          position: 1,
          title: 't',
          url: 'https://blog.example.com/published-last-week',
          canonical_url: 'https://blog.example.com/published-last-week',
        },
        {
          issue_number: 47,
          section: '文章&教程',
          category: 'articles',
          position: 2,
          title: 't',
          url: 'https://blog.example.com/picked-last-week',
          canonical_url: 'https://blog.example.com/picked-last-week',
        },
        {
          issue_number: 49,
          section: '文章&教程',
          category: 'articles',
          position: 1,
          title: 't',
          url: 'https://blog.example.com/published-next-week',
          canonical_url: 'https://blog.example.com/published-next-week',
        },
      ])
      .execute();
    ranked = await rankWeek({ db, config, clock: fixedClock('2026-11-28T15:00:00Z') }, WEEK, { save: false });
  });

  it("offers a repository back on trending, without counting its days on trending before the week as this week's", () => {
    const card = cardOf('https://github.com/owner/back-again');
    expect(card?.category).toBe('projects');
    // two days: one in October, one this week
    expect(card?.breakdown.terms.repeats).toBe(0);
    expect(card?.breakdown.terms.stale).toBe(0);
  });

  it('says a repository new this week trended on several days of it', () => {
    const card = cardOf('https://github.com/owner/new-this-week');
    expect(card?.breakdown.terms.repeats).toBeGreaterThan(0);
    expect(card?.reasons.join(' | ')).toContain('listed on 3 days');
  });

  it('offers a link a newsletter carries a week after a blog did', () => {
    const card = cardOf('https://blog.example.com/late');
    expect(card?.sourceIds.sort()).toEqual(['blog', 'weekly']);
  });

  it("leaves out last week's undecided cards once last week's issue is out: the editor passed them over", () => {
    expect(rankedUrls()).not.toContain('https://blog.example.com/top-of-last-week');
    expect(rankedUrls()).not.toContain('https://blog.example.com/tail-of-last-week');
  });

  it("carries the undecided top of last week's list while last week's issue is not out, and not its tail", async () => {
    const db = getDb();
    // issue 47 not yet imported as last week's
    await db.updateTable('issues').set({ week: null }).where('number', '=', 47).execute();
    try {
      const again = await rankWeek({ db, config, clock: fixedClock('2026-11-28T15:00:00Z') }, WEEK, { save: false });
      const cards = Object.values(again).flat();
      const top = cards.find((candidate) => candidate.url === 'https://blog.example.com/top-of-last-week');
      expect(top?.breakdown.terms.carried).toBeLessThan(0);
      expect(cards.map((candidate) => candidate.url)).not.toContain('https://blog.example.com/tail-of-last-week');
    } finally {
      await db.updateTable('issues').set({ week: LAST_WEEK }).where('number', '=', 47).execute();
    }
  });

  it("keeps out what trended only before the week, what the curator rejected or passed over, and a newsletter's standing block", () => {
    expect(rankedUrls()).not.toContain('https://github.com/owner/october-only');
    expect(rankedUrls()).not.toContain('https://github.com/owner/rejected-before');
    expect(rankedUrls()).not.toContain('https://github.com/owner/shown-before');
    expect(rankedUrls()).not.toContain('https://blog.example.com/rejected-last-week');
    expect(rankedUrls()).not.toContain('https://community.example.com/join');
    expect(rankedUrls()).toContain('https://blog.example.com/new');
  });

  it('treats as published only the issues before the week, so a past week can be backtested', () => {
    expect(rankedUrls()).toContain('https://blog.example.com/published-next-week');
    expect(rankedUrls()).not.toContain('https://blog.example.com/published-last-week');
  });

  it('does not store the ranking when asked not to', async () => {
    const rows = await getDb().selectFrom('candidates').select('week').where('week', '=', WEEK).execute();
    expect(rows).toEqual([]);
  });
});
