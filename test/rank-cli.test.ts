import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { loadEnv } from '../src/config/env.ts';
import { openDatabase } from '../src/db/database.ts';
import { fixedClock } from '../src/shared/clock.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sift-rank-cli-'));
  await writeFile(
    path.join(dir, 'sources.yaml'),
    `weekly:
  timezone: Asia/Shanghai
  closes_on: saturday
  categories:
    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 2, keywords: [python, asyncio] }
    - { id: projects, title: 项目&资源, emoji: "🐿️", slots: 1, keywords: [cli] }
    - { id: media, title: 播客&视频, emoji: "🐢", slots: 1 }
classify:
  - { host: ".substack.com", category: projects }
sources:
  - { id: planet, name: Planet Python, url: "https://planet.example.com/rss", kind: blog, lang: en, category: articles }
  - { id: pycoders, name: "PyCoder's Weekly", url: "https://pycoders.example.com/feed", kind: digest, lang: en, category: articles }
`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sift(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk) => (chunks.out += chunk));
  stderr.on('data', (chunk) => (chunks.err += chunk));
  const stdin = new PassThrough();
  stdin.end(input);
  const env = loadEnv({ SIFT_DATA_DIR: path.join(dir, 'data'), SIFT_SOURCES: path.join(dir, 'sources.yaml'), LOG_LEVEL: 'silent' });
  const code = await main(args, { env, stdout, stderr, stdin, clock: fixedClock('2026-11-25T12:00:00Z') });
  return { code, stdout: chunks.out, stderr: chunks.err };
}

describe('sift classify', () => {
  it('answers every line in order with category and language, using sources.yaml rules', async () => {
    const input = [
      'https://github.com/bloomberg/memray\tmemray: a memory profiler',
      'https://www.youtube.com/watch?v=abc',
      '',
      'https://juejin.cn/post/123\t如何用 Python 写一个爬虫',
      'https://someone.substack.com/p/post',
      'https://realpython.com/python-gil/\tWhat Is the GIL?',
    ].join('\n');
    const result = await sift(['classify'], input);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'https://github.com/bloomberg/memray\tprojects\ten',
        'https://www.youtube.com/watch?v=abc\tmedia\ten',
        'https://juejin.cn/post/123\tarticles\tzh',
        'https://someone.substack.com/p/post\tprojects\ten',
        'https://realpython.com/python-gil/\tarticles\ten',
        '',
      ].join('\n'),
    );
  });

  it('answers a header with a header and explains the rule on request', async () => {
    const result = await sift(['classify', '--explain'], 'url\ttitle\nhttps://news.ycombinator.com/item?id=1\n');
    expect(result.stdout).toBe('url\tcategory\tlang\trule\nhttps://news.ycombinator.com/item?id=1\tarticles\ten\tdefault\n');
  });
});

describe('sift rank', () => {
  beforeAll(async () => {
    expect((await sift(['rank'])).code).toBe(0); // migrates and syncs the sources table with sources.yaml
    const handle = await openDatabase({ dataDir: path.join(dir, 'data') });
    try {
      const seen = '2026-11-24T02:00:00Z';
      const rows = [
        { url: 'https://blog.example.com/asyncio', title: 'A guide to asyncio cancellation in Python', sources: ['planet', 'pycoders'] },
        { url: 'https://blog.example.com/other', title: 'Notes on Python packaging metadata', sources: ['planet'] },
        { url: 'https://blog.example.com/third', title: 'Profiling Python code with sampling', sources: ['planet'] },
        { url: 'https://github.com/someone/fastcli', title: 'fastcli: a cli toolkit', sources: ['planet'] },
      ];
      for (const row of rows) {
        const { id } = await handle.db
          .insertInto('items')
          .values({ url: row.url, canonical_url: row.url, title: row.title, summary: '', published_at: seen, first_seen_at: seen })
          .returning('id')
          .executeTakeFirstOrThrow();
        await handle.db
          .insertInto('sightings')
          .values(row.sources.map((sourceId) => ({ item_id: Number(id), source_id: sourceId, first_seen_at: seen })))
          .execute();
      }
    } finally {
      await handle.close();
    }
  });

  it("prints the current week, each category's top slots × 3 with score and reasons", async () => {
    const result = await sift(['rank']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^2026-W48 \(2026-11-22 – 2026-11-28, Asia\/Shanghai\): 4 candidate\(s\)/);
    expect(result.stdout).toContain('🦄文章&教程 (articles): top 3 of 3, 2 slot(s)');
    expect(result.stdout).toMatch(
      / {3}1\. +\d+\.\d {2}A guide to asyncio cancellation in Python\n +https:\/\/blog\.example\.com\/asyncio\n +2 sources incl\. PyCoder's Weekly · matches: python, asyncio · new this week\n/,
    );
    expect(result.stdout).toContain('🐿️项目&资源 (projects): top 1 of 1, 1 slot(s)');
    expect(result.stdout).toContain('🐢播客&视频 (media): top 0 of 0, 1 slot(s)\n  (nothing this week)');
  });

  it('gives machines JSON, honours --limit and --date', async () => {
    const result = await sift(['rank', '--date', '2026-11-28', '--json', '--limit', '1']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.week).toBe('2026-W48');
    expect(
      parsed.categories.map((category: { id: string; total: number; candidates: unknown[] }) => [
        category.id,
        category.total,
        category.candidates.length,
      ]),
    ).toEqual([
      ['articles', 3, 1],
      ['projects', 1, 1],
      ['media', 0, 0],
    ]);
    expect(parsed.categories[0].candidates[0]).toMatchObject({
      rank: 1,
      url: 'https://blog.example.com/asyncio',
      sources: expect.arrayContaining(['planet', 'pycoders']),
    });
  });

  it('ranks an empty week without error and rejects bad options with a message', async () => {
    expect((await sift(['rank', '--week', '2026-W40', '--json'])).code).toBe(0);
    const bad = await sift(['rank', '--week', '2026-48']);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/not a week: "2026-48" \(expected YYYY-Www/) });
    expect((await sift(['rank', '--week', '2026-W48', '--date', '2026-11-25'])).code).toBe(2);
    expect((await sift(['rank', '--limit', '0'])).stderr).toMatch(/--limit must be a positive whole number/);
  });
});
