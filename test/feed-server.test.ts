import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleRss, startFeedServer, type FeedServer, type RecordedRequest } from './helpers/feed-server.ts';

const CORPUS_FEED = '/work/shared/corpus/feeds/miniflux__v2/inline/parser/TestParseRSS.xml';
const RSS = sampleRss();

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

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(server.url(path), { headers, redirect: 'manual' });
}

describe('feed server: routes and log', () => {
  it('listens on 127.0.0.1 with an ephemeral port', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    expect(server.url('/feed.xml')).toBe(`${server.origin}/feed.xml`);
  });

  it('serves a registered feed and logs each request with its headers and time', async () => {
    server.serveFeed('/feed.xml', RSS);
    const before = Date.now();

    const response = await get('/feed.xml', { 'user-agent': 'probe/1' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(await response.text()).toBe(RSS);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      path: '/feed.xml',
      headers: { 'user-agent': 'probe/1' },
    });
    expect(server.requests[0].at).toBeGreaterThanOrEqual(before);
  });

  it('answers 404 for an unknown path, and still logs it', async () => {
    const response = await get('/nothing-here');

    expect(response.status).toBe(404);
    expect(server.requests.map((request) => request.path)).toEqual(['/nothing-here']);
  });

  it('matches a path regardless of its query unless the route names one', async () => {
    server.html('/page', '<p>any</p>');
    server.html('/page?id=2', '<p>two</p>');

    expect(await (await get('/page?id=1')).text()).toBe('<p>any</p>');
    expect(await (await get('/page?id=2')).text()).toBe('<p>two</p>');
  });

  it('accepts a static response or a handler, and a later route replaces an earlier one', async () => {
    server.route('/x', { status: 201, headers: { 'x-kind': 'static' }, body: 'first' });
    const first = await get('/x');
    server.route('/x', (_request, response) => {
      response.end('second');
    });
    const second = await get('/x');

    expect([first.status, first.headers.get('x-kind'), await first.text()]).toEqual([201, 'static', 'first']);
    expect(await second.text()).toBe('second');
  });

  it('turns a handler that throws into a 500 naming the error', async () => {
    server.route('/boom', () => {
      throw new Error('scripted failure');
    });

    const response = await get('/boom');

    expect(response.status).toBe(500);
    expect(await response.text()).toContain('scripted failure');
  });

  it('reset forgets routes and the log', async () => {
    server.serveFeed('/feed.xml', RSS);
    await (await get('/feed.xml')).text();

    server.reset();

    expect(server.requests).toHaveLength(0);
    expect((await get('/feed.xml')).status).toBe(404);
  });

  it('reset stops counting a request still in flight from before', async () => {
    server.serveFeed('/host-z/feed', RSS, { delayMs: 300 });
    const pending = get('/host-z/feed');
    while (server.requests.length < 1) await new Promise((resolve) => setTimeout(resolve, 10));

    server.reset();

    expect(server.concurrency()).toEqual({ current: 0, max: 0 });
    expect((await pending).status).toBe(200);
  });
});

