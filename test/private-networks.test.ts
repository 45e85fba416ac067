import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSources } from '../src/config/load-sources.ts';
import { createPublicDispatcher } from '../src/fetch/public-dispatcher.ts';
import { refreshSource, type RefreshDeps, type RefreshOutcome } from '../src/refresh/refresh-source.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { listSourceHealth } from '../src/store/sources/list-source-health.ts';
import { syncSources } from '../src/store/sources/sync-sources.ts';
import { describeEachEngine } from './helpers/db.ts';
import { sampleRss, startFeedServer, type FeedServer } from './helpers/feed-server.ts';
import { startIpv6LoopbackServer, type Ipv6LoopbackServer } from './helpers/start-ipv6-loopback-server.ts';

/**
 * Nothing a feed chooses reaches a private network: the sources' URLs are on 127.0.0.1 (the
 * operator's choice, always fetched), the "internal services" on another loopback port and on
 * [::1]. A feed's redirect and a newsletter's click-throughs to them are refused unless the
 * source or the environment allows it, and no error text repeats what a response said.
 */

const SECRET = 'INTERNAL-SECRET-7f3a';
const ADVICE =
  'a target chosen by a response may not be on a private network (allow it with allow_private_networks: true on the source, or SIFT_ALLOW_PRIVATE_NETWORKS=1)';

let operator: FeedServer;
let internal: FeedServer;
let internalV6: Ipv6LoopbackServer;

/** A newsletter whose issue links two picks through click-throughs on the internal services. */
const newsletter = (
  siteUrl: string,
  issueUrl: string,
  clickThroughs: [string, string],
) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Weekly</title><link>${siteUrl}</link><description>d</description>
<item><title>Issue #1</title><link>${issueUrl}</link><description><![CDATA[<h2>Articles &amp; Tutorials</h2>
<p><a href="${clickThroughs[0]}">Python 3.14: What's New</a></p><p>Template strings and a free-threaded build.</p>
<p><a href="${clickThroughs[1]}">PEP 750: Template Strings</a></p><p>A new string prefix for templates.</p>
<p><a href="https://github.com/astral-sh/uv">uv</a> — an extremely fast package manager.</p>]]></description></item></channel></rss>`;

beforeAll(async () => {
  operator = await startFeedServer();
  internal = await startFeedServer();
  internalV6 = await startIpv6LoopbackServer((request, response) => {
    response.writeHead(302, { location: `https://peps.python.org/pep-0750/?from=${request.url}` }).end(`${SECRET}\n`);
  });
  internal.serveFeed('/internal.xml', sampleRss());
  for (const id of ['1', '11']) internal.redirect(`/link/${id}/feed`, `https://docs.python.org/3/whatsnew/3.14.html?from=${id}`, 302);

  operator.redirect('/redirects.xml', internal.url('/internal.xml'), 302);
  operator.redirect('/to-intranet.xml', 'http://intranet.test/feed.xml', 302);
  const siteUrl = operator.url('/');
  const issueUrl = `${internalV6.origin}/issues/1`; // makes [::1] the newsletter's "own site", as a hostile feed can
  operator.serveFeed(
    '/newsletter-a.xml',
    newsletter(siteUrl, issueUrl, [internal.url('/link/1/feed'), `${internalV6.origin}/link/2/feed`]),
  );
  operator.serveFeed(
    '/newsletter-b.xml',
    newsletter(siteUrl, issueUrl, [internal.url('/link/11/feed'), `${internalV6.origin}/link/12/feed`]),
  );
  operator.html('/page.html', `<html><head><title>${SECRET} admin console</title></head><body>${SECRET}</body></html>`);
  operator.route('/text', { status: 200, headers: { 'content-type': 'text/plain' }, body: `token=${SECRET}\n` });
  operator.route('/json', { status: 200, headers: { 'content-type': 'application/json' }, body: `{"token": ${SECRET}}` });
});

afterAll(async () => {
  await Promise.all([operator.close(), internal.close(), internalV6.close()]);
});

function sourcesYaml(): string {
  const entry = (id: string, path: string, kind = 'blog', extra = '') =>
    `  - { id: ${id}, name: "${id}", url: "${operator.url(path)}", kind: ${kind}, lang: en, category: articles${extra} }\n`;
  return `weekly:
  categories:
    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 12 }
sources:
${entry('redirect', '/redirects.xml')}${entry('redirect-allowed', '/redirects.xml?allowed', 'blog', ', allow_private_networks: true')}${entry('redirect-env', '/redirects.xml?env')}${entry('intranet', '/to-intranet.xml')}${entry('newsletter', '/newsletter-a.xml', 'digest')}${entry('newsletter-allowed', '/newsletter-b.xml', 'digest', ', allow_private_networks: true')}${entry('page', '/page.html')}${entry('text', '/text')}${entry('json', '/json')}`;
}

