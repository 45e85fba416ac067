import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import type { IssueDocument } from '../src/export/issue-document.ts';
import { parseIssue } from '../src/export/parse-issue.ts';
import { parseSources } from '../src/config/load-sources.ts';
import { createRankCandidateSource } from '../src/review/create-rank-candidate-source.ts';
import { createReviewApp } from '../src/review/create-review-app.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { EXPECTED_ISSUE_34, seedShortlist, WEEKLY } from './export-fixtures.ts';
import { openCliHarness, type CliHarness } from './helpers/cli-harness.ts';
import { ENGINES } from './helpers/db.ts';
import { sharedCorpusDir } from './helpers/shared-corpus.ts';

const corpus = `${sharedCorpusDir('weekly')}issues/`;
const format = { categories: WEEKLY.categories, template: WEEKLY.template };

const SOURCES_YAML = `weekly:
  author: 豌豆花下猫
  categories:
    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 12 }
    - { id: projects, title: 项目&资源, emoji: "🐿️", slots: 12 }
    - { id: media, title: 播客&视频, emoji: "🐢", slots: 3 }
    - { id: discussions, title: 讨论&问题, emoji: "🥂", slots: 3 }
  template:
    footer: "## 🐼欢迎订阅\\n\\n- [博客](https://pythoncat.top)"
sources: []
`;

function itemsOf(issue: IssueDocument) {
  return issue.sections.map((section) => ({
    heading: section.heading,
    items: section.items.map((item) => ({
      position: item.position,
      title: item.title,
      url: item.url,
      summary: item.summary,
      imageUrl: item.imageUrl,
    })),
  }));
}

/**
 * The commands run as a user runs them, through `main`, on each engine: a Postgres database given
 * by DATABASE_URL, or the embedded database in SIFT_DATA_DIR (opened by each command in turn).
 */
