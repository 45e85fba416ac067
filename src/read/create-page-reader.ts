import pLimit from 'p-limit';
import type { Env } from '../config/env.ts';
import type { SourcesConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import { decodeBody } from '../fetch/decode-body.ts';
import { fetchFeed } from '../fetch/fetch-feed.ts';
import { findPrivateAddressRefusal, PRIVATE_NETWORK_ADVICE } from '../fetch/find-private-address-refusal.ts';
import type { Dispatcher } from '../fetch/public-dispatcher.ts';
import { choosePrivateNetworkPolicy } from '../refresh/choose-private-network-policy.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, FetchError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { listSourcesOfUrl } from '../store/items/list-sources-of-url.ts';
import {
  listSettledPages,
  loadStoredReadablePage,
  saveReadablePage,
  type ReadablePageWrite,
  type StoredReadablePage,
} from '../store/pages/readable-pages.ts';
import { extractReadablePage } from './extract-readable-page.ts';
import { stripControlCharacters } from './strip-control-characters.ts';
import { DEFAULT_GITHUB_API_URL, findGithubRepository, readGithubRepository, type GithubFacts } from './read-github-repository.ts';

export interface ReadLimits {
  /** One budget for every redirect hop, the headers and the body of the page (and of each GitHub API call). */
  timeoutMs: number;
  /** Cap on the page's decoded body; a bigger page is stored as `too_large`. */
  maxBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { timeoutMs: 15_000, maxBytes: 5 * 2 ** 20 };
/** Pages read at once by prefetch (the on-demand reads of the pane do not wait for them). */
const PREFETCH_CONCURRENCY = 2;
/** What a read that got no page stores besides its error. */
const EMPTY_PAGE = {
  title: null,
  byline: null,
  excerpt: null,
  text: null,
  html: null,
  leadImageUrl: null,
  siteName: null,
  lang: null,
  github: null,
  finalUrl: null,
};
/** Elements Readability parses before giving up on a page (a huge generated page would hold a core for seconds). */
const MAX_ELEMENTS = 60_000;

export interface PageReaderDeps {
  db: Db;
  log: Logger;
  clock: Clock;
  config: Pick<SourcesConfig, 'defaults' | 'sources'>;
  /** SIFT_ALLOW_PRIVATE_NETWORKS: page links may reach private networks, as redirects of every source may. */
  env?: Pick<Env, 'SIFT_ALLOW_PRIVATE_NETWORKS'>;
  /** Defaults to Node's global fetch. */
  fetch?: typeof fetch;
  /** Connects every hop of a page's fetch; defaults to the process's public-only dispatcher. */
  publicDispatcher?: Dispatcher;
  /** GitHub's API (`https://api.github.com`); tests point it at a local fake. */
  githubApiUrl?: string;
  limits?: Partial<ReadLimits>;
}

export interface PageReader {
  /**
   * The stored page of `canonicalUrl`, fetched now when it was never read, when its last read
   * failed and is due again, or with `force` (the curator's retry). Concurrent calls for one URL
   * share one fetch. Never throws for the page's own failures: they are stored and returned.
   */
  read(canonicalUrl: string, options?: { force?: boolean }): Promise<StoredReadablePage>;
  /** Reads, in the background and two at a time, those of `canonicalUrls` not settled yet; resolves to how many were fetched. */
  prefetch(canonicalUrls: readonly string[]): Promise<number>;
}

/**
 * Reads the pages behind links, once per canonical URL, into `readable_pages`
 * (src/store/pages/readable-pages.ts): fetched with the feeds' fetch rules (fetchFeed: time and size
 * caps, redirect checks, charset decoding by decodeBody), extracted by extractReadablePage, and
 * for a GitHub repository its facts from GitHub's API.
 *
 * A page's URL came from a feed, so every hop of its fetch, the first included, is refused when it
 * leads to a private address, unless the operator allowed that (`SIFT_ALLOW_PRIVATE_NETWORKS=1`,
 * or `allow_private_networks: true` on a source that carried the link). GitHub's API URL is the
 * operator's, fetched like a source's URL.
 */
export function createPageReader(deps: PageReaderDeps): PageReader {
  const limits = { ...DEFAULT_READ_LIMITS, ...deps.limits };
  const fetchImpl = deps.fetch ?? fetch;
  const githubApiUrl = deps.githubApiUrl ?? DEFAULT_GITHUB_API_URL;
  const running = new Map<string, Promise<StoredReadablePage>>();
  const prefetchLimit = pLimit(PREFETCH_CONCURRENCY);
  const fetchDeps = {
    fetch: fetchImpl,
    userAgent: deps.config.defaults.user_agent,
    clock: deps.clock,
    publicDispatcher: deps.publicDispatcher,
  };

  async function fetchAndStore(canonicalUrl: string): Promise<StoredReadablePage> {
    const started = Date.now();
    // a NUL in a page's title would make the database refuse the whole row (22021)
    const page = stripControlCharacters(await fetchPage(canonicalUrl));
    const stored = await saveOrRecordFailure(page);
    const level = page.status === 'ok' ? 'info' : 'warn';
    deps.log[level]({ url: canonicalUrl, status: page.status, error: page.error ?? undefined, ms: Date.now() - started }, 'page read');
    return stored;
  }

  /**
   * Saves the read; when the database still refuses it, stores it as failed instead, so the
   * backoff applies rather than a fetch on every open (and the pane says why, not a 500).
   */
  async function saveOrRecordFailure(page: ReadablePageWrite): Promise<StoredReadablePage> {
    try {
      return await saveReadablePage(deps.db, page, (attempts) => retryDelayMs(page.status, attempts));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      deps.log.error({ url: page.canonicalUrl, err: error }, 'page read but not stored');
      const failed: ReadablePageWrite = {
        ...page,
        ...EMPTY_PAGE,
        status: 'failed',
        errorCode: 'STORE',
        error: `GET ${page.canonicalUrl}: the page was read but the database refused to store it${typeof code === 'string' ? ` (${code})` : ''}`,
      };
      return saveReadablePage(deps.db, failed, (attempts) => retryDelayMs(failed.status, attempts));
    }
  }

  async function fetchPage(canonicalUrl: string): Promise<ReadablePageWrite> {
    const fetchedAt = deps.clock.now();
    const policy = await choosePolicy(canonicalUrl);
    const repository = findGithubRepository(canonicalUrl);
    let finalUrl: string | null = null;
    try {
      const result = await fetchFeed(
        { ...fetchDeps, fetch: policy.fetchChosenTargets },
        { url: canonicalUrl, ...limits, allowPrivateNetworks: policy.allowPrivateNetworks },
      );
      if (result.kind !== 'ok') throw new AppError('NOT_HTML', `GET ${canonicalUrl}: answered 304 to a request without validators`);
      finalUrl = result.finalUrl;
      const type = (result.contentType ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== '' && type !== 'text/html' && type !== 'application/xhtml+xml') {
        throw new AppError('NOT_HTML', `GET ${result.finalUrl}: not an HTML page (${type}); open it in its own tab`);
      }
      const extracted = extractReadablePage(decodeBody(result.bytes, result.contentType).text, result.finalUrl, {
        maxElements: MAX_ELEMENTS,
      });
      const github = repository ? await readGithub(repository, extracted.readmeParagraphs) : null;
      const { readmeParagraphs: _readme, ...fields } = extracted;
      return { canonicalUrl, status: 'ok', errorCode: null, error: null, ...fields, finalUrl, github, fetchedAt };
    } catch (error) {
      const { code, message } = describeFailure(error, canonicalUrl);
      const status = code === 'TOO_LARGE' ? 'too_large' : 'failed';
      return { canonicalUrl, status, errorCode: code, error: message, ...EMPTY_PAGE, finalUrl, fetchedAt };
    }
  }

  async function readGithub(repository: { owner: string; repo: string }, readmeFromPage: string[]): Promise<GithubFacts | null> {
    try {
      return await readGithubRepository(fetchDeps, { ...repository, apiUrl: githubApiUrl, readmeFromPage, ...limits });
    } catch (error) {
      // The page itself was read; the API's facts are extra (rate limits: 60 calls an hour without a token).
      deps.log.warn({ repository: `${repository.owner}/${repository.repo}`, err: error }, 'GitHub API facts not read');
      return null;
    }
  }

  /** May this link's fetch reach private networks? Only if the operator allowed it, for every source or one that carried the link. */
  async function choosePolicy(canonicalUrl: string) {
    const sourceIds = await listSourcesOfUrl(deps.db, canonicalUrl);
    const policyDeps = { fetch: fetchImpl, config: deps.config, env: deps.env, publicDispatcher: deps.publicDispatcher };
    const policies = sourceIds.map((sourceId) => choosePrivateNetworkPolicy(policyDeps, sourceId));
    return policies.find((policy) => policy.allowPrivateNetworks) ?? choosePrivateNetworkPolicy(policyDeps, '');
  }

  function read(canonicalUrl: string, options: { force?: boolean } = {}): Promise<StoredReadablePage> {
    const current = running.get(canonicalUrl);
    if (current) return current;
    const work = (async () => {
      const stored = await loadStoredReadablePage(deps.db, canonicalUrl);
      const isDue =
        stored === null || (stored.status !== 'ok' && (options.force || (stored.nextTryAt?.getTime() ?? 0) <= deps.clock.now().getTime()));
      return isDue ? fetchAndStore(canonicalUrl) : stored;
    })().finally(() => running.delete(canonicalUrl));
    running.set(canonicalUrl, work);
    return work;
  }

  async function prefetch(canonicalUrls: readonly string[]): Promise<number> {
    const unique = [...new Set(canonicalUrls)];
    const settled = await listSettledPages(deps.db, unique, deps.clock.now());
    const due = unique.filter((url) => !settled.has(url));
    await Promise.all(
      due.map((url) => prefetchLimit(() => read(url).catch((error: unknown) => deps.log.error({ url, err: error }, 'prefetch failed')))),
    );
    return due.length;
  }

  return { read, prefetch };
}

/**
 * When a page that was not read is tried again: a failure after an hour, doubling up to a day;
 * a page over the size cap after a week (it rarely shrinks).
 */
export function retryDelayMs(status: string, attempts: number): number {
  const hour = 3_600_000;
  if (status === 'too_large') return 7 * 24 * hour;
  return Math.min(24 * hour, hour * 2 ** Math.max(0, attempts - 1));
}

/** The code and the message stored for a failed read: the fetch's own words, never the page's content. */
function describeFailure(error: unknown, url: string): { code: string; message: string } {
  if (error instanceof FetchError && error.code === 'PRIVATE_ADDRESS') {
    const refusal = findPrivateAddressRefusal(error.cause) ?? error;
    return { code: error.code, message: `GET ${url} refused: ${refusal.message}; ${PRIVATE_NETWORK_ADVICE}` };
  }
  if (error instanceof AppError) return { code: error.code, message: error.message };
  const reason = error instanceof Error ? error.message : String(error);
  if (/Aborting parsing document/.test(reason))
    return { code: 'TOO_LARGE', message: `GET ${url}: over ${MAX_ELEMENTS} elements, too big to extract` };
  // The extractor's own message may quote the page: name the kind of failure only.
  return {
    code: 'EXTRACT',
    message: `GET ${url}: the page could not be read (extraction failed: ${error instanceof Error ? error.name : 'error'})`,
  };
}