describe('feed server: serveFeed validators and compression', () => {
  const validators = { etag: '"v1"', lastModified: 'Mon, 23 Nov 2026 06:00:00 GMT', cacheControl: 'max-age=300' };

  it.each([
    ['no conditional headers → 200', {}, 200],
    ['the same ETag → 304', { 'if-none-match': '"v1"' }, 304],
    ['a weak form of the ETag → 304', { 'if-none-match': 'W/"v1"' }, 304],
    ['the ETag inside a list → 304', { 'if-none-match': '"v0", "v1"' }, 304],
    ['another ETag → 200', { 'if-none-match': '"v0"' }, 200],
    [
      'another ETag but a current date → 200 (If-None-Match wins)',
      { 'if-none-match': '"v0"', 'if-modified-since': validators.lastModified },
      200,
    ],
    ['If-Modified-Since equal to Last-Modified → 304', { 'if-modified-since': validators.lastModified }, 304],
    ['If-Modified-Since before Last-Modified → 200', { 'if-modified-since': 'Sun, 22 Nov 2026 06:00:00 GMT' }, 200],
  ])('%s', async (_name, headers, expected) => {
    server.serveFeed('/feed.xml', RSS, validators);

    const response = await get('/feed.xml', headers);

    expect(response.status).toBe(expected);
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(response.headers.get('last-modified')).toBe(validators.lastModified);
    expect(response.headers.get('cache-control')).toBe('max-age=300');
    expect(await response.text()).toBe(expected === 200 ? RSS : '');
  });

  it('compresses with gzip only when the client accepts it', async () => {
    server.serveFeed('/feed.xml', RSS, { gzip: true });

    const compressed = await get('/feed.xml', { 'accept-encoding': 'gzip' });
    const plain = await get('/feed.xml', { 'accept-encoding': 'identity' });

    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect(Number(compressed.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(RSS));
    expect(await compressed.text()).toBe(RSS);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(RSS);
  });

  it('serves a corpus file byte for byte with the given content type', async () => {
    server.serveFile('/corpus.xml', CORPUS_FEED, 'application/xml');

    const response = await get('/corpus.xml');

    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(await readFile(CORPUS_FEED));
  });
});

describe('feed server: scripted failures', () => {
  it('status answers the code with the given headers', async () => {
    server.status('/teapot', 418, { 'x-reason': 'scripted' });

    const response = await get('/teapot');

    expect(response.status).toBe(418);
    expect(response.headers.get('x-reason')).toBe('scripted');
  });

  it.each([
    ['seconds, default 429', 120, undefined, 429, '120'],
    ['an HTTP-date with 503', 'Mon, 23 Nov 2026 08:05:00 GMT', 503, 503, 'Mon, 23 Nov 2026 08:05:00 GMT'],
  ])('retryAfter with %s', async (_name, value, code, expectedStatus, expectedHeader) => {
    server.retryAfter('/busy', value, code);

    const response = await get('/busy');

    expect(response.status).toBe(expectedStatus);
    expect(response.headers.get('retry-after')).toBe(expectedHeader);
  });

  it('redirect sends the Location as given, so chains and loops can be built', async () => {
    server.redirect('/a', '/b', 301);
    server.redirect('/b', '/a');

    const first = await get('/a');
    const second = await get('/b');

    expect([first.status, first.headers.get('location')]).toEqual([301, '/b']);
    expect([second.status, second.headers.get('location')]).toEqual([302, '/a']);
  });

  it('slowBody sends headers and half the body at once, the rest after the delay', async () => {
    server.slowBody('/slow', 600);
    const startedAt = Date.now();

    const response = await get('/slow');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const firstChunk = decoder.decode((await reader.read()).value);
    const firstChunkAfter = Date.now() - startedAt;
    let body = firstChunk;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) body += decoder.decode(chunk.value);

    expect(firstChunk).toMatch(/^<\?xml/);
    expect(firstChunkAfter).toBeLessThan(500);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(590);
    expect(body).toBe(sampleRss('Slow feed'));
  });

  it.each([
    ['streamed without Content-Length', false, null],
    ['with a declared Content-Length', true, String(3 * 1024 * 1024 + 7)],
  ])('oversize %s sends exactly the bytes asked for', async (_name, declareLength, expectedLength) => {
    server.oversize('/huge', 3 * 1024 * 1024 + 7, { declareLength });

    const response = await get('/huge');

    expect(response.headers.get('content-length')).toBe(expectedLength);
    expect((await response.arrayBuffer()).byteLength).toBe(3 * 1024 * 1024 + 7);
  });

  it('delays any route by delayMs before answering', async () => {
    server.status('/late', 204, {}, { delayMs: 200 });
    const startedAt = Date.now();

    const response = await get('/late');

    expect(response.status).toBe(204);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(190);
  });
});

describe('feed server: concurrency counters', () => {
  it('counts requests in flight per path prefix, current and max', async () => {
    for (const path of ['/host-a/1', '/host-a/2', '/host-a/3', '/host-b/1']) {
      server.serveFeed(path, RSS, { delayMs: 300 });
    }

    const pending = ['/host-a/1', '/host-a/2', '/host-a/3', '/host-b/1'].map(async (path) => (await get(path)).text());
    while (server.requests.length < 4) await new Promise((resolve) => setTimeout(resolve, 10));
    const during = server.concurrency('/host-a/');
    await Promise.all(pending);
    await (await get('/host-a/1')).text(); // alone, after the others: must not raise the max

    expect(during).toEqual({ current: 3, max: 3 });
    expect(server.concurrency('/host-a/')).toEqual({ current: 0, max: 3 });
    expect(server.concurrency('/host-b/')).toEqual({ current: 0, max: 1 });
    expect(server.concurrency()).toEqual({ current: 0, max: 4 });
    const isFinished = (request: RecordedRequest): boolean => request.endedAt !== undefined && request.endedAt >= request.at;
    expect(server.requests.every(isFinished)).toBe(true);
  });

  it('sees sequential requests as a maximum of one', async () => {
    server.serveFeed('/host-c/feed', RSS);

    for (let index = 0; index < 3; index++) await (await get('/host-c/feed')).text();

    expect(server.concurrency('/host-c/')).toEqual({ current: 0, max: 1 });
  });
});

describe('feed server: close', () => {
  it('closes promptly even with a keep-alive connection open, and then refuses connections', async () => {
    const own = await startFeedServer();
    own.serveFeed('/feed.xml', RSS);
    await (await fetch(own.url('/feed.xml'))).text(); // leaves a pooled keep-alive socket

    const startedAt = Date.now();
    await own.close();

    expect(Date.now() - startedAt).toBeLessThan(1_000);
    await expect(fetch(own.url('/feed.xml'))).rejects.toThrow('fetch failed');
  });
});
