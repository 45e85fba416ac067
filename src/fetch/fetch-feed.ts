import type { Clock } from '../shared/clock.ts';
import { FetchError } from '../shared/errors.ts';
import { loadPublicDispatcher } from './fetch-through.ts';
import { findPrivateAddressRefusal, PRIVATE_NETWORK_ADVICE } from './find-private-address-refusal.ts';
import type { Dispatcher } from './public-dispatcher.ts';
import { cancelQuietly } from './read-limited-body.ts';
import { readResult } from './read-result.ts';
import type { FetchRequest, FetchResult } from './types.ts';

export { parseMaxAge } from './parse-max-age.ts';
export { parseRetryAfter } from './parse-retry-after.ts';
export type { FetchNotModified, FetchOk, FetchRequest, FetchResult } from './types.ts';

export interface FetchDeps {
  /** Defaults to Node's global fetch (undici). */
  fetch?: typeof fetch;
  /** Sent on every request, e.g. `sift/0.1 (+https://github.com/sift-weekly/sift)`. */
  userAgent: string;
  /** Turns an HTTP-date `Retry-After` into a delay; defaults to the system clock. */
  clock?: Clock;
  /**
   * Connects redirect hops that leave the operator's origin; defaults to the process's
   * public-only dispatcher (see createPublicDispatcher). Tests pass one with their own resolver.
   */
  publicDispatcher?: Dispatcher;
}

export const DEFAULT_MAX_REDIRECTS = 5;

/** Feed types first, generic XML/JSON next, anything last (some servers 406 without a wildcard). */
const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECT_STATUSES = new Set([301, 308]);

/**
 * Performs one conditional GET of a feed, with the limits a crawler of strangers' servers needs.
 *
 * Redirects are followed by hand so each hop can be checked: http(s) only (`BAD_URL`), no URL
 * visited twice (`REDIRECT_LOOP`), at most `maxRedirects` hops (`TOO_MANY_REDIRECTS`). One
 * timeout covers every hop and the body (`TIMEOUT`); the body is capped while streaming
 * (`TOO_LARGE`); connection failures become `NETWORK` with the original error as `cause`.
 * A status other than 2xx/304 is `HTTP_STATUS` with `status`, plus `retryAfterMs` for 429/503.
 * Compressed bodies arrive decoded (undici handles `Content-Encoding`).
 *
 * Private networks: the request URL is the operator's choice and may be anywhere (a local RSSHub),
 * and so may a redirect that stays on its origin (same scheme, host and port, or the same host
 * moving from http to https on the default ports): that is still the operator's server. A redirect
 * to any other origin, and every hop after it (even one back to the operator's origin), was chosen
 * by a response, so it is connected through the public-only
 * dispatcher: a loopback, private, link-local or unique-local address (checked in the
 * connection's own DNS lookup, on every such hop) is `PRIVATE_ADDRESS`, unless
 * `allowPrivateNetworks` is set. The error names the refused origin and why, nothing the
 * response said.
 *
 * @example
 * const limits = { timeoutMs: 20_000, maxBytes: 15 * 2 ** 20 };
 * const result = await fetchFeed({ userAgent }, { url, etag, lastModified, ...limits });
 * if (result.kind === 'not-modified' || result.unchanged) return; // nothing new to parse
 */
export async function fetchFeed(deps: FetchDeps, request: FetchRequest): Promise<FetchResult> {
  const fetchImpl = deps.fetch ?? fetch;
  const maxRedirects = request.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const headers = buildHeaders(deps.userAgent, request);
  let url = toHttpUrl(request.url, `GET ${request.url}`);
  const operatorUrl = url;
  let hasLeftOperator = false;
  const seen = new Set([url.href]);
  let permanentRedirectUrl: string | undefined;
  let isPermanentSoFar = true;

  const controller = new AbortController();
  let hasTimedOut = false;
  const timer = setTimeout(() => {
    hasTimedOut = true;
    controller.abort();
  }, request.timeoutMs);

  try {
    for (let hop = 0; ; hop++) {
      const where = `GET ${url.href}`;
      // once a response has sent the chain elsewhere, a way back to the operator's server is that response's choice too
      hasLeftOperator ||= !isOperatorServer(url, operatorUrl);
      // the public-only dispatcher is loaded only here: most chains never leave the operator's server
      const dispatcher =
        hasLeftOperator && !request.allowPrivateNetworks ? { dispatcher: deps.publicDispatcher ?? (await loadPublicDispatcher()) } : {};
      const init = { headers, redirect: 'manual', signal: controller.signal, ...dispatcher } as RequestInit;
      const response = await fetchImpl(url.href, init);
      if (!REDIRECT_STATUSES.has(response.status)) {
        const redirectedFrom = hop === 0 ? undefined : request.url;
        const context = { request, finalUrl: url.href, where, redirectedFrom, permanentRedirectUrl, clock: deps.clock };
        return await readResult(response, context);
      }

      cancelQuietly(response.body);
      const location = response.headers.get('location');
      if (location === null) {
        throw new FetchError('HTTP_STATUS', `${where}: HTTP ${response.status} redirect without a Location header`, {
          status: response.status,
        });
      }
      const target = toHttpUrl(location, `${where}: HTTP ${response.status} redirect`, url);
      if (seen.has(target.href)) {
        throw new FetchError('REDIRECT_LOOP', `${where}: redirect loop, ${target.href} was already visited`);
      }
      if (hop + 1 > maxRedirects) {
        const message = `GET ${request.url}: more than ${maxRedirects} redirects (the next to ${target.href})`;
        throw new FetchError('TOO_MANY_REDIRECTS', message);
      }
      seen.add(target.href);
      isPermanentSoFar &&= PERMANENT_REDIRECT_STATUSES.has(response.status);
      if (isPermanentSoFar) permanentRedirectUrl = target.href;
      url = target;
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const refusal = findPrivateAddressRefusal(error);
    if (refusal !== undefined) {
      const message = `GET ${request.url}: redirect to ${url.origin} refused: ${refusal.message}; ${PRIVATE_NETWORK_ADVICE}`;
      throw new FetchError('PRIVATE_ADDRESS', message, { cause: error });
    }
    if (hasTimedOut) {
      const message = `GET ${url.href}: no complete response within ${request.timeoutMs} ms`;
      throw new FetchError('TIMEOUT', message, { cause: error });
    }
    throw new FetchError('NETWORK', `GET ${url.href}: network error (${describeCause(error)})`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

function buildHeaders(userAgent: string, request: FetchRequest): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: FEED_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  return headers;
}

/**
 * True when `url` is on the server the operator configured: the same origin, or the same host
 * upgraded from http to https on the default ports (a common first redirect of any server).
 */
function isOperatorServer(url: URL, operatorUrl: URL): boolean {
  if (url.origin === operatorUrl.origin) return true;
  const isUpgrade = operatorUrl.protocol === 'http:' && url.protocol === 'https:' && operatorUrl.port === '' && url.port === '';
  return isUpgrade && url.hostname === operatorUrl.hostname;
}

/** Parses `raw` (absolute, or relative to `base` for a Location header) and insists on http(s). */
function toHttpUrl(raw: string, where: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (error) {
    throw new FetchError('BAD_URL', `${where}: "${raw}" is not a valid URL`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('BAD_URL', `${where}: only http(s) URLs can be fetched, got "${url.href}"`);
  }
  return url;
}

/** `fetch failed` says nothing; the useful part (ECONNREFUSED, ENOTFOUND, …) is on the cause. */
function describeCause(error: unknown): string {
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}
