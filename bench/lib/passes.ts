import pLimit, { type LimitFunction } from 'p-limit';
import { fetchFeed } from '../../src/fetch/fetch-feed.ts';
import { collectSources, hostOf, type CollectSummary } from '../../src/queue/collect-sources.ts';
import { selectDueSources } from '../../src/store/sources/select-due-sources.ts';
import type { FeedDocument, ProcessedFeed } from '../../src/refresh/process-feed.ts';
import { MAX_FEED_BYTES, type RefreshDeps } from '../../src/refresh/refresh-source.ts';
import type { ServedFeed } from '../fixture/serve-feeds.ts';

export interface Limits {
  concurrency: number;
  perHostConcurrency: number;
}

export interface FetchedFeed {
  feed: ServedFeed;
  bytes: Uint8Array;
  contentType: string | null;
  finalUrl: string;
}

/**
 * The fetch-only floor: every feed fetched with sift's fetchFeed under the same global and
 * per-host limits as a collect pass, the body read in full and nothing else done with it.
 * Returns the bodies so the parse-only floor can work on exactly the same bytes.
 */
export async function fetchEveryFeed(feeds: readonly ServedFeed[], limits: Limits, userAgent: string): Promise<FetchedFeed[]> {
  const globalLimit = pLimit(limits.concurrency);
  const hostLimits = new Map<string, LimitFunction>();
  return Promise.all(
    feeds.map((feed) => {
      const host = hostOf(feed.url);
      let hostLimit = hostLimits.get(host);
      if (!hostLimit) hostLimits.set(host, (hostLimit = pLimit(limits.perHostConcurrency)));
      return hostLimit(() =>
        globalLimit(async () => {
          const result = await fetchFeed({ userAgent }, { url: feed.url, timeoutMs: 60_000, maxBytes: MAX_FEED_BYTES });
          if (result.kind !== 'ok') throw new Error(`fetch-only floor: ${feed.url} answered 304 to an unconditional GET`);
          return { feed, bytes: result.bytes, contentType: result.contentType, finalUrl: result.finalUrl };
        }),
      );
    }),
  );
}

export type ProcessFeedFunction = (document: FeedDocument) => Promise<ProcessedFeed>;

/**
 * The parse-only floor: processFeed (decode, parse, normalize, digest links) over bytes already in
 * memory. `parallel` hands every document over at once (for a worker pool); otherwise one after
 * another on this thread. Copies the bytes first (a pool takes ownership of what it is given).
 */
export async function processEveryFeed(
  fetched: readonly FetchedFeed[],
  processFeed: ProcessFeedFunction,
  now: Date,
  parallel: boolean,
): Promise<number> {
  const documents = fetched.map(
    (entry): FeedDocument => ({
      bytes: entry.bytes.slice(),
      contentType: entry.contentType,
      feedUrl: entry.feed.url,
      finalUrl: entry.finalUrl,
      isDigest: entry.feed.kind === 'digest',
      now,
    }),
  );
  let items = 0;
  if (parallel) {
    for (const processed of await Promise.all(documents.map((document) => processFeed(document)))) items += processed.items.length;
    return items;
  }
  for (const document of documents) items += (await processFeed(document)).items.length;
  return items;
}

export interface PassResult extends CollectSummary {
  /** Items in the fetched feeds (after merging duplicates within a feed), new or not. */
  itemsFound: number;
}

/**
 * One `sift collect` pass as the CLI runs it: select the sources (due ones, or all with
 * `all`), then collectSources with the given limits. Throws when any source failed: a bench
 * that measures failures measures the wrong thing.
 */
export async function runCollectPass(deps: RefreshDeps, limits: Limits, options: { all: boolean }): Promise<PassResult> {
  let itemsFound = 0;
  const sources = await selectDueSources(deps.db, deps.clock.now(), { all: options.all });
  const summary = await collectSources(deps, sources, {
    ...limits,
    onOutcome: (outcome) => {
      if (outcome.status === 'ok') itemsFound += outcome.itemsFound;
    },
  });
  if (summary.failed > 0) {
    const first = summary.failures[0];
    throw new Error(`${summary.failed} source(s) failed during the pass, e.g. ${first?.sourceId}: ${first?.code} ${first?.message}`);
  }
  return { ...summary, itemsFound };
}

/**
 * Waits until a parse pool's workers are up (tsx registered, modules loaded), so a timed pass
 * measures parsing, not thread start-up. `sift collect` pays that start-up once per run (about
 * a second per worker), which the first-pass figures include only where the pool was cold.
 */
export async function warmUp(processFeed: ProcessFeedFunction, size: number): Promise<void> {
  const bytes = () =>
    new TextEncoder().encode(
      '<rss version="2.0"><channel><title>warm-up</title><item><title>t</title><link>https://warm.example/t</link></item></channel></rss>',
    );
  const document = (): FeedDocument => ({
    bytes: bytes(),
    contentType: null,
    feedUrl: 'https://warm.example/feed',
    finalUrl: 'https://warm.example/feed',
    isDigest: false,
    now: new Date(0),
  });
  await Promise.all(Array.from({ length: size * 2 }, () => processFeed(document())));
}
