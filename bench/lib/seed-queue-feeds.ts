import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FixtureFeed } from '../fixture/generate-feeds.ts';
import { createRandom, deriveSeed } from '../fixture/random.ts';
import { renderAtom, renderRss, type FeedEntry } from '../fixture/render-feed.ts';
import { escapeXml, renderArticleHtml } from '../fixture/render-html.ts';
import type { ServedFeed } from '../fixture/serve-feeds.ts';
import { createSharedLinkPool, varyLink } from '../fixture/shared-links.ts';
import { RUN_TS } from '../fixture/start-fixture.ts';
import { makeSentence, makeSlug, makeTitle, PEOPLE } from '../fixture/vocabulary.ts';

/** Dates fixed in the past (normalizing clamps future dates), as the shared fixture does. */
const NEWEST_MS = Date.UTC(2025, 8, 1);
const DAY_MS = 86_400_000;
/** Salt so these feeds differ from the shared fixture's feeds of the same index. */
const SALT = 0x0b0e;

/**
 * `count` blog feeds of exactly `itemCount` entries each (the queue case's "1,000 sources × 50
 * items"): RSS or Atom, English or Chinese, 40 % with the full article, 15 % of links shared with
 * other feeds (so the store dedupes across sources), every feed with an ETag or Last-Modified.
 * Built from the shared fixture's vocabulary and renderers; deterministic for a seed.
 */
export function generateQueueFeeds(seed: number, count: number, itemCount: number): FixtureFeed[] {
  const pool = createSharedLinkPool(seed);
  const feeds: FixtureFeed[] = [];
  for (let index = 0; index < count; index++) {
    const random = createRandom(deriveSeed(seed, SALT, index));
    const lang = random.chance(0.35) ? 'zh' : 'en';
    const format = random.chance(0.4) ? 'atom' : 'rss';
    const id = `queue-${index}`;
    const siteUrl = `https://${id}.example.${lang === 'zh' ? 'cn' : 'com'}`;
    const isFull = random.chance(0.4);
    const entries: FeedEntry[] = [];
    let published = NEWEST_MS - random.int(0, 3) * DAY_MS;
    for (let entry = 0; entry < itemCount; entry++) {
      const slug = makeSlug(random);
      const isShared = random.chance(0.15);
      const link = isShared ? varyLink(random, random.pick(pool)) : `${siteUrl}/posts/${slug}`;
      entries.push({
        title: makeTitle(random, lang),
        link,
        guid: isShared ? `${siteUrl}/share/${slug}` : link,
        published: new Date(published),
        author: random.pick(PEOPLE),
        categories: ['python'],
        summaryHtml: `<p>${escapeXml(makeSentence(random, lang))}</p>`,
        contentHtml: isFull ? renderArticleHtml(random, lang, siteUrl, random.int(2, 4)) : undefined,
      });
      published -= random.int(1, 48) * 3_600_000;
    }
    const feed = { title: `Queue blog ${index}`, siteUrl, feedUrl: `${siteUrl}/feed.xml`, lang, entries, updated: entries[0]?.published ?? new Date(NEWEST_MS) } as const;
    feeds.push({
      id,
      path: `/feeds/${id}.xml`,
      kind: 'blog',
      lang,
      format,
      contentType: format === 'atom' ? 'application/atom+xml' : 'application/rss+xml; charset=utf-8',
      body: Buffer.from(format === 'atom' ? renderAtom(feed) : renderRss(feed), 'utf8'),
      etag: `"${id}-${seed.toString(16)}"`,
      lastModified: feed.updated.toUTCString(),
      entryCount: entries.length,
    });
  }
  return feeds;
}

export interface QueueFixture {
  feeds: ServedFeed[];
  totalBytes: number;
  close(): Promise<void>;
}

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'seed-queue-feed-server.ts');

/**
 * Serves generateQueueFeeds' feeds from `portCount` ports in a child process (so serving never
 * runs on the event loop being measured) and resolves once every feed is served.
 */
export async function startQueueFixture(options: { seed: number; count: number; itemCount: number; portCount: number }): Promise<QueueFixture> {
  const child = fork(RUN_TS, [CHILD], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const feeds = await new Promise<ServedFeed[]>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`queue fixture server exited (code ${code}) before it was ready`));
    child.once('exit', onExit);
    child.once('message', (reply: { type: 'ready'; feeds: ServedFeed[] } | { type: 'error'; message: string }) => {
      child.off('exit', onExit);
      if (reply.type === 'ready') resolve(reply.feeds);
      else reject(new Error(`queue fixture server failed: ${reply.message}`));
    });
    child.send({ type: 'start', ...options });
  });
  return {
    feeds,
    totalBytes: feeds.reduce((sum, feed) => sum + feed.bytes, 0),
    close: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.connected) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send({ type: 'close' });
  await exited;
}
