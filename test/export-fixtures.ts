import { weeklySchema } from '../src/config/schema.ts';
import type { Db } from '../src/db/database.ts';

/** Shared by the export tests: the weekly's configuration and a week's shortlist with its expected Markdown. */
export const WEEKLY = weeklySchema.parse({
  author: '豌豆花下猫',
  categories: [
    { id: 'articles', title: '文章&教程', emoji: '🦄', slots: 12 },
    { id: 'projects', title: '项目&资源', emoji: '🐿️', slots: 12 },
    { id: 'media', title: '播客&视频', emoji: '🐢', slots: 3 },
    { id: 'discussions', title: '讨论&问题', emoji: '🥂', slots: 3 },
  ],
  template: { footer: '## 🐼欢迎订阅\n\n- [博客](https://pythoncat.top)' },
});

type Seed = {
  url: string;
  title: string;
  summary?: string;
  lang?: string;
  image?: string;
  decision?: { week?: string; status: string; category?: string; position?: number; title?: string; summary?: string; decidedAt?: string };
};

/** Items and decisions of week 2026-W48: what the curator accepted, rejected or left, and one accepted in another week. */
export const SEEDS: Seed[] = [
  {
    url: 'https://realpython.com/async-io/',
    title: 'Async IO [guide]',
    summary: 'Uses *args and **kwargs.',
    lang: 'en',
    image: 'https://img.example/async.png',
    decision: { status: 'accepted', category: 'articles', position: 2 },
  },
  {
    url: 'https://blog.example/raw',
    title: 'raw feed title',
    summary: 'raw feed summary',
    lang: 'en',
    decision: {
      status: 'accepted',
      category: 'articles',
      position: 1,
      title: '编辑后的标题',
      summary: '见 [文档](https://docs.example/)。',
    },
  },
  {
    url: 'https://github.com/astral-sh/uv',
    title: 'uv：极快的包管理器',
    summary: '用 Rust 写的。',
    lang: 'zh',
    image: 'javascript:alert(1)',
    decision: { status: 'accepted', category: 'projects', position: 1 },
  },
  { url: 'https://talkpython.fm/episodes/show/1', title: 'Rejected podcast', decision: { status: 'rejected', category: 'media' } },
  { url: 'https://pending.example/', title: 'Pending', decision: { status: 'pending', category: 'articles' } },
  {
    url: 'https://other-week.example/',
    title: 'Other week',
    decision: { week: '2026-W47', status: 'accepted', category: 'articles', position: 1 },
  },
  { url: 'ftp://files.example/talk.mp4', title: 'Not a web link', decision: { status: 'accepted', category: 'discussions', position: 1 } },
  {
    url: 'https://unpositioned.example/',
    title: 'Accepted last',
    summary: 'No position yet.',
    lang: 'en',
    decision: { status: 'accepted', category: 'articles', decidedAt: '2026-11-24T09:00:00Z' },
  },
];

export async function seedShortlist(db: Db): Promise<void> {
  for (const seed of SEEDS) {
    const item = await db
      .insertInto('items')
      .values({
        url: seed.url,
        canonical_url: seed.url,
        title: seed.title,
        summary: seed.summary ?? '',
        lang: seed.lang ?? 'en',
        first_seen_at: '2026-11-23T00:00:00Z',
        image_url: seed.image ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!seed.decision) continue;
    const decision = seed.decision;
    await db
      .insertInto('decisions')
      .values({
        week: decision.week ?? '2026-W48',
        item_id: Number(item.id),
        status: decision.status,
        category: decision.category ?? null,
        position: decision.position ?? null,
        title: decision.title ?? null,
        summary: decision.summary ?? null,
        decided_at: decision.decidedAt ?? '2026-11-24T08:00:00Z',
      })
      .execute();
  }
}

/** The Markdown the shortlist above must give as issue #34. */
export const EXPECTED_ISSUE_34 = [
  '---',
  "title: 'Python 潮流周刊#34：新年第一期'",
  'pubDate: 2026-11-28',
  "author: '豌豆花下猫'",
  '---',
  '',
  '你好，我是猫哥。这里每周分享优质的 Python、AI 及通用技术内容，大部分为英文。',
  '',
  '## 🦄文章&教程',
  '',
  '1、[编辑后的标题](https://blog.example/raw)',
  '',
  '见 [文档](https://docs.example/)。',
  '',
  '2、[Async IO \\[guide\\]](https://realpython.com/async-io/)',
  '',
  'Uses \\*args and \\*\\*kwargs.',
  '',
  '![](https://img.example/async.png)',
  '',
  '3、[Accepted last](https://unpositioned.example/)',
  '',
  'No position yet.',
  '',
  '## 🐿️项目&资源',
  '',
  '1、[uv：极快的包管理器](https://github.com/astral-sh/uv)',
  '',
  '用 Rust 写的。',
  '',
  '## 🐼欢迎订阅',
  '',
  '- [博客](https://pythoncat.top)',
  '',
].join('\n');
