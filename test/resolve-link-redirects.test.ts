import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSources } from '../src/config/load-sources.ts';
import { MAX_CLICK_THROUGHS_PER_ISSUE } from '../src/refresh/resolve-link-redirects.ts';
import { refreshSource, type RefreshDeps } from '../src/refresh/refresh-source.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { syncSources } from '../src/store/sources/sync-sources.ts';
import { captureLogs } from './helpers/capture-logs.ts';
import { describeEachEngine } from './helpers/db.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';

const SLOW_LINKS = 8;
const SLOW_MS = 5_000;
const SLOW_TIMEOUT_MS = 2_000;
const FEED_DELAY_MS = 1_200;
const CAPPED_LINKS = MAX_CLICK_THROUGHS_PER_ISSUE + 5;

/** A newsletter feed of one issue linking `links` (absolute URLs), the way PyCoder's links its picks. */
const digest = (issue: string, links: string[]) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Digest</title><link>https://digest.example/</link><description>d</description>
<item><title>Issue ${issue}</title><link>https://digest.example/issues/${issue}</link><pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate><description><![CDATA[<h2>Articles</h2>
${links.map((link, index) => `<p><a href="${link}">Pick number ${index + 1} of the week</a></p><p>Why pick ${index + 1} matters.</p>`).join('\n')}]]></description></item>
</channel></rss>`;

let server: FeedServer;

function serveFeeds(): void {
  server.serveFeed('/bad.xml', digest('1', [server.url('/bad/link/1/feed'), server.url('/bad/link/2/feed'), 'https://github.com/a/b']));
  server.redirect('/bad/link/1/feed', 'https://docs.python.org/3/whatsnew/3.14.html');
  server.redirect('/bad/link/2/feed', 'http://[::1');
  const slow = Array.from({ length: SLOW_LINKS }, (_, index) => `/slow/link/${index}/feed`);
  // the feed itself takes part of the source's timeout: the click-throughs get only what is left
  server.serveFeed(
    '/slow.xml',
    digest(
      '2',
      slow.map((path) => server.url(path)),
    ),
    { delayMs: FEED_DELAY_MS },
  );
  for (const [index, path] of slow.entries()) server.redirect(path, `https://slow.example/${index}`, 302, { delayMs: SLOW_MS });
  const many = Array.from({ length: CAPPED_LINKS }, (_, index) => `/many/link/${index}/feed`);
  server.serveFeed(
    '/many.xml',
    digest(
      '3',
      many.map((path) => server.url(path)),
    ),
  );
  for (const [index, path] of many.entries()) server.redirect(path, `https://many.example/${index}`);
}

const asked = (prefix: string) => server.requests.filter((request) => request.path.startsWith(prefix)).length;

