import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/**
 * A scripted feed server on 127.0.0.1 (ephemeral port) for integration tests and the benchmark:
 * tests never touch the internet, yet exercise real sockets, redirects, compression and timeouts.
 *
 * @example
 * const server = await startFeedServer();
 * server.serveFeed('/feed.xml', sampleRss(), { etag: '"v1"' });
 * await fetchFeed(deps, { url: server.url('/feed.xml'), ... });
 * expect(server.requests[0].headers['user-agent']).toMatch(/^sift/);
 * await server.close();
 */

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface StaticResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface RouteOptions {
  /** Wait this long before answering (before the status line), e.g. to test timeouts or concurrency. */
  delayMs?: number;
}

export interface ServeFeedOptions extends RouteOptions {
  contentType?: string;
  /** Sent as `ETag`; a matching `If-None-Match` gets a 304. */
  etag?: string;
  /** Sent as `Last-Modified`; an `If-Modified-Since` at or after it gets a 304 (when no `If-None-Match` was sent). */
  lastModified?: string;
  /** Compress with gzip when the client accepts it. */
  gzip?: boolean;
  cacheControl?: string;
}

export interface RecordedRequest {
  method: string;
  /** Path with query string, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  /** `Date.now()` when the request arrived. */
  at: number;
  /** `Date.now()` when the response finished or the connection closed; unset while in flight. */
  endedAt?: number;
}

export interface ConcurrencyCount {
  /** Requests under the prefix in flight right now. */
  current: number;
  /** The most that were ever in flight at once. */
  max: number;
}

export interface FeedServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly port: number;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  url(path: string): string;
  /**
   * Registers (or replaces) what `path` answers. A path with a query matches exactly; without,
   * it matches any query. Unregistered paths answer 404.
   */
  route(path: string, handler: RouteHandler | StaticResponse, options?: RouteOptions): void;
  /**
   * In-flight counts for requests whose path starts with `prefix` (default: all). Use one prefix
   * per simulated host (`/host-a/…`, `/host-b/…`) to check per-host limits.
   */
  concurrency(prefix?: string): ConcurrencyCount;
  serveFeed(path: string, body: string | Uint8Array, options?: ServeFeedOptions): void;
  /** Answers `code` with `headers` (and a short text body). */
  status(path: string, code: number, headers?: Record<string, string>, options?: RouteOptions): void;
  /** Answers `code` (default 429) with `Retry-After: value` — seconds, or an HTTP-date string. */
  retryAfter(path: string, value: number | string, code?: number, options?: RouteOptions): void;
  /** Sends the headers and the start of `body` at once, the rest after `ms`. */
  slowBody(path: string, ms: number, options?: RouteOptions & { body?: string }): void;
  /** Streams `bytes` bytes of XML-ish filler; no Content-Length unless `declareLength`. */
  oversize(path: string, bytes: number, options?: RouteOptions & { declareLength?: boolean }): void;
  /** Redirects `from` to `to` (absolute, or a path the client resolves). Chains and loops are made of several calls. */
  redirect(from: string, to: string, code?: number, options?: RouteOptions): void;
  /** Serves a file (e.g. from the corpus), read at request time; validators and gzip as in `serveFeed`. */
  serveFile(path: string, filePath: string, contentType: string, options?: Omit<ServeFeedOptions, 'contentType'>): void;
  html(path: string, body: string, options?: RouteOptions): void;
  /**
   * Forgets routes, the request log and the concurrency counts, for a server shared by several
   * tests; requests still in flight from an earlier test no longer count.
   */
  reset(): void;
  close(): Promise<void>;
}

interface Route {
  handler: RouteHandler;
  delayMs: number;
}

