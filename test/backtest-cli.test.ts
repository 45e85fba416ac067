import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { sql } from 'kysely';
import { loadEnv } from '../src/config/env.ts';
import { openDatabase, type Db } from '../src/db/database.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/db.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';

interface Entry {
  title: string;
  link: string;
  date: string;
}

function rss(title: string, entries: readonly Entry[]): string {
  const items = entries.map(
    (entry) =>
      `<item><title>${entry.title}</title><link>${entry.link}</link><guid>${entry.link}</guid><pubDate>${new Date(entry.date).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${title}</title><link>https://example.org/</link><description>d</description>${items.join('')}</channel></rss>`;
}

const ASYNCIO = {
  title: 'A guide to asyncio cancellation in Python',
  link: 'https://blog.example.com/asyncio',
  date: '2026-11-24T02:00:00Z',
};
const PROFILING = {
  title: 'Profiling Python code with sampling',
  link: 'https://blog.example.com/profiling',
  date: '2026-11-24T02:00:00Z',
};
const PACKAGING = { title: 'Notes on Python packaging metadata', link: 'https://blog.example.com/packaging', date: '2026-11-24T02:00:00Z' };
const PASTA = { title: 'Cooking pasta at home', link: 'https://blog.example.com/pasta', date: '2026-11-23T02:00:00Z' };
const TYPING = { title: 'Typing tips for Python', link: 'https://second.example.com/typing', date: '2026-11-22T02:00:00Z' };
const OLD = { title: 'Old news about Python', link: 'https://blog.example.com/old', date: '2026-11-09T02:00:00Z' };
const FASTCLI = { title: 'someone / fastcli: a cli toolkit', link: 'https://github.com/someone/fastcli', date: '2026-11-24T00:00:00Z' };
const TOOL = { title: 'other / tool: a Python tool', link: 'https://github.com/other/tool', date: '2026-11-24T00:00:00Z' };

/** Issue #1 (week 2026-W45, before sift collected anything) ran the packaging post. */
const ISSUE_1 = `---
title: 'Python 潮流周刊#1：第一期'
pubDate: 2026-11-07
---

## 🦄文章&教程

1、[Python 打包元数据笔记](https://blog.example.com/packaging)

说明。
`;

/** Issue #2 closes week 2026-W48, the week sift collected. */
const ISSUE_2 = `---
title: 'Python 潮流周刊#2：取消与剖析'
pubDate: 2026-11-28
---

## 🦄文章&教程

1、[asyncio 取消指南](https://blog.example.com/asyncio)

说明。

2、[用采样剖析 Python 代码](https://blog.example.com/profiling)

说明。

3、[sift 从未见过的文章](https://never.example.com/post)

说明。

4、[一则旧闻](https://blog.example.com/old)

说明。

## 🐿️项目&资源

1、[fastcli：命令行工具包](https://github.com/someone/fastcli)

说明。

2、[Python 类型提示技巧](https://second.example.com/typing)

说明。
`;

/**
 * `sift backtest` as a curator runs it, on each engine: three local feeds collected on two days
 * (2026-11-10 in week 2026-W46, 2026-11-25 in 2026-W48) under a fixed clock, two issues imported,
 * then the backtest of the issue of 2026-W48 read the way a curator reads it: ranks, recall and
 * the baselines, and a clear word for the issues it cannot score.
 */
for (const engine of ENGINES) {
  describe(`sift backtest [${engine}]`, () => {
    let dir: string;
    let feeds: FeedServer;
    let database: TestDatabase | undefined;
    let env: ReturnType<typeof loadEnv>;

    /** The database the commands use, between commands (the embedded one is opened by one process at a time). */
    async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
      if (database) return work(database.db);
      const handle = await openDatabase({ dataDir: path.join(dir, 'data') });
      try {
        return await work(handle.db);
      } finally {
        await handle.close();
      }
    }

    async function sift(args: string[], now = '2026-12-01T12:00:00Z'): Promise<{ code: number; stdout: string; stderr: string }> {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const chunks = { out: '', err: '' };
      stdout.on('data', (chunk) => (chunks.out += chunk));
      stderr.on('data', (chunk) => (chunks.err += chunk));
      const code = await main(args, { env, stdout, stderr, clock: fixedClock(now) });
      return { code, stdout: chunks.out, stderr: chunks.err };
    }

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'sift-backtest-'));
      feeds = await startFeedServer();
      await writeFile(
        path.join(dir, 'sources.yaml'),
        `weekly:
  timezone: Asia/Shanghai
  closes_on: saturday
  categories:
    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 1, keywords: [python, asyncio] }
    - { id: projects, title: 项目&资源, emoji: "🐿️", slots: 1, keywords: [cli] }
    - { id: media, title: 播客&视频, emoji: "🐢", slots: 1 }
sources:
  - { id: planet, name: Planet Python, url: "${feeds.url('/planet.xml')}", kind: blog, lang: en, category: articles }
  - { id: second, name: Second Blog, url: "${feeds.url('/second.xml')}", kind: blog, lang: en, category: articles }
  - { id: trending, name: GitHub Trending, url: "${feeds.url('/trending.xml')}", kind: trending, lang: en, category: projects }
`,
      );
      await writeFile(path.join(dir, '001.md'), ISSUE_1);
      await writeFile(path.join(dir, '002.md'), ISSUE_2);
      if (engine === 'postgres') database = await createTestDatabase('postgres', { migrate: false });
      env = loadEnv({
        DATABASE_URL: database?.url,
        SIFT_DATA_DIR: path.join(dir, 'data'),
        SIFT_SOURCES: path.join(dir, 'sources.yaml'),
        LOG_LEVEL: 'silent',
        SIFT_PARSE_THREADS: '0',
      });

      feeds.serveFeed('/planet.xml', rss('Planet', [OLD]));
      feeds.serveFeed('/second.xml', rss('Second', []));
      feeds.serveFeed('/trending.xml', rss('Trending', []));
      expect((await sift(['collect', '--all'], '2026-11-10T04:00:00Z')).stdout).toContain('items new: 1');
      feeds.serveFeed('/planet.xml', rss('Planet', [ASYNCIO, PROFILING, PACKAGING, PASTA]));
      feeds.serveFeed('/second.xml', rss('Second', [ASYNCIO, TYPING]));
      feeds.serveFeed('/trending.xml', rss('Trending', [FASTCLI, TOOL]));
      expect((await sift(['collect', '--all'], '2026-11-25T04:00:00Z')).stdout).toContain('items new: 7, sightings new: 8');
      expect((await sift(['history', 'import', path.join(dir, '001.md'), path.join(dir, '002.md')])).stdout).toContain(
        'imported 2 issue(s) with 7 link(s); 0 failed',
      );
    });

    afterAll(async () => {
      await feeds.close();
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    });

    it('shows where each pick of the last issues stood in its week, and skips a week sift did not collect', async () => {
      const result = await sift(['backtest']);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(
        'issue #1 not scored: sift collected nothing in its week 2026-W45 (2026-11-01 – 2026-11-07, Asia/Shanghai)\n',
      );
      const lines = result.stdout.split('\n');
      expect(lines.slice(0, 2)).toEqual([
        '#2 取消与剖析 (2026-11-28)',
        // the packaging post ran in #1, so it is not offered again: 4 article cards, not 5
        'week 2026-W48 (2026-11-22 – 2026-11-28, Asia/Shanghai), ranked as of its end: articles 4, projects 2, media 0 card(s)',
      ]);
      const articles = section(result.stdout, '  🦄文章&教程');
      expect(articles[0]).toBe('  🦄文章&教程 (articles): 4 pick(s), 1 slot(s)');
      expect(articles[1]).toMatch(/^ {4}1\. rank 1 of 4, within the slots · score \d+\.\d · asyncio 取消指南$/);
      expect(articles[2]).toBe('       https://blog.example.com/asyncio');
      expect(articles[3]).toMatch(/^ {7}2 sources incl\. (Planet Python|Second Blog) · .*matches: python, asyncio/);
      expect(articles[4]).toMatch(/^ {4}2\. rank 2 of 4, within 3 × slots · score \d+\.\d · 用采样剖析 Python 代码$/);
      // issue #1 (an earlier week) taught the site, not the source: Planet Python carried the packaging
      // post only after #1 ran it (sift first read it on 2026-11-10); issue #2 itself teaches nothing
      expect(articles[6]).toBe('       1 source: Planet Python · often accepted from blog.example.com (×1.9) · matches: python');
      expect(articles.slice(7)).toEqual([
        '    3. never seen by sift · sift 从未见过的文章',
        '       https://never.example.com/post',
        "    4. not in this week's ranking: sift first saw it on 2026-11-10 (2026-W46) · 一则旧闻",
        '       https://blog.example.com/old',
      ]);
      const projects = section(result.stdout, '  🐿️项目&资源');
      expect(projects[0]).toBe('  🐿️项目&资源 (projects): 2 pick(s), 1 slot(s)');
      expect(projects[1]).toMatch(/^ {4}1\. rank 1 of 2, within the slots · score \d+\.\d · fastcli：命令行工具包$/);
      // above the off-topic pasta post: blog.example.com's record lifts that one, but less than
      // Planet Python's did before it was found to have carried #1's pick only after #1
      expect(projects[4]).toMatch(/^ {4}2\. ranked under articles instead: rank 3 of 4 · score \d+\.\d · Python 类型提示技巧$/);
      expect(projects[6]).toBe('       1 source: Second Blog · matches: python');

      // recall: articles 2 of 4 picks in the pool, 1 within the slot, both within 3 slots;
      // projects: fastcli at 1, the typing post filed under articles counts as missed
      const table = recallRows(result.stdout);
      expect(table.get('#2 articles')).toEqual(['4', '2', '0.50', '0.50', '0.25', '0.50', '0.50', '1.00', '0.75', '0.83', '1.00']);
      expect(table.get('#2 projects')).toEqual(['2', '2', '1.00', '0.50', '0.25', '0.25', '0.25', '0.50', '0.50', '0.50', '0.50']);
      expect(table.get('all overall')).toEqual(['6', '4', '0.67', '0.50', '0.25', '0.38', '0.38', '0.75', '0.63', '0.67', '0.75']);
    });

    it('gives machines the same figures as JSON', async () => {
      const result = await sift(['backtest', '--last', '1', '--json']);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      const parsed = JSON.parse(result.stdout);
      expect(parsed.issues.map((issue: { number: number; week: string }) => [issue.number, issue.week])).toEqual([[2, '2026-W48']]);
      expect(
        parsed.issues[0].picks.map((pick: { url: string; place: { kind: string; rank?: number; category?: string } }) => [
          pick.url,
          pick.place.kind,
          pick.place.category ?? null,
          pick.place.rank ?? null,
        ]),
      ).toEqual([
        ['https://blog.example.com/asyncio', 'ranked', 'articles', 1],
        ['https://blog.example.com/profiling', 'ranked', 'articles', 2],
        ['https://never.example.com/post', 'unseen', null, null],
        ['https://blog.example.com/old', 'unranked', null, null],
        ['https://github.com/someone/fastcli', 'ranked', 'projects', 1],
        ['https://second.example.com/typing', 'elsewhere', 'articles', 3],
      ]);
      expect(parsed.overall).toMatchObject({
        picks: 6,
        inPool: 4,
        recall: { sift: { atSlots: 0.5, atTriple: 0.75 }, random: { atSlots: 0.25 } },
      });
    });

    it('says why an issue cannot be scored, with exit 1, and leaves the stored ranking alone', async () => {
      const uncollected = await sift(['backtest', '--issue', '1']);
      expect(uncollected).toMatchObject({ code: 1, stdout: '' });
      expect(uncollected.stderr).toBe(
        'issue #1 not scored: sift collected nothing in its week 2026-W45 (2026-11-01 – 2026-11-07, Asia/Shanghai)\nnothing to score\n',
      );
      const missing = await sift(['backtest', '--issue', '9']);
      expect(missing).toMatchObject({ code: 1, stdout: '' });
      expect(missing.stderr).toContain('issue #9 is not imported: import its Markdown first with `sift history import FILE`');
      expect((await sift(['backtest', '--issue', '2', '--last', '3'])).code).toBe(2);
      expect((await sift(['backtest', '--last', '0'])).stderr).toContain('--last must be a positive integer');
      // the backtests above ranked 2026-W48 without storing it: the review board of that week is untouched
      const stored = await withDb((db) =>
        sql<{ count: string }>`select count(*) as count from candidates where week = '2026-W48'`.execute(db),
      );
      expect(Number(stored.rows[0].count)).toBe(0);
      expect((await sift(['rank', '--week', '2026-W48'])).code).toBe(0);
      const ranked = await withDb((db) =>
        sql<{ count: string }>`select count(*) as count from candidates where week = '2026-W48'`.execute(db),
      );
      expect(Number(ranked.rows[0].count)).toBe(6);
    });
  });
}

/** The lines of one section of the report, from its heading to the blank line after it. */
function section(stdout: string, heading: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  expect(start, `${heading} in the report`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, index) => index > start && line === '');
  return lines.slice(start, end);
}

/** Rows of the recall table by "issue category" → the cells after the week column. */
function recallRows(stdout: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    const cells = line.trim().split(/\s{2,}/);
    if (/^(#\d+|all)$/.test(cells[0] ?? '') && cells.length === 14) rows.set(`${cells[0]} ${cells[2]}`, cells.slice(3));
  }
  return rows;
}
