import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { loadEnv } from '../src/config/env.ts';

/**
 * `sift replay` on a corpus small enough to reason about: two sources over two weeks, two issues.
 * Week 2026-W47 (issue #1): the asyncio post and the pasta post, repository r1 on trending; the
 * editor picks the asyncio post, r1, and a link sift never saw. Week 2026-W48 (issue #2): a
 * cooking post, the packaging post, r1 trending again (already published) and r2; the editor picks
 * the packaging post and r2. One slot per section.
 */
const SOURCES_YAML = `
weekly:
  title: Test weekly
  closes_on: saturday
  categories:
    - { id: articles, title: 文章&教程, emoji: 🦄, slots: 1, keywords: [python] }
    - { id: projects, title: 项目&资源, emoji: 🐿️, slots: 1, keywords: [python] }
classify:
  - host: github.com
    path: "^/[^/]+/[^/]+$"
    category: projects
sources:
  - { id: blog, name: A blog, url: "https://blog.example.com/feed", kind: blog, lang: en, category: articles }
  - { id: trend, name: Trending, url: "https://trend.example.com/feed", kind: trending, lang: en, category: projects }
`;

const entry = (guid: string, title: string, link: string, date: string) =>
  JSON.stringify({ guid, title, link, date, html: `<p>${title}</p>` });
const BLOG = [
  entry('b1', 'Python asyncio guide', 'https://blog.example.com/asyncio', '2026-11-16T00:00:00Z'),
  entry('b2', 'Cooking pasta at home', 'https://blog.example.com/pasta', '2026-11-17T00:00:00Z'),
  entry('b3', 'Cooking rice at home', 'https://blog.example.com/rice', '2026-11-23T00:00:00Z'),
  entry('b4', 'Python packaging notes', 'https://blog.example.com/packaging', '2026-11-24T00:00:00Z'),
];
const TREND = [
  entry('t1', 'someone / r1', 'https://github.com/someone/r1', '2026-11-18T00:00:00Z'),
  entry('t2', 'someone / r1', 'https://github.com/someone/r1', '2026-11-24T00:00:00Z'),
  entry('t3', 'someone / r2', 'https://github.com/someone/r2', '2026-11-25T00:00:00Z'),
];
const issue = (number: number, date: string, articles: string[], projects: string[]) =>
  [
    '---',
    `title: 'Test weekly#${number}'`,
    `pubDate: ${date}`,
    '---',
    '',
    '## 🦄文章&教程',
    '',
    ...articles.flatMap((url, index) => [`${index + 1}、[标题 ${index + 1}](${url})`, '', '说明。', '']),
    '## 🐿️项目&资源',
    '',
    ...projects.flatMap((url, index) => [`${index + 1}、[项目 ${index + 1}](${url})`, '', '说明。', '']),
  ].join('\n');

describe('sift replay', () => {
  let dir: string;
  let env: ReturnType<typeof loadEnv>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sift-replay-'));
    await mkdir(path.join(dir, 'items'));
    await writeFile(path.join(dir, 'sources.yaml'), SOURCES_YAML);
    await writeFile(path.join(dir, 'items', 'blog.jsonl'), `${BLOG.join('\n')}\n`);
    await writeFile(path.join(dir, 'items', 'trend.jsonl'), `${TREND.join('\n')}\n`);
    await writeFile(
      path.join(dir, '001.md'),
      issue(1, '2026-11-21', ['https://blog.example.com/asyncio', 'https://never.example.com/seen'], ['https://github.com/someone/r1']),
    );
    await writeFile(
      path.join(dir, '002.md'),
      issue(2, '2026-11-28', ['https://blog.example.com/packaging'], ['https://github.com/someone/r2']),
    );
    await writeFile(path.join(dir, 'issues.tsv'), 'number\tdate\tfile\n1\t2026-11-21\t001.md\n2\t2026-11-28\t002.md\n');
    env = loadEnv({ SIFT_SOURCES: path.join(dir, 'sources.yaml'), LOG_LEVEL: 'silent' });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function replay(...args: string[]) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk) => (out += chunk));
    stderr.on('data', (chunk) => (err += chunk));
    const code = await main(['replay', ...args], { env, stdout, stderr });
    return { code, out, err };
  }

  it('scores each issue against the ranking of its week, with the baselines on the same lists', async () => {
    const { code, out } = await replay(dir, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.weeks.map((week: { issue: number; week: string }) => [week.issue, week.week])).toEqual([
      [1, '2026-W47'],
      [2, '2026-W48'],
    ]);
    // 5 picks; the one sift never saw is not in the pool
    expect(report.overall.picks).toBe(5);
    expect(report.overall.inPool).toBe(4);
    // each pick is first in its section: the on-topic post above the cooking ones, the only repository
    expect(report.overall.atSlots.sift).toBe(4);
    // random order: 1/2 (asyncio of two posts) + 1 (r1 alone) + 1/2 (packaging beside rice; last
    // week's pasta post is not carried, issue #1 being out) + 1 (r2 alone; r1 ran in #1, so it is
    // not offered again)
    expect(report.overall.atSlots.random).toBeCloseTo(0.5 + 1 + 1 / 2 + 1, 5);
    const week2 = report.weeks[1];
    expect(week2.candidates).toEqual({ articles: 2, projects: 1 });
    const never = report.weeks[0].standings.find(
      (standing: { pick: { url: string } }) => standing.pick.url === 'https://never.example.com/seen',
    );
    expect(never.foundIn).toBeNull();
  });

  it('prints the table a person reads, and names a source the sources file lacks', async () => {
    const { code, out } = await replay(dir);
    expect(code).toBe(0);
    expect(out).toMatch(/overall\s+5\s+4\s+0\.80\s+1\.00/);
    await writeFile(path.join(dir, 'items', 'stray.jsonl'), `${entry('s1', 'x', 'https://x.example.com/', '2026-11-20T00:00:00Z')}\n`);
    const failed = await replay(dir);
    await rm(path.join(dir, 'items', 'stray.jsonl'));
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('items/stray.jsonl');
  });
});