/** A minimal valid RSS 2.0 document, for tests that need "a feed" and nothing special. */
export function sampleRss(title = 'Sample feed'): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${title}</title><link>https://example.org/</link><description>Test feed</description>
<item><title>First post</title><link>https://example.org/first</link><guid>https://example.org/first</guid>
<pubDate>Mon, 24 Nov 2025 08:00:00 GMT</pubDate></item>
</channel></rss>
`;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  /** Per request, the paths in flight when it arrived (itself included): peaks happen at arrivals. */
  const inFlightAtArrival = new WeakMap<RecordedRequest, string[]>();
  const inFlight = new Set<RecordedRequest>();

  const server = createServer((request, response) => {
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: request.headers,
      at: Date.now(),
    };
    requests.push(record);
    inFlight.add(record);
    inFlightAtArrival.set(
      record,
      [...inFlight].map((entry) => entry.path),
    );
    response.on('close', () => {
      record.endedAt = Date.now();
      inFlight.delete(record);
    });
    void answer(findRoute(routes, record.path), request, response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const route: FeedServer['route'] = (path, handler, options = {}) => {
    routes.set(path, {
      handler: typeof handler === 'function' ? handler : (_request, response) => sendStatic(response, handler),
      delayMs: options.delayMs ?? 0,
    });
  };

  const feedServer: FeedServer = {
    origin,
    port,
    requests,
    url: (path) => new URL(path, origin).href,
    route,
    concurrency(prefix = '/') {
      let max = 0;
      for (const entry of requests) {
        if (!entry.path.startsWith(prefix)) continue;
        const concurrent = inFlightAtArrival.get(entry) ?? [];
        max = Math.max(max, concurrent.filter((path) => path.startsWith(prefix)).length);
      }
      const current = [...inFlight].filter((entry) => entry.path.startsWith(prefix)).length;
      return { current, max };
    },
    serveFeed(path, body, options = {}) {
      route(path, (request, response) => sendFeed(request, response, toBytes(body), options), options);
    },
    status(path, code, headers = {}, options) {
      const textHeaders = { 'content-type': 'text/plain; charset=utf-8', ...headers };
      route(path, { status: code, headers: textHeaders, body: `HTTP ${code}\n` }, options);
    },
    retryAfter(path, value, code = 429, options) {
      feedServer.status(path, code, { 'retry-after': String(value) }, options);
    },
    slowBody(path, ms, options = {}) {
      const body = options.body ?? sampleRss('Slow feed');
      const half = Math.floor(body.length / 2);
      route(
        path,
        (_request, response) => {
          response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
          response.write(body.slice(0, half));
          const timer = setTimeout(() => response.end(body.slice(half)), ms);
          response.on('close', () => clearTimeout(timer));
        },
        options,
      );
    },
    oversize(path, bytes, options = {}) {
      route(path, (_request, response) => streamFiller(response, bytes, options.declareLength ?? false), options);
    },
    redirect(from, to, code = 302, options) {
      route(from, { status: code, headers: { location: to } }, options);
    },
    serveFile(path, filePath, contentType, options = {}) {
      route(
        path,
        async (request, response) => {
          sendFeed(request, response, await readFile(filePath), { ...options, contentType });
        },
        options,
      );
    },
    html(path, body, options) {
      route(path, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body }, options);
    },
    reset() {
      routes.clear();
      requests.length = 0;
      inFlight.clear();
    },
    close() {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      // Keep-alive sockets (undici pools them) would otherwise hold close() open until they time out.
      server.closeAllConnections();
      return closed;
    },
  };
  return feedServer;
}

function findRoute(routes: Map<string, Route>, path: string): Route | undefined {
  return routes.get(path) ?? routes.get(path.split('?')[0]);
}

async function answer(route: Route | undefined, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (route === undefined) {
    const body = `no route for ${request.url}`;
    sendStatic(response, { status: 404, headers: { 'content-type': 'text/plain' }, body });
    return;
  }
  try {
    if (route.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, route.delayMs));
    if (response.destroyed) return; // the client gave up (e.g. its timeout fired) while we waited
    await route.handler(request, response);
  } catch (error) {
    // A broken scripted handler shows up in the test as a 500 carrying its message.
    if (!response.headersSent) sendStatic(response, { status: 500, body: `handler failed: ${String(error)}\n` });
    else response.destroy();
  }
}

function sendStatic(response: ServerResponse, reply: StaticResponse): void {
  const body = toBytes(reply.body ?? '');
  response.writeHead(reply.status ?? 200, { ...reply.headers, 'content-length': String(body.byteLength) });
  response.end(body);
}

function sendFeed(request: IncomingMessage, response: ServerResponse, body: Uint8Array, options: ServeFeedOptions): void {
  const headers: Record<string, string> = {};
  if (options.etag !== undefined) headers.etag = options.etag;
  if (options.lastModified !== undefined) headers['last-modified'] = options.lastModified;
  if (options.cacheControl !== undefined) headers['cache-control'] = options.cacheControl;

  if (isNotModified(request, options)) {
    response.writeHead(304, headers);
    response.end();
    return;
  }

  headers['content-type'] = options.contentType ?? 'application/rss+xml; charset=utf-8';
  let payload = body;
  if (options.gzip) {
    headers.vary = 'accept-encoding';
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      headers['content-encoding'] = 'gzip';
      payload = gzipSync(body);
    }
  }
  headers['content-length'] = String(payload.byteLength);
  response.writeHead(200, headers);
  response.end(payload);
}

/** RFC 9110 §13.2.2 order: If-None-Match decides when present (weak comparison); else If-Modified-Since. */
function isNotModified(request: IncomingMessage, options: ServeFeedOptions): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (options.etag === undefined) return false;
    const wanted = stripWeak(options.etag);
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || stripWeak(tag) === wanted);
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifModifiedSince === undefined || options.lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && since >= Date.parse(options.lastModified);
}

function stripWeak(etag: string): string {
  return etag.trim().replace(/^W\//, '');
}

/** Writes `total` bytes in 64 KiB chunks, respecting backpressure and stopping when the client hangs up. */
function streamFiller(response: ServerResponse, total: number, declareLength: boolean): void {
  const headers: Record<string, string> = { 'content-type': 'application/rss+xml; charset=utf-8' };
  if (declareLength) headers['content-length'] = String(total);
  response.writeHead(200, headers);
  const chunk = Buffer.alloc(64 * 1024, '<!-- filler -->\n');
  let remaining = total;
  const writeMore = (): void => {
    while (remaining > 0 && !response.destroyed) {
      const size = Math.min(remaining, chunk.byteLength);
      remaining -= size;
      if (remaining === 0) {
        response.end(chunk.subarray(0, size));
        return;
      }
      if (!response.write(chunk.subarray(0, size))) {
        response.once('drain', writeMore);
        return;
      }
    }
  };
  writeMore();
}

function toBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}
