import type { Clock } from '../shared/clock.ts';
import { FetchError } from '../shared/errors.ts';
import { parseMaxAge } from './parse-max-age.ts';
import { parseRetryAfter } from './parse-retry-after.ts';
import { cancelQuietly, readLimitedBody } from './read-limited-body.ts';
import type { FetchRequest, FetchResult } from './types.ts';

const RETRY_AFTER_STATUSES = new Set([429, 503]);

export interface ResultContext {
  request: FetchRequest;
  finalUrl: string;
  where: string;
  redirectedFrom: string | undefined;
  permanentRedirectUrl: string | undefined;
  clock: Clock | undefined;
}

/**
 * Turns the response that ended the redirect chain into a result: 304 → not-modified, 2xx → the
 * capped body, anything else → `HTTP_STATUS` (with `Retry-After` read for 429/503, where servers
 * use it to throttle us).
 */
export async function readResult(response: Response, context: ResultContext): Promise<FetchResult> {
  const { request, finalUrl, where, permanentRedirectUrl } = context;
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  const common = {
    finalUrl,
    maxAgeSeconds: parseMaxAge(response.headers.get('cache-control')),
    ...(permanentRedirectUrl === undefined ? {} : { permanentRedirectUrl }),
  };

  if (response.status === 304) {
    cancelQuietly(response.body);
    // A 304 should repeat the validators but need not; keep the ones we sent so they are not lost.
    return {
      kind: 'not-modified',
      ...common,
      etag: etag ?? request.etag ?? null,
      lastModified: lastModified ?? request.lastModified ?? null,
    };
  }

  if (response.status < 200 || response.status > 299) {
    cancelQuietly(response.body);
    const retryAfterMs = RETRY_AFTER_STATUSES.has(response.status)
      ? parseRetryAfter(response.headers.get('retry-after'), context.clock?.now() ?? new Date())
      : undefined;
    const retryNote = retryAfterMs === undefined ? '' : ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)`;
    const redirectNote = context.redirectedFrom === undefined ? '' : ` (redirected from ${context.redirectedFrom})`;
    throw new FetchError('HTTP_STATUS', `${where}: HTTP ${response.status}${retryNote}${redirectNote}`, {
      status: response.status,
      retryAfterMs,
    });
  }

  const bytes = await readLimitedBody(response, request.maxBytes, where);
  return {
    kind: 'ok',
    ...common,
    status: response.status,
    bytes,
    contentType: response.headers.get('content-type'),
    etag,
    lastModified,
    unchanged: isSameVersion(request, etag, lastModified),
  };
}

/**
 * True when a 200 carries the validators we sent. The ETag decides when both sides have one
 * (compared weakly: proxies that compress turn `"v1"` into `W/"v1"`); otherwise Last-Modified.
 */
function isSameVersion(request: FetchRequest, etag: string | null, lastModified: string | null): boolean {
  if (request.etag && etag !== null) return stripWeak(request.etag) === stripWeak(etag);
  if (request.lastModified && lastModified !== null) return request.lastModified === lastModified;
  return false;
}

function stripWeak(etag: string): string {
  return etag.trim().replace(/^W\//, '');
}