/** Click-through resolution: a bad link never fails the issue, the pass keeps to the source's timeout and a per-issue cap, failures are remembered. */
describeEachEngine('resolving click-through links', ({ getDb }) => {
  const clock = fixedClock('2026-11-25T02:00:00Z');
  const captured = captureLogs();
  let deps: RefreshDeps;

  beforeAll(async () => {
    server = await startFeedServer();
    serveFeeds();
    // the click-throughs are on 127.0.0.1, as the test's server is
    const entry = (id: string, path: string, extra = '') =>
      `  - { id: ${id}, name: "${id}", url: "${server.url(path)}", kind: digest, lang: en, category: articles, allow_private_networks: true${extra} }\n`;
    const config = parseSources(
      `weekly:
  categories:
    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 12 }
sources:
${entry('bad', '/bad.xml')}${entry('slow', '/slow.xml', `, timeout: ${SLOW_TIMEOUT_MS / 1000}s`)}${entry('many', '/many.xml')}`,
      'sources.yaml',
    );
    deps = { db: getDb(), log: captured.log, clock, fetch: globalThis.fetch, config };
    await syncSources(getDb(), config.sources);
  });

  afterAll(async () => {
    await server.close();
  });

  const storedUrls = async (sourceId: string) =>
    (
      await deps.db
        .selectFrom('items')
        .innerJoin('sightings', 'sightings.item_id', 'items.id')
        .select('url')
        .where('source_id', '=', sourceId)
        .orderBy('url')
        .execute()
    ).map((row) => row.url);
  const remembered = (url: string) =>
    deps.db
      .selectFrom('link_redirects')
      .select(['target_url', 'attempts', 'failed_at', 'next_try_at', 'error'])
      .where('url', '=', url)
      .executeTakeFirst();

  it('keeps a click-through with a malformed Location unresolved, says which and why, and stores the issue', async () => {
    const outcome = await refreshSource(deps, 'bad');
    expect(outcome).toMatchObject({ status: 'ok', itemsFound: 3 });
    expect(await storedUrls('bad')).toEqual(
      ['https://docs.python.org/3/whatsnew/3.14.html', 'https://github.com/a/b', server.url('/bad/link/2/feed')].sort(),
    );
    const warning = captured.lines.find((line) => line.msg === 'click-through link not resolved: kept as it is' && line.sourceId === 'bad');
    expect(warning).toMatchObject({ link: server.url('/bad/link/2/feed'), issue: 'https://digest.example/issues/1' });
    expect(String(warning?.reason)).toBe('malformed Location header "http://[::1"');
    expect(await remembered(server.url('/bad/link/2/feed'))).toEqual({
      target_url: null,
      attempts: 1,
      failed_at: clock.now(),
      next_try_at: new Date('2026-11-26T02:00:00Z'),
      error: 'malformed Location header "http://[::1"',
    });
  });

  it('does not ask a failed click-through again before its retry time, then backs off longer', async () => {
    const before = asked('/bad/link/');
    expect(await refreshSource(deps, 'bad')).toMatchObject({ status: 'ok' });
    expect(asked('/bad/link/')).toBe(before); // the resolved one is remembered too

    clock.set('2026-11-26T03:00:00Z');
    expect(await refreshSource(deps, 'bad')).toMatchObject({ status: 'ok' });
    expect(asked('/bad/link/')).toBe(before + 1);
    expect(await remembered(server.url('/bad/link/2/feed'))).toMatchObject({ attempts: 2, next_try_at: new Date('2026-11-28T03:00:00Z') });
  });

  it('ends the pass when the source timeout is used up, fetch included: what it did not get to or was cut off stays a click-through, unremembered', async () => {
    const startedAt = performance.now();
    const outcome = await refreshSource(deps, 'slow');
    const tookMs = performance.now() - startedAt;
    expect(outcome).toMatchObject({ status: 'ok', itemsFound: SLOW_LINKS });
    // the feed took 1.2 s of the 2 s timeout, so the click-throughs (5 s each) got 0.8 s, not another 2 s
    expect(tookMs).toBeLessThan(SLOW_TIMEOUT_MS + 600);
    expect((await storedUrls('slow')).every((url) => url.startsWith(server.url('/slow/link/')))).toBe(true);
    expect(asked('/slow/link/')).toBe(4); // one round at the pass's concurrency, cut by the timeout
    // cut off by the pass's budget is not the link's failure: no day of backoff, asked again next time
    const remembered = await deps.db
      .selectFrom('link_redirects')
      .select('url')
      .where('url', 'like', `${server.url('/slow/link/')}%`)
      .execute();
    expect(remembered).toEqual([]);
    expect(
      captured.lines.filter((line) => line.msg === 'click-through link not resolved: kept as it is' && line.sourceId === 'slow'),
    ).toEqual([]);

    await refreshSource(deps, 'slow');
    expect(asked('/slow/link/')).toBe(8);
  });

  it(`asks at most ${MAX_CLICK_THROUGHS_PER_ISSUE} click-throughs of one issue per refresh, the rest on the next`, async () => {
    expect(await refreshSource(deps, 'many')).toMatchObject({ status: 'ok', itemsFound: CAPPED_LINKS });
    expect(asked('/many/link/')).toBe(MAX_CLICK_THROUGHS_PER_ISSUE);
    const first = await storedUrls('many');
    expect(first.filter((url) => url.startsWith('https://many.example/'))).toHaveLength(MAX_CLICK_THROUGHS_PER_ISSUE);
    expect(first.filter((url) => url.startsWith(server.url('/many/link/')))).toHaveLength(5);

    await refreshSource(deps, 'many');
    expect(asked('/many/link/')).toBe(CAPPED_LINKS);
    const resolved = await deps.db
      .selectFrom('link_redirects')
      .select('url')
      .where('url', 'like', `${server.url('/many/link/')}%`)
      .where('target_url', 'is not', null)
      .execute();
    expect(resolved).toHaveLength(CAPPED_LINKS);
  });
});