for (const engine of ENGINES) {
  describe(`sift history / export [${engine}]`, () => {
    let cli: CliHarness;
    const sift = (args: string[]) => cli.sift(args);
    const withDb = <T>(work: (db: Db) => Promise<T>) => cli.withDb(work);
    let dir: string;

    beforeAll(async () => {
      cli = await openCliHarness(engine, { sources: { yaml: SOURCES_YAML }, now: '2026-11-25T12:00:00Z', prefix: 'sift-export-' });
      dir = cli.dir;
    });

    afterAll(async () => {
      await cli?.close();
    });

    it('history import takes a folder and reports each issue', async () => {
      const result = await sift(['history', 'import', corpus]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines).toHaveLength(21);
      expect(lines[0]).toMatch(
        /014\.md {2}#14 Lpython 高性能编译器、Python 与 JavaScript 实现互通 — 28 item\(s\): 🦄文章&教程 15, 🐿️项目&资源 12, 🐢播客&视频 1$/,
      );
      expect(lines[3]).toMatch(/017\.md {2}#17 .* — \d+ item\(s\), 1 without a link: /);
      expect(lines[20]).toBe('imported 20 issue(s) with 520 link(s); 0 failed');
    });

    it('history import again replaces, and a broken file fails alone with exit 1', async () => {
      const extra = path.join(dir, 'more');
      await mkdir(extra);
      await writeFile(path.join(extra, 'bad.md'), "---\ntitle: 'no number'\n---\n");
      const result = await sift(['history', 'import', path.join(corpus, '014.md'), extra, path.join(dir, 'missing.md')]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/014\.md +#14 .*\(replaced\)/);
      expect(result.stdout).toMatch(/bad\.md +failed: no issue number/);
      expect(result.stdout).toMatch(/missing\.md +failed: ENOENT/);
      expect(result.stdout).toContain('imported 1 issue(s) (1 replaced) with 28 link(s); 2 failed');
      const count = await withDb((db) =>
        db
          .selectFrom('published')
          .select((eb) => eb.fn.countAll<string>().as('count'))
          .where('url', '<>', '')
          .executeTakeFirstOrThrow(),
      );
      expect(Number(count.count)).toBe(520);
    });

    it('export --issue N prints an issue of the history with the items of its file', async () => {
      const result = await sift(['export', '--issue', '17']);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/^issue #17 from the imported history: \d+ item\(s\) in 4 section\(s\)/);
      const file = parseIssue(readFileSync(path.join(corpus, '017.md'), 'utf8'), format);
      const printed = parseIssue(result.stdout, format);
      expect(itemsOf(printed)).toEqual(itemsOf(file));
      expect(result.stdout.split('\n---\n')[0]).toBe(readFileSync(path.join(corpus, '017.md'), 'utf8').split('\n---\n')[0]);
    });

    it('export --week W --issue N writes the accepted shortlist to --out', async () => {
      await withDb(seedShortlist);
      const out = path.join(dir, 'issue-34.md');
      const result = await sift(['export', '--week', '2026-W48', '--issue', '34', '--title', '新年第一期', '--out', out]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('issue #34 from the shortlist of 2026-W48: 4 item(s) in 2 section(s) (🦄文章&教程 3, 🐿️项目&资源 1)');
      expect(result.stderr).toContain('left out item');
      expect(await readFile(out, 'utf8')).toBe(EXPECTED_ISSUE_34);
    });

    it('export defaults to the current week and takes --date; says so when the week is empty', async () => {
      const dated = await sift(['export', '--issue', '34', '--week', '2026-W48', '--date', '2026-11-29', '--title', '新年第一期']);
      expect(dated.stdout).toBe(EXPECTED_ISSUE_34.replace('pubDate: 2026-11-28', 'pubDate: 2026-11-29'));
      const current = await sift(['export', '--issue', '35', '--title', 'x']);
      expect(current.stdout.split('\n---\n')[0]).toContain('pubDate: 2026-11-28'); // 2026-11-25 is in 2026-W48
      const empty = await sift(['export', '--issue', '36', '--week', '2026-W50']);
      expect(empty.code).toBe(1);
      expect(empty.stderr).toContain('week 2026-W50 has no accepted items to export as issue #36');
    });

    it('export says which database it read, also when the week is empty, and after npm run demo where the demo keeps its own', async () => {
      const where =
        engine === 'postgres'
          ? `sift export: read Postgres at ${cli.databaseUrl} (DATABASE_URL)`
          : `sift export: read the embedded database (PGlite) in ${path.join(dir, 'data')}`;
      const exported = await sift(['export', '--issue', '34', '--week', '2026-W48', '--title', 'x']);
      expect(exported.code).toBe(0);
      expect(exported.stderr).toContain(`${where}\n`);
      const empty = await sift(['export', '--issue', '36', '--week', '2026-W50']);
      expect(empty.code).toBe(1);
      expect(empty.stderr).toContain(`${where}\n`);
      expect(empty.stderr).not.toContain('npm run demo');
      if (engine === 'pglite') {
        const demo = path.join(dir, 'data', 'demo');
        await mkdir(demo, { recursive: true });
        await writeFile(path.join(demo, 'sources.yaml'), SOURCES_YAML);
        try {
          const afterDemo = await sift(['export', '--issue', '36', '--week', '2026-W50']);
          expect(afterDemo.stderr).toContain(
            `the demo (npm run demo) keeps its own database: SIFT_DATA_DIR=${demo} SIFT_SOURCES=${path.join(demo, 'sources.yaml')} npx sift export`,
          );
        } finally {
          await rm(demo, { recursive: true, force: true });
        }
      }
    });

    it('export refuses a missing or bad --issue and a bad --date', async () => {
      expect(await sift(['export'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--issue N is required') });
      expect(await sift(['export', '--issue', 'x'])).toMatchObject({ code: 1, stderr: expect.stringContaining('got "x"') });
      expect(await sift(['export', '--issue', '3', '--date', '28/11/2026'])).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('--date must be YYYY-MM-DD'),
      });
      const impossible = await sift(['export', '--issue', '3', '--week', '2026-W48', '--date', '2026-02-30']);
      expect(impossible).toMatchObject({
        code: 1,
        stdout: '',
        stderr: expect.stringContaining('--date must be YYYY-MM-DD and a day that exists, got "2026-02-30"'),
      });
      expect(await sift(['history', 'export'])).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: sift history import') });
    });

    it('export and the review page preview give the same bytes, a category removed from sources.yaml included', async () => {
      await withDb(async (db) => {
        const item = await db
          .insertInto('items')
          .values({
            url: 'https://removed.example/post',
            canonical_url: 'https://removed.example/post',
            title: 'From a removed section',
            summary: 'Still accepted.',
            lang: 'zh',
            first_seen_at: '2026-11-23T00:00:00Z',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db
          .insertInto('decisions')
          .values({ week: '2026-W48', item_id: Number(item.id), status: 'accepted', category: 'newsletters', position: 1 })
          .execute();
      });
      const exported = await sift(['export', '--week', '2026-W48', '--issue', '34', '--title', '新年第一期']);
      expect(exported.code).toBe(0);
      expect(exported.stderr).toContain('note: category "newsletters" is not in sources.yaml; its 1 item(s) print last under that id');
      expect(exported.stdout).toContain(
        '## newsletters\n\n1、[From a removed section](https://removed.example/post)\n\nStill accepted.\n\n## 🐼欢迎订阅',
      );

      const preview = await withDb(async (db) => {
        const config = parseSources(SOURCES_YAML, 'sources.yaml');
        const clock = fixedClock('2026-11-25T12:00:00Z');
        const app = await createReviewApp({
          db,
          log: silentLogger(),
          clock,
          config,
          candidates: createRankCandidateSource({ db, config, clock }),
        });
        try {
          const response = await app.inject({
            method: 'GET',
            url: `/weeks/2026-W48/export.md?inline=1&issue=34&title=${encodeURIComponent('新年第一期')}`,
          });
          expect(response.statusCode).toBe(200);
          return response.body;
        } finally {
          await app.close();
        }
      });
      expect(preview).toBe(exported.stdout);
    });
  });
}
