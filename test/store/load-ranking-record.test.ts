import type { KyselyPlugin } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { RankingRecord } from '../../src/rank/types.ts';
import { loadRankingRecord } from '../../src/store/ranking/load-ranking-record.ts';
import { describeEachEngine } from '../helpers/db.ts';

/**
 * The record a ranking learns from: the cards of a published week are both the term-weight
 * examples (picked or not) and, when no issue carried them and no one decided on them, passed-over
 * verdicts; they are read once for both.
 */
describeEachEngine('loadRankingRecord', ({ getDb }) => {
  let record: RankingRecord;
  const candidateReads: string[] = [];

  beforeAll(async () => {
    const db = getDb();
    await db
      .insertInto('sources')
      .values({
        id: 'trending',
        name: 'Trending',
        url: 'https://trending.example.com/feed',
        kind: 'trending',
        lang: 'en',
        category: 'projects',
        tags: '[]',
      })
      .execute();
    await db
      .insertInto('sources')
      .values({
        id: 'echo',
        name: 'Echo',
        url: 'https://echo.example.com/feed',
        kind: 'digest',
        lang: 'en',
        category: 'projects',
        tags: '[]',
      })
      .execute();
    const ids = new Map<string, number>();
    for (const name of ['picked', 'passed', 'accepted', 'published-before', 'next-week']) {
      const url = `https://github.com/owner/${name}`;
      const { id } = await db
        .insertInto('items')
        .values({ url, canonical_url: url, title: name, summary: '', first_seen_at: '2026-11-16T12:00:00Z' })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(name, Number(id));
      await db
        .insertInto('sightings')
        .values({ item_id: Number(id), source_id: 'trending', first_seen_at: '2026-11-16T12:00:00Z' })
        .execute();
    }
    const card = (name: string, rank: number, week = '2026-W47') => ({
      week,
      category: 'projects',
      rank,
      score: 10 - rank,
      cluster_key: `https://github.com/owner/${name}`,
      item_id: ids.get(name)!,
      item_ids: JSON.stringify([ids.get(name)]),
      source_ids: JSON.stringify(['trending']),
      rule: 'source',
      breakdown: JSON.stringify({ terms: { sources: 12, freshness: rank }, facts: {} }),
      reasons: '[]',
      computed_at: '2026-11-21T10:00:00Z',
    });
    await db
      .insertInto('candidates')
      .values([card('picked', 1), card('passed', 2), card('accepted', 3), card('published-before', 4), card('next-week', 1, '2026-W48')])
      .execute();
    await db
      .insertInto('issues')
      .values([
        { number: 46, title: 'Issue 46', pub_date: '2026-11-14', week: '2026-W46' },
        { number: 47, title: 'Issue 47', pub_date: '2026-11-21', week: '2026-W47' },
        { number: 48, title: 'Issue 48', pub_date: '2026-11-28', week: '2026-W48' },
      ])
      .execute();
    const published = (issue: number, name: string) => ({
      issue_number: issue,
      section: '项目&资源',
      category: 'projects',
      position: 1,
      title: name,
      url: `https://github.com/owner/${name}`,
      canonical_url: `https://github.com/owner/${name}`,
    });
    await db
      .insertInto('published')
      .values([published(47, 'picked'), published(46, 'published-before')])
      .execute();
    // a newsletter that carried the pick only after its issue (2026-11-21) came out
    await db
      .insertInto('sightings')
      .values({ item_id: ids.get('picked')!, source_id: 'echo', first_seen_at: '2026-11-23T08:00:00Z' })
      .execute();
    await db
      .insertInto('decisions')
      .values({ week: '2026-W47', item_id: ids.get('accepted')!, status: 'accepted', decided_at: '2026-11-20T00:00:00Z' })
      .execute();

    const counter: KyselyPlugin = {
      transformQuery(args) {
        if (JSON.stringify(args.node).includes('"candidates"')) candidateReads.push(args.node.kind);
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    };
    record = await loadRankingRecord(db.withPlugin(counter), {
      since: new Date('2026-01-01T00:00:00Z'),
      until: new Date('2026-11-28T15:00:00Z'),
      beforeWeek: '2026-W48',
    });
  });

  it('labels every card of the published weeks before the ranked one, picked when its issue carried it or the curator accepted it', () => {
    const examples = record.examples.map((example) => [example.terms.freshness, example.isPick]).sort();
    // by rank (the freshness points stand for the rank here): W48's card is left out, as the week ranked
    expect(examples).toEqual([
      [1, true],
      [2, false],
      [3, true],
      [4, false],
    ]);
  });

  it('counts as passed over only the cards no issue carried and no one decided on', () => {
    const passed = record.events.filter((event) => event.isPassedOver).map((event) => event.url);
    expect(passed).toEqual(['https://github.com/owner/passed']);
  });

  it("credits a published link to the sources that carried it by its issue's day, not to one that carried it after", () => {
    const picked = record.events.filter((event) => event.url === 'https://github.com/owner/picked' && event.isAccepted);
    expect(picked.map((event) => event.sourceIds)).toEqual([['trending']]);
  });

  it('reads the stored cards once for both', () => {
    expect(candidateReads).toEqual(['SelectQueryNode']);
  });
});
