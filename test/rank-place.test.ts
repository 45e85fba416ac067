import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSources } from '../src/config/load-sources.ts';
import type { SourcesConfig } from '../src/config/schema.ts';
import { rankWeek } from '../src/curate/rank-week.ts';
import { refreshSource, type RefreshDeps } from '../src/refresh/refresh-source.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { syncSources } from '../src/store/sources/sync-sources.ts';
import { describeEachEngine } from './helpers/db.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';

/**
 * A ranked source's order is kept (sighting_positions) and scored (`place`): the best place of the
 * week, per sighting and day, on both engines. A chronological feed carrying the same links keeps none.
 */

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
});

afterAll(async () => {
  await server.close();
});

/** An undated list (as GitHub trending feeds are): its day is the day sift reads it. */
const list = (
  repos: readonly string[],
) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Trending</title><link>https://github.com/trending</link><description>d</description>
${repos.map((repo) => `<item><title>${repo}</title><link>https://github.com/${repo}</link><description>A Python tool</description></item>`).join('\n')}
</channel></rss>`;

function sourcesYaml(): string {
  return `weekly:
  categories:
    - { id: projects, title: 项目&资源, slots: 2, keywords: [python] }
sources:
  - { id: trending, name: "GitHub Trending", url: "${server.url('/trending.xml')}", kind: trending, ranked: true, lang: en, category: projects }
  - { id: updated, name: "Recently updated", url: "${server.url('/updated.xml')}", kind: trending, lang: en, category: projects }
`;
}

describeEachEngine('place on a ranked list', ({ getDb }) => {
  let config: SourcesConfig;
  const clock = fixedClock('2026-11-18T02:00:00Z'); // 2026-W47; W48 is 2026-11-21T16:00Z .. 2026-11-28T16:00Z
  const deps = (): RefreshDeps => ({ db: getDb(), log: silentLogger(), clock, fetch: globalThis.fetch, config });
  const positionsOf = async (sourceId: string) =>
    (
      await getDb()
        .selectFrom('sighting_positions as p')
        .innerJoin('items as i', 'i.id', 'p.item_id')
        .select(['i.url', 'p.listed_at', 'p.position'])
        .where('p.source_id', '=', sourceId)
        .orderBy('p.listed_at')
        .orderBy('p.position')
        .execute()
    ).map((row) => `${row.listed_at.toISOString().slice(0, 10)} ${row.url.replace('https://github.com/', '')} #${row.position}`);

  beforeAll(async () => {
    config = parseSources(sourcesYaml(), 'sources.yaml');
    await syncSources(getDb(), config.sources);
  });

  it('keeps the place of each link on a ranked list, per day, and none for a feed whose order is not a ranking', async () => {
    // last week: "old/top" was #1
    server.serveFeed('/trending.xml', list(['old/top', 'a/second']));
    expect(await refreshSource(deps(), 'trending')).toMatchObject({ status: 'ok' });
    clock.set(new Date('2026-11-24T02:00:00Z'));
    server.serveFeed('/trending.xml', list(['a/first', 'b/second', 'old/top']));
    server.serveFeed('/updated.xml', list(['c/updated', 'b/second', 'a/first', 'old/top']));
    expect(await refreshSource(deps(), 'trending')).toMatchObject({ status: 'ok' });
    expect(await refreshSource(deps(), 'updated')).toMatchObject({ status: 'ok' });
    // later the same day: a better place is kept, a worse one does not replace the day's best
    clock.set(new Date('2026-11-24T14:00:00Z'));
    server.serveFeed('/trending.xml', list(['b/second', 'old/top', 'a/first']));
    expect(await refreshSource(deps(), 'trending')).toMatchObject({ status: 'ok' });
    expect(await positionsOf('trending')).toEqual([
      '2026-11-18 old/top #1',
      '2026-11-18 a/second #2',
      '2026-11-24 a/first #1',
      '2026-11-24 b/second #1',
      '2026-11-24 old/top #2',
    ]);
    expect(await positionsOf('updated')).toEqual([]);
  });

  it("scores the week's best place and says it, not a place of an earlier week", async () => {
    clock.set(new Date('2026-11-28T12:00:00Z'));
    const ranked = await rankWeek({ db: getDb(), config, clock }, '2026-W48');
    const cardOf = (repo: string) => ranked.projects.find((candidate) => candidate.url === `https://github.com/${repo}`);
    expect(cardOf('a/first')?.breakdown.terms.place).toBeCloseTo(4 * Math.log2(25), 5);
    expect(cardOf('a/first')?.reasons).toContain('#1 on GitHub Trending this week');
    // #1 last week, #2 this week: this week's place counts
    expect(cardOf('old/top')?.breakdown.terms.place).toBeCloseTo(4 * Math.log2(25 / 2), 5);
    // first on a list whose order is not a ranking
    expect(cardOf('c/updated')?.breakdown.terms.place).toBe(0);
  });

  it("scores a link's place among the day's newcomers on the day the list first showed it, not a link the list showed before the week", async () => {
    clock.set(new Date('2026-11-25T02:00:00Z'));
    server.serveFeed('/trending.xml', list(['old/top', 'a/first', 'd/new', 'e/newer']));
    expect(await refreshSource(deps(), 'trending')).toMatchObject({ status: 'ok' });
    clock.set(new Date('2026-11-28T12:00:00Z'));
    const ranked = await rankWeek({ db: getDb(), config, clock }, '2026-W48');
    const debutOf = (repo: string) =>
      ranked.projects.find((candidate) => candidate.url === `https://github.com/${repo}`)?.breakdown.terms.debut;
    // #3 and #4 of the day's list, but the first and second link it showed for the first time
    expect(debutOf('d/new')).toBeCloseTo(6 * Math.log2(25), 5);
    expect(debutOf('e/newer')).toBeCloseTo(6 * Math.log2(25 / 2), 5);
    // first listed in the week before: back on the list, not new to it
    expect(debutOf('old/top')).toBe(0);
    // first on 11-24, not again on 11-25
    expect(debutOf('a/first')).toBeGreaterThan(0);
    expect(debutOf('c/updated')).toBe(0);
    const card = ranked.projects.find((candidate) => candidate.url === 'https://github.com/d/new');
    expect(card?.reasons).toContain("new on GitHub Trending at #1 of the day's newcomers");
  });
});
