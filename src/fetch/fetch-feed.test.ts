import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleRss, startFeedServer, type FeedServer } from '../../test/helpers/feed-server.ts';
import { fixedClock } from '../shared/clock.ts';
import { FetchError, isPermanentError, type FetchErrorCode } from '../shared/errors.ts';
import { fetchFeed, type FetchRequest, type FetchResult } from './fetch-feed.ts';

const USER_AGENT = 'sift/0.1 (+https://github.com/sift-weekly/sift)';
const LAST_MODIFIED = 'Mon, 23 Nov 2026 06:00:00 GMT';
const RSS = sampleRss();
const clock = fixedClock('2026-11-23T08:00:00Z');
const deps = { userAgent: USER_AGENT, clock };

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

function get(path: string, overrides: Partial<FetchRequest> = {}): Promise<FetchResult> {
  return fetchFeed(deps, { url: server.url(path), timeoutMs: 5_000, maxBytes: 1024 * 1024, ...overrides });
}

/** Runs the fetch expecting a FetchError and returns it, so tests can check code, status and message. */
async function getError(path: string, overrides: Partial<FetchRequest> = {}): Promise<FetchError> {
  const error = await get(path, overrides).then(
    (result) => new Error(`expected a FetchError, got ${result.kind}`),
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof FetchError)) throw error;
  return error;
}

