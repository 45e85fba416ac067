import { parseSources } from '../../src/config/load-sources.ts';
import type { SourcesConfig } from '../../src/config/schema.ts';
import type { Db } from '../../src/db/database.ts';
import { canonicalizeUrl } from '../../src/normalize/canonicalize-url.ts';
import { makeLinkItem } from '../../src/normalize/make-link-item.ts';
import { recordSightings } from '../../src/store/sightings/record-sightings.ts';
import { syncSources } from '../../src/store/sources/sync-sources.ts';
import { upsertItems } from '../../src/store/items/upsert-items.ts';

/** The week the review tests look at, and an instant inside it (Wednesday, Shanghai afternoon). */
export const REVIEW_WEEK = '2026-W48';
export const REVIEW_NOW = new Date('2026-11-25T08:00:00Z');

const SOURCES_YAML = `weekly:
  title: Python 潮流周刊
  author: 豌豆花下猫
  categories:
    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 12, keywords: [python, asyncio, 教程] }
    - { id: projects, title: 项目&资源, emoji: "🐿️", slots: 12, keywords: [library, tool, 开源] }
    - { id: media, title: 播客&视频, emoji: "🐢", slots: 3, keywords: [podcast, video] }
    - { id: discussions, title: 讨论&问题, emoji: "🥂", slots: 3, keywords: [discussion, why] }
sources:
  - { id: pycoders, name: "PyCoder's Weekly", url: "https://pycoders.test/feed", kind: digest, lang: en, category: articles, weight: 3 }
  - { id: realpython, name: Real Python, url: "https://realpython.test/feed", kind: blog, lang: en, category: articles }
  - { id: zh-blog, name: 猫哥的博客, url: "https://zh.test/feed", kind: blog, lang: zh, category: articles }
  - { id: trending, name: GitHub Trending, url: "https://trending.test/feed", kind: trending, lang: en, category: projects }
  - { id: talkpython, name: Talk Python, url: "https://talkpython.test/feed", kind: podcast, lang: en, category: media }
  - { id: hn, name: Hacker News, url: "https://hn.test/feed", kind: community, lang: en, category: discussions, weight: 0.5 }
`;

export function readReviewConfig(): SourcesConfig {
  return parseSources(SOURCES_YAML, 'sources.yaml');
}

export interface SeedItem {
  url: string;
  title: string;
  summary?: string;
  lang?: 'zh' | 'en' | 'other';
  sources: string[];
  /** Hours before REVIEW_NOW the item was first seen. */
  hoursAgo?: number;
}

/** A week of candidates in every category, Chinese and English, some carried by a newsletter. */
export const WEEK_ITEMS: SeedItem[] = [
  {
    url: 'https://blog.test/asyncio-deep-dive',
    title: 'Asyncio deep dive: how the event loop really works',
    summary: 'A long tutorial on the asyncio event loop, tasks and cancellation.',
    sources: ['pycoders', 'realpython'],
  },
  {
    url: 'https://blog.test/typing-guide',
    title: 'A practical guide to Python typing',
    summary: 'Type hints, protocols and generics explained with examples.',
    sources: ['pycoders'],
  },
  {
    url: 'https://zh.test/gil-free-threading',
    title: 'Python 3.14 自由线程实战：去掉 GIL 之后的性能',
    summary: '作者用真实项目测试了自由线程构建，给出了详细的性能对比和迁移建议。',
    lang: 'zh',
    sources: ['zh-blog'],
  },
  {
    url: 'https://blog.test/packaging-2026',
    title: 'Python packaging in 2026',
    summary: 'Where pyproject, uv and wheels stand today.',
    sources: ['realpython'],
  },
  {
    url: 'https://zh.test/pandas-tips',
    title: 'Pandas 数据分析的 10 个技巧',
    summary: '整理了日常数据分析中最常用的十个 pandas 技巧。',
    lang: 'zh',
    sources: ['zh-blog'],
  },
  {
    url: 'https://github.com/example/fastcli',
    title: 'example/fastcli: build CLI tools fast',
    summary: 'An open source library for command line tools.',
    sources: ['trending', 'pycoders'],
  },
  {
    url: 'https://github.com/example/tui-kit',
    title: 'example/tui-kit: a TUI toolkit',
    summary: 'Widgets for terminal apps.',
    sources: ['trending'],
  },
  {
    url: 'https://talkpython.test/episodes/500',
    title: 'Episode 500: the state of Python packaging',
    summary: 'A podcast conversation about packaging.',
    sources: ['talkpython'],
  },
  { url: 'https://hn.test/item?id=1', title: 'Ask HN: why is Python still so popular?', summary: 'A discussion thread.', sources: ['hn'] },
];

export interface SeedOptions {
  items?: SeedItem[];
  now?: Date;
}

/**
 * Seeds sources and items the way a collect pass would: sources.yaml synced, items upserted by
 * canonical URL, one sighting per carrying source. Returns the item id of each URL.
 */
export async function seedReviewWeek(db: Db, config: SourcesConfig, options: SeedOptions = {}): Promise<Map<string, number>> {
  const now = options.now ?? REVIEW_NOW;
  await syncSources(db, config.sources);
  const ids = new Map<string, number>();
  await db.transaction().execute(async (trx) => {
    for (const item of options.items ?? WEEK_ITEMS) {
      const seenAt = new Date(now.getTime() - (item.hoursAgo ?? 24) * 3_600_000);
      const canonicalUrl = canonicalizeUrl(item.url);
      if (!canonicalUrl) throw new Error(`seed URL is not canonicalizable: ${item.url}`);
      const refs = await upsertItems(
        trx,
        [
          makeLinkItem({
            url: item.url,
            canonicalUrl,
            title: item.title,
            summary: item.summary ?? '',
            lang: item.lang ?? 'en',
            publishedAt: seenAt,
          }),
        ],
        seenAt,
      );
      const id = refs.get(canonicalUrl)!.id;
      ids.set(item.url, id);
      await recordSightings(
        trx,
        item.sources.map((sourceId) => ({
          item_id: id,
          source_id: sourceId,
          first_seen_at: seenAt,
          guid: null,
          points: null,
          comments: null,
          digest_issue_url: null,
        })),
      );
    }
  });
  return ids;
}

/**
 * Stores an item straight into the table, bypassing normalization: how a hostile feed's text
 * (a `javascript:` link, HTML in the title) would look if it ever got past the normalizer.
 */
export async function insertRawItem(
  db: Db,
  item: { url: string; title: string; summary?: string; sourceId: string; now?: Date },
): Promise<number> {
  const seenAt = new Date((item.now ?? REVIEW_NOW).getTime() - 3_600_000);
  const row = await db
    .insertInto('items')
    .values({
      url: item.url,
      canonical_url: item.url,
      title: item.title,
      summary: item.summary ?? '',
      lang: 'en',
      published_at: seenAt,
      first_seen_at: seenAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await db.insertInto('sightings').values({ item_id: id, source_id: item.sourceId, first_seen_at: seenAt }).execute();
  return id;
}