describeEachEngine('private networks', ({ getDb }) => {
  const clock = fixedClock('2026-11-25T02:00:00Z');
  let deps: RefreshDeps;

  beforeAll(async () => {
    const config = parseSources(sourcesYaml(), 'sources.yaml');
    // a resolver that answers a private address for intranet.test, as a hostile DNS would
    const publicDispatcher = createPublicDispatcher({ resolve: async () => [{ address: '10.0.0.7', family: 4 }] });
    deps = { db: getDb(), log: silentLogger(), clock, fetch: globalThis.fetch, config, publicDispatcher };
    await syncSources(getDb(), config.sources);
  });

  /** Where the internal services are now; `pathsSince(mark)` lists what they were asked after it. */
  const markInternal = () => [internal.requests.length, internalV6.paths.length] as const;
  const pathsSince = ([v4, v6]: readonly [number, number]) => [
    ...internal.requests.slice(v4).map((request) => request.path),
    ...internalV6.paths.slice(v6),
  ];
  const lastError = async (id: string) => (await listSourceHealth(deps.db, clock.now())).find((row) => row.id === id)?.lastError;
  const linksOf = async (sourceId: string) =>
    (
      await deps.db
        .selectFrom('items')
        .innerJoin('sightings', 'sightings.item_id', 'items.id')
        .select('url')
        .where('source_id', '=', sourceId)
        .orderBy('url')
        .execute()
    ).map((row) => row.url);
  const expectFailed = (outcome: RefreshOutcome, code: string) => {
    expect(outcome).toMatchObject({ status: 'failed', error: { code } });
  };

  it("refuses a feed's redirect to another loopback port and says what and why on the sources page", async () => {
    const mark = markInternal();

    const outcome = await refreshSource(deps, 'redirect');

    expectFailed(outcome, 'PRIVATE_ADDRESS');
    expect(await lastError('redirect')).toBe(
      `GET ${operator.url('/redirects.xml')}: redirect to ${internal.origin} refused: 127.0.0.1 is a loopback address; ${ADVICE}`,
    );
    expect(pathsSince(mark)).toEqual([]);
  });

  it('refuses a redirect to a name that resolves to a private address', async () => {
    const outcome = await refreshSource(deps, 'intranet');

    expectFailed(outcome, 'PRIVATE_ADDRESS');
    expect(await lastError('intranet')).toContain(
      'redirect to http://intranet.test refused: intranet.test resolves to 10.0.0.7, a private address',
    );
  });

  it('follows the redirect when the source allows private networks, or the environment does', async () => {
    const mark = markInternal();

    expect(await refreshSource(deps, 'redirect-allowed')).toMatchObject({ status: 'ok', itemsFound: 1 });
    expect(await refreshSource({ ...deps, env: { SIFT_ALLOW_PRIVATE_NETWORKS: true } }, 'redirect-env')).toMatchObject({
      status: 'ok',
      itemsFound: 1,
    });
    expect(pathsSince(mark)).toEqual(['/internal.xml', '/internal.xml']);
  });

  it("keeps a newsletter's click-throughs to 127.0.0.1 and [::1] unresolved and never asks them", async () => {
    const mark = markInternal();

    const outcome = await refreshSource(deps, 'newsletter');

    expect(outcome).toMatchObject({ status: 'ok', itemsFound: 3 });
    expect(pathsSince(mark)).toEqual([]);
    expect(await linksOf('newsletter')).toEqual(
      ['https://github.com/astral-sh/uv', internal.url('/link/1/feed'), `${internalV6.origin}/link/2/feed`].sort(),
    );
    const remembered = await deps.db
      .selectFrom('link_redirects')
      .select(['url', 'error'])
      .where('url', 'in', [internal.url('/link/1/feed'), `${internalV6.origin}/link/2/feed`])
      .orderBy('url')
      .execute();
    expect(remembered).toEqual([
      { url: internal.url('/link/1/feed'), error: `refused ${internal.origin}: 127.0.0.1 is a loopback address; ${ADVICE}` },
      { url: `${internalV6.origin}/link/2/feed`, error: `refused ${internalV6.origin}: ::1 is a loopback address; ${ADVICE}` },
    ]);
  });

  it('resolves the same click-throughs when the source allows private networks', async () => {
    const outcome = await refreshSource(deps, 'newsletter-allowed');

    expect(outcome).toMatchObject({ status: 'ok', itemsFound: 3 });
    expect(await linksOf('newsletter-allowed')).toEqual([
      'https://docs.python.org/3/whatsnew/3.14.html?from=11',
      'https://github.com/astral-sh/uv',
      'https://peps.python.org/pep-0750/?from=/link/12/feed',
    ]);
  });

  it.each([
    ['page', 'NOT_A_FEED', () => `HTML page at ${operator.url('/page.html')} is not a feed`],
    ['text', 'MALFORMED', () => `${operator.url('/text')}: not XML or JSON`],
    ['json', 'MALFORMED', () => `${operator.url('/json')}: invalid JSON`],
  ])("the %s error says what is wrong without repeating the response's content", async (id, code, expected) => {
    const outcome = await refreshSource(deps, id);

    expectFailed(outcome, code);
    const error = await lastError(id);
    expect(error).toContain(expected());
    expect(error).not.toContain(SECRET.slice(0, 8));
  });
});