function textOf(result: FetchResult): string {
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.kind}`);
  return new TextDecoder().decode(result.bytes);
}

describe('fetchFeed: success and validators', () => {
  it('returns the body, content type and the validators to store', async () => {
    const validators = { etag: '"v1"', lastModified: LAST_MODIFIED, cacheControl: 'public, max-age=600' };
    server.serveFeed('/feed.xml', RSS, validators);

    const result = await get('/feed.xml');

    expect(result).toMatchObject({
      kind: 'ok',
      status: 200,
      contentType: 'application/rss+xml; charset=utf-8',
      finalUrl: server.url('/feed.xml'),
      etag: '"v1"',
      lastModified: LAST_MODIFIED,
      maxAgeSeconds: 600,
      unchanged: false,
    });
    expect(result).not.toHaveProperty('permanentRedirectUrl');
    expect(textOf(result)).toBe(RSS);
  });

  it('sends the User-Agent, a feed-preferring Accept and the stored validators', async () => {
    server.serveFeed('/feed.xml', RSS, { etag: '"v2"' });

    await get('/feed.xml', { etag: '"v1"', lastModified: LAST_MODIFIED });

    const [request] = server.requests;
    expect(request.headers['user-agent']).toBe(USER_AGENT);
    expect(request.headers.accept).toMatch(/^application\/rss\+xml, application\/atom\+xml/);
    expect(request.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(request.headers['if-none-match']).toBe('"v1"');
    expect(request.headers['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('sends no conditional headers on a first fetch', async () => {
    server.serveFeed('/feed.xml', RSS);

    await get('/feed.xml', { etag: null, lastModified: null });

    expect(server.requests[0].headers).not.toHaveProperty('if-none-match');
    expect(server.requests[0].headers).not.toHaveProperty('if-modified-since');
  });

  it.each([
    ['a matching ETag', { etag: '"v1"' }],
    ['a Last-Modified that is still current', { lastModified: LAST_MODIFIED }],
  ])('answers not-modified for %s, keeping the validators', async (_name, validators) => {
    server.serveFeed('/feed.xml', RSS, { etag: '"v1"', lastModified: LAST_MODIFIED, cacheControl: 'max-age=60' });

    const result = await get('/feed.xml', validators);

    expect(result).toEqual({
      kind: 'not-modified',
      finalUrl: server.url('/feed.xml'),
      etag: '"v1"',
      lastModified: LAST_MODIFIED,
      maxAgeSeconds: 60,
    });
  });

  it('keeps the sent validators when a 304 does not repeat them', async () => {
    server.route('/bare-304', { status: 304 });

    const result = await get('/bare-304', { etag: '"v9"', lastModified: LAST_MODIFIED });

    expect(result).toMatchObject({ kind: 'not-modified', etag: '"v9"', lastModified: LAST_MODIFIED });
  });

  it.each([
    ['the same ETag → unchanged', { etag: '"v1"' }, { etag: '"v1"' }, true],
    ['the same ETag made weak by a proxy → unchanged', { etag: 'W/"v1"' }, { etag: '"v1"' }, true],
    [
      'a different ETag, same Last-Modified → changed',
      { etag: '"v2"', 'last-modified': LAST_MODIFIED },
      { etag: '"v1"', lastModified: LAST_MODIFIED },
      false,
    ],
    ['the same Last-Modified and no ETag → unchanged', { 'last-modified': LAST_MODIFIED }, { lastModified: LAST_MODIFIED }, true],
    ['validators when we sent none → changed', { etag: '"v1"' }, {}, false],
  ])('a 200 ignoring conditional headers with %s', async (_name, headers, sent, isUnchanged) => {
    const allHeaders = { 'content-type': 'application/rss+xml', ...headers };
    server.route('/ignores-conditionals', { status: 200, headers: allHeaders, body: RSS });

    const result = await get('/ignores-conditionals', sent);

    expect(result).toMatchObject({ kind: 'ok', unchanged: isUnchanged });
    expect(textOf(result)).toBe(RSS);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('decodes a %s-compressed body (every encoding we advertise)', async (encoding, compress) => {
    server.route('/compressed', (_request, response) => {
      const compressed = compress(RSS);
      response.writeHead(200, {
        'content-type': 'application/rss+xml',
        'content-encoding': encoding,
        'content-length': String(compressed.length),
      });
      response.end(compressed);
    });

    expect(textOf(await get('/compressed'))).toBe(RSS);
  });
});

describe('fetchFeed: HTTP errors', () => {
  it('reports 429 with the Retry-After delay in seconds', async () => {
    server.retryAfter('/busy', 120);

    const error = await getError('/busy');

    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 429, retryAfterMs: 120_000 });
    expect(error.message).toBe(`GET ${server.url('/busy')}: HTTP 429 (retry after 120 s)`);
  });

  it('reports 503 with an HTTP-date Retry-After measured from the clock', async () => {
    server.retryAfter('/down', 'Mon, 23 Nov 2026 08:05:00 GMT', 503);

    const error = await getError('/down');

    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 503, retryAfterMs: 300_000 });
    expect(error.message).toContain('HTTP 503 (retry after 300 s)');
  });

  it.each([
    [500, false],
    [404, true],
    [410, true],
  ])('reports HTTP %i by status and URL, ignoring Retry-After (permanent: %s)', async (code, isPermanent) => {
    server.status('/broken', code, { 'retry-after': '60' });

    const error = await getError('/broken');

    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: code, retryAfterMs: undefined });
    expect(error.message).toBe(`GET ${server.url('/broken')}: HTTP ${code}`);
    expect(isPermanentError(error)).toBe(isPermanent);
  });
});

describe('fetchFeed: limits', () => {
  it('times out on a body that arrives too slowly', async () => {
    server.slowBody('/slow', 5_000);
    const startedAt = Date.now();

    const error = await getError('/slow', { timeoutMs: 200 });

    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe(`GET ${server.url('/slow')}: no complete response within 200 ms`);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });

  it('times out waiting for headers, counting the redirect hops in the same budget', async () => {
    server.redirect('/hop', '/stalled');
    server.serveFeed('/stalled', RSS, { delayMs: 5_000 });

    const error = await getError('/hop', { timeoutMs: 200 });

    expect(error.code).toBe('TIMEOUT');
  });

  it('stops reading a streamed body past maxBytes', async () => {
    server.oversize('/huge', 4 * 1024 * 1024);

    const error = await getError('/huge', { maxBytes: 100_000 });

    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain('exceeded the 97.7 KiB limit while reading');
  });

  it('refuses a declared Content-Length over maxBytes before reading', async () => {
    server.oversize('/declared', 50 * 1024 * 1024, { declareLength: true });

    const error = await getError('/declared', { maxBytes: 1024 * 1024 });

    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe(`GET ${server.url('/declared')}: Content-Length is 50 MiB, over the 1 MiB limit`);
  });

  it('accepts a body exactly at maxBytes', async () => {
    server.serveFeed('/exact', RSS);

    const result = await get('/exact', { maxBytes: Buffer.byteLength(RSS) });

    expect(textOf(result)).toBe(RSS);
  });

  it('reports a refused connection as NETWORK with the cause', async () => {
    const closed = await startFeedServer();
    const url = closed.url('/feed.xml');
    await closed.close();

    const error = await fetchFeed(deps, { url, timeoutMs: 5_000, maxBytes: 1024 }).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({ code: 'NETWORK' });
    expect((error as FetchError).message).toMatch(new RegExp(`^GET ${url}: network error \\(ECONNREFUSED`));
    expect((error as FetchError).cause).toBeDefined();
  });
});

describe('fetchFeed: redirects', () => {
  it('follows a chain, reports the final URL and where the feed moved for good', async () => {
    server.redirect('/old', '/moved', 301);
    server.redirect('/moved', server.url('/today'), 302);
    server.serveFeed('/today', RSS);

    const result = await get('/old');

    expect(result).toMatchObject({
      kind: 'ok',
      finalUrl: server.url('/today'),
      permanentRedirectUrl: server.url('/moved'),
    });
    expect(textOf(result)).toBe(RSS);
    expect(server.requests.map((request) => request.path)).toEqual(['/old', '/moved', '/today']);
    expect(server.requests.every((request) => request.headers['user-agent'] === USER_AGENT)).toBe(true);
  });

  it.each([
    ['301 then 308 → moved for good to the end', 301, 308, '/c'],
    ['302 then 301 → not moved (the first hop is temporary)', 302, 301, undefined],
    ['307 then 303 → not moved', 307, 303, undefined],
  ])('%s', async (_name, first, second, permanentPath) => {
    server.redirect('/a', '/b', first);
    server.redirect('/b', '/c', second);
    server.serveFeed('/c', RSS);

    const result = await get('/a');

    expect(result.finalUrl).toBe(server.url('/c'));
    expect(result.permanentRedirectUrl).toBe(permanentPath && server.url(permanentPath));
  });

  it('reports a permanent move on a 304 too', async () => {
    server.redirect('/old', '/new', 301);
    server.serveFeed('/new', RSS, { etag: '"v1"' });

    const result = await get('/old', { etag: '"v1"' });

    expect(result).toMatchObject({
      kind: 'not-modified',
      finalUrl: server.url('/new'),
      permanentRedirectUrl: server.url('/new'),
    });
  });

  it('names both URLs when the redirect target fails', async () => {
    server.redirect('/old', '/gone');
    server.status('/gone', 410);

    const error = await getError('/old');

    expect(error.message).toBe(`GET ${server.url('/gone')}: HTTP 410 (redirected from ${server.url('/old')})`);
  });

  it.each<[string, number, FetchErrorCode | 'ok']>([
    ['5 hops with the default limit → ok', 5, 'ok'],
    ['6 hops with the default limit → TOO_MANY_REDIRECTS', 6, 'TOO_MANY_REDIRECTS'],
  ])('%s', async (_name, hops, expected) => {
    for (let index = 0; index < hops; index++) server.redirect(`/r${index}`, `/r${index + 1}`);
    server.serveFeed(`/r${hops}`, RSS);

    const outcome = await get('/r0').then(
      (result) => result.kind,
      (error: FetchError) => error.code,
    );

    expect(outcome).toBe(expected);
    expect(server.requests).toHaveLength(Math.min(hops, 5) + 1);
  });

  it('honours a smaller maxRedirects', async () => {
    server.redirect('/r0', '/r1');
    server.redirect('/r1', '/r2');
    server.serveFeed('/r2', RSS);

    expect((await getError('/r0', { maxRedirects: 1 })).code).toBe('TOO_MANY_REDIRECTS');
  });

  it('detects a loop', async () => {
    server.redirect('/x', '/y', 301);
    server.redirect('/y', '/x', 302);

    const error = await getError('/x');

    expect(error.code).toBe('REDIRECT_LOOP');
    expect(error.message).toContain(`redirect loop, ${server.url('/x')} was already visited`);
  });

  it('refuses a redirect to a non-http URL', async () => {
    server.redirect('/feed', 'ftp://example.org/feed.xml');

    const error = await getError('/feed');

    expect(error.code).toBe('BAD_URL');
    expect(error.message).toContain('only http(s) URLs can be fetched, got "ftp://example.org/feed.xml"');
    expect(isPermanentError(error)).toBe(true);
  });

  it.each([['ftp://example.org/feed.xml'], ['not a url']])('refuses a request URL of %j as BAD_URL', async (url) => {
    const error = await fetchFeed(deps, { url, timeoutMs: 1_000, maxBytes: 1024 }).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: 'BAD_URL' });
  });
});
