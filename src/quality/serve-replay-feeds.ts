import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeXml } from '../opml/render-opml.ts';
import type { ReplayEntry } from './read-replay-corpus.ts';

/** How far back a replayed feed reaches: what a real feed of these sources showed at a time. */
export const FEED_WINDOW_MS = 21 * 86_400_000;

export interface ReplayFeedServer {
  /** `http://127.0.0.1:<port>/<source id>.xml` */
  urlOf(sourceId: string): string;
  /** The moment the feeds show: entries dated in (now − 21 days, now], newest first. */
  setNow(now: Date): void;
  close(): Promise<void>;
}

/**
 * Serves each replayed source as an RSS 2.0 feed on 127.0.0.1 that shows, at the moment set with
 * `setNow`, only what the real feed showed then: the entries of the last 21 days, newest first
 * (entries of one date in the corpus's order), with their HTML as `content:encoded`. No validators, so every collect reads the feed whole.
 */
export async function serveReplayFeeds(sources: ReadonlyMap<string, readonly ReplayEntry[]>): Promise<ReplayFeedServer> {
  let nowMs = 0;
  const server: Server = createServer((request, response) => {
    const id = decodeURIComponent(/^\/([^/?]+)\.xml(?:\?|$)/.exec(request.url ?? '')?.[1] ?? '');
    const entries = sources.get(id);
    if (!entries) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such feed');
      return;
    }
    // newest first, and in the corpus's order within one date (a trending day's list stays ranked)
    const shown = entries
      .filter((entry) => entry.dateMs <= nowMs && entry.dateMs > nowMs - FEED_WINDOW_MS)
      .sort((left, right) => right.dateMs - left.dateMs);
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(renderRss(id, shown));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlOf: (sourceId) => `http://127.0.0.1:${port}/${encodeURIComponent(sourceId)}.xml`,
    setNow: (now) => {
      nowMs = now.getTime();
    },
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function renderRss(id: string, entries: readonly ReplayEntry[]): string {
  const items = entries.map(
    (entry) =>
      `<item><title>${escapeXml(entry.title)}</title><link>${escapeXml(entry.link)}</link>` +
      `<guid isPermaLink="false">${escapeXml(entry.guid)}</guid><pubDate>${new Date(entry.dateMs).toUTCString()}</pubDate>` +
      `<content:encoded>${cdata(entry.html)}</content:encoded></item>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>' +
    `<title>${escapeXml(id)}</title><link>http://127.0.0.1/${escapeXml(id)}</link><description>replay of ${escapeXml(id)}</description>` +
    `${items.join('')}</channel></rss>`
  );
}

/** CDATA cannot hold `]]>`: split it across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
