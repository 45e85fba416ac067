import { sql } from 'kysely';
import { parseSources } from '../../src/config/load-sources.ts';
import { TECH, ZH_PHRASES } from '../fixture/vocabulary.ts';
import type { SourcesConfig } from '../../src/config/schema.ts';
import type { Db } from '../../src/db/database.ts';
import { shiftWeek, weekWindow, type WeekWindow } from '../../src/calendar/week.ts';

/**
 * The newsletter the rank and board cases rank for: the four sections of the real one, each with
 * its own keywords (so relevance and off-topic terms do work), and two `classify` rules (so
 * classification runs the configured rules before the built-in ones, as a real sources.yaml does).
 */
const RANK_CONFIG_YAML = `weekly:
  title: Python 潮流周刊
  categories:
    - { id: articles, title: 文章&教程, slots: 12, keywords: [python, asyncio, django, typing, 教程, 性能] }
    - { id: projects, title: 项目&资源, slots: 12, keywords: [library, tool, cli, 开源, 框架] }
    - { id: media, title: 播客&视频, slots: 3, keywords: [podcast, video, episode, 视频] }
    - { id: discussions, title: 讨论&问题, slots: 3, keywords: [discussion, why, ask, 讨论] }
classify:
  - { host: .readthedocs.io, category: articles }
  - { path: "^/r/Python/", category: discussions }
sources: []
`;

export function readRankBenchConfig(): Pick<SourcesConfig, 'weekly' | 'classify'> {
  const config = parseSources(RANK_CONFIG_YAML, 'bench-rank-sources.yaml');
  return { weekly: config.weekly, classify: config.classify };
}

export const SOURCE_COUNT = 300;

export interface RankSeedOptions {
  /** Items over the whole history. */
  itemCount: number;
  /** Weeks the items are spread over evenly, `week` the last of them. */
  weekCount: number;
  /** The week that will be ranked, e.g. `2026-W48`. */
  week: string;
  config: Pick<SourcesConfig, 'weekly'>;
}

export interface RankSeed {
  window: WeekWindow;
  /** A moment inside the week (its last evening), as the curator ranks before the issue closes. */
  now: Date;
  counts: {
    items: number;
    weekItems: number;
    sightings: number;
    weekSightings: number;
    decisions: number;
    weekDecisions: number;
    published: number;
    sources: number;
  };
  seedMs: number;
}

/** Hash of an integer expression, non-negative, deterministic on both engines. */
const hash = (expression: string) => `(hashint8((${expression})::bigint)::bigint & 2147483647)`;

/** A constant text[] built from our own word lists (no user input, so inlining them is safe). */
function textArray(words: readonly string[]): string {
  return `ARRAY[${words.map((word) => `'${word.replaceAll("'", "''")}'`).join(',')}]::text[]`;
}

const VERBS = [
  'Building',
  'Understanding',
  'Debugging',
  'Profiling',
  'Testing',
  'Deploying',
  'Scaling',
  'Migrating',
  'Optimizing',
  'Exploring',
  'Packaging',
  'Securing',
  'Refactoring',
  'Benchmarking',
  'Documenting',
  'Typing',
  'Streaming',
  'Caching',
  'Parsing',
  'Embedding',
];
const TOPICS = [
  'asyncio services',
  'FastAPI backends',
  'Django apps',
  'pandas pipelines',
  'NumPy kernels',
  'Polars queries',
  'pytest suites',
  'typed codebases',
  'Python wheels',
  'uv workspaces',
  'Rust extensions',
  'free-threaded Python',
  'SQLAlchemy models',
  'Pydantic schemas',
  'Celery workers',
  'Flask APIs',
  'Jupyter notebooks',
  'PyTorch models',
  'LLM agents',
  'CLI tools',
  'web scrapers',
  'data classes',
  'decorators',
  'generators',
  'context managers',
  'metaclasses',
  'the GIL',
  'CPython internals',
  'PyPy',
  'Cython modules',
  'Textual apps',
  'Streamlit dashboards',
  'vector databases',
  'Postgres queries',
  'SQLite files',
  'Redis queues',
  'OpenTelemetry traces',
  'logging setups',
  'Docker images',
  'GitHub Actions',
];
const TAILS = [
  'in production',
  'from scratch',
  'the hard way',
  'with examples',
  'for beginners',
  'at scale',
  'in 2026',
  'step by step',
  'without pain',
  'on a budget',
  'like a pro',
  'in one afternoon',
  'for fun and profit',
  'under load',
  'the right way',
  'revisited',
];
const SENTENCES = [
  'The author walks through a real project and measures every change.',
  'It covers the common pitfalls and how to avoid them in a larger codebase.',
  'Includes benchmarks, a small library and notes on what did not work.',
  'A long read with diagrams, code samples and a list of further reading.',
  'Explains the design decisions behind the new release and the migration path.',
  'Shows how the pieces fit together with a runnable example repository.',
  'Compares three approaches and explains when each one is the right tool.',
  'A short tutorial aimed at people who already know the basics.',
  'Covers testing, packaging and deployment of the finished project.',
  'Discusses why the obvious solution is slow and what to do instead.',
  'With a video walkthrough and the slides of the conference talk.',
  'Ask the community: what would you change in this design and why?',
];

/**
 * Fills a fresh, migrated database with a history of links the way months of collecting leave it:
 * `itemCount` items spread evenly over `weekCount` weeks (`week` the last, so it holds about
 * itemCount ÷ weekCount of them), 300 sources of every kind, 1–5 sightings per item (58 % one,
 * 4 % five; a source's second sighting three hours after the first, so some fall after the week),
 * points and comments from the 15 community sources, about 3 % of the items reposts of another's
 * title under a different URL (so clustering merges them), a fifth of the links on GitHub, PyPI,
 * YouTube, Hacker News or Reddit (so classification takes every branch), 30 % in Chinese. Also a
 * few hundred decisions (this week's, earlier weeks', and items filed under this week though seen
 * earlier), the imported issues of the earlier weeks with their links, older imported history and
 * a few dozen of this week's links already published in the previous issue.
 *
 * Everything is written with set-based SQL (INSERT … SELECT generate_series) in one transaction,
 * with foreign-key triggers off for it (`session_replication_role = replica`: the rows are
 * consistent by construction), then VACUUM ANALYZE and CHECKPOINT, as autovacuum and the
 * checkpointer would have left a database that old. Deterministic: the same options give the same rows on Postgres and PGlite.
 */
export async function seedRankHistory(db: Db, options: RankSeedOptions): Promise<RankSeed> {
  const started = performance.now();
  const window = weekWindow(options.week, options.config.weekly);
  const firstWeek = weekWindow(shiftWeek(window.label, -(options.weekCount - 1)), options.config.weekly);
  const spanMs = window.end.getTime() - firstWeek.start.getTime();
  const weekItems = options.itemCount / options.weekCount;
  // Per-week shares that stay sensible from a 300-item week to a 50,000-item one.
  const decideEvery = Math.max(5, Math.floor(weekItems / 60));
  const pastDecideEvery = Math.max(5, Math.floor(weekItems / 20));
  const publishedEvery = Math.max(13, Math.floor(weekItems / 40));
  const carriedEvery = Math.max(17, Math.floor(weekItems / 10));

  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await sql
      .raw(
        `INSERT INTO sources (id, name, url, kind, lang, category, weight, tags, next_check_at)
         SELECT 'src-' || lpad(n::text, 3, '0'),
                CASE WHEN n < 15 THEN 'Community ' || n WHEN n < 25 THEN 'Weekly digest ' || n ELSE 'Source ' || n END,
                'https://source-' || n || '.example.com/feed.xml',
                CASE WHEN n < 15 THEN 'community' WHEN n < 25 THEN 'digest' WHEN n < 35 THEN 'podcast' WHEN n < 45 THEN 'video'
                     WHEN n < 55 THEN 'trending' WHEN n < 65 THEN 'release' ELSE 'blog' END,
                CASE WHEN n % 3 = 0 THEN 'zh' ELSE 'en' END,
                CASE WHEN n < 15 THEN 'discussions' WHEN n < 25 THEN 'articles' WHEN n < 45 THEN 'media' WHEN n < 65 THEN 'projects' ELSE 'articles' END,
                (ARRAY[0.5, 1, 1, 1, 1.5, 2, 3])[1 + n % 7],
                '[]'::jsonb, now()
         FROM generate_series(0, ${SOURCE_COUNT - 1}) AS n`,
      )
      .execute(trx);

    await sql`
      INSERT INTO items (id, url, canonical_url, title, summary, lang, published_at, first_seen_at, media_kind, updated_at)
      SELECT g, url, url, title, summary, lang, published_at, seen, media_kind, seen
      FROM (
        SELECT g, seen, lang,
          CASE WHEN is_repost THEN 'https://dev.to/writer' || (h % 500) || '/' || slug || '-' || g
               WHEN shape < 18 THEN 'https://github.com/owner' || (h % 5000) || '/' || slug || '-' || g
               WHEN shape < 21 THEN 'https://www.youtube.com/watch?v=v' || g
               WHEN shape < 26 THEN 'https://news.ycombinator.com/item?id=' || g
               WHEN shape < 29 THEN 'https://www.reddit.com/r/Python/comments/' || g || '/' || slug || '/'
               WHEN shape < 32 THEN 'https://pypi.org/project/' || slug || '-' || g || '/'
               WHEN shape < 34 THEN 'https://' || slug || '.readthedocs.io/en/latest/' || g || '.html'
               ELSE 'https://blog' || (h % 3000) || '.example.com/posts/' || g || '-' || slug END AS url,
          title || CASE WHEN is_repost THEN ' | DEV Community' ELSE '' END AS title,
          summary,
          CASE WHEN h % 20 = 0 THEN NULL
               WHEN h % 20 = 1 THEN seen - interval '60 days'
               WHEN h % 20 = 2 THEN seen - interval '400 days'
               ELSE seen - (h % 72) * interval '1 hour' END AS published_at,
          CASE WHEN shape BETWEEN 18 AND 20 THEN 'video' END AS media_kind
        FROM (
          SELECT g, seen, h, shape, is_repost,
            CASE WHEN hs % 10 < 3 THEN 'zh' ELSE 'en' END AS lang,
            lower(replace(topic, ' ', '-')) || '-' || (hs % 997) AS slug,
            CASE WHEN hs % 10 < 3
              THEN '用 ' || zt || ' 实现' || z1 || '：' || z2 || coalesce('（' || rare || '）', '')
              ELSE verb || ' ' || topic || ' ' || tail || ' with ' || lib || coalesce(' (' || rare || ')', '') END AS title,
            CASE WHEN hs % 10 < 3
              THEN '本文介绍' || z1 || '、' || z2 || '，并用 ' || zt || ' 给出完整示例。作者整理了常见问题和解决办法。'
              ELSE 'A practical look at ' || lower(topic) || ' ' || tail || '. ' || s1 || ' ' || s2 END AS summary
          FROM (
            SELECT g, seen, h, hs, h % 100 AS shape, is_repost,
              (${sql.raw(textArray(VERBS))})[1 + hs % ${sql.lit(VERBS.length)}] AS verb,
              (${sql.raw(textArray(TOPICS))})[1 + (hs / 7) % ${sql.lit(TOPICS.length)}] AS topic,
              (${sql.raw(textArray(TAILS))})[1 + (hs / 311) % ${sql.lit(TAILS.length)}] AS tail,
              'lib' || ((hs / 4099) % 2000) AS lib,
              CASE WHEN (hs / 13) % 10 < 7 THEN 'x' || substr(md5(story::text), 1, 7) END AS rare,
              (${sql.raw(textArray(SENTENCES))})[1 + (h / 3) % ${sql.lit(SENTENCES.length)}] AS s1,
              (${sql.raw(textArray(SENTENCES))})[1 + (h / 37) % ${sql.lit(SENTENCES.length)}] AS s2,
              (${sql.raw(textArray(ZH_PHRASES))})[1 + (hs / 5) % ${sql.lit(ZH_PHRASES.length)}] AS z1,
              (${sql.raw(textArray(ZH_PHRASES))})[1 + (hs / 173) % ${sql.lit(ZH_PHRASES.length)}] AS z2,
              (${sql.raw(textArray(TECH))})[1 + (hs / 29) % ${sql.lit(TECH.length)}] AS zt
          FROM (
            SELECT g, seen, h, story, is_repost, ${sql.raw(hash('story * 7919'))} AS hs
            FROM (
              SELECT g,
                ${firstWeek.start.toISOString()}::timestamptz + ((g - 1) * ${spanMs / options.itemCount}::float8) * interval '1 millisecond' AS seen,
                ${sql.raw(hash('g'))} AS h,
                CASE WHEN g % 33 = 0 THEN g - 1 ELSE g END AS story,
                g % 33 = 0 AS is_repost
              FROM generate_series(1::bigint, ${sql.lit(options.itemCount)}) AS g
            ) AS numbered
          ) AS hashed
          ) AS worded
        ) AS titled
      ) AS shaped
    `.execute(trx);
    await sql`SELECT setval(pg_get_serial_sequence('items', 'id'), (SELECT max(id) FROM items))`.execute(trx);

    await sql
      .raw(
        `INSERT INTO sightings (item_id, source_id, first_seen_at, points, comments)
         SELECT i.id, 'src-' || lpad(((i.id * 7 + k * 61) % ${SOURCE_COUNT})::text, 3, '0'),
                i.first_seen_at + k * interval '3 hours',
                CASE WHEN (i.id * 7 + k * 61) % ${SOURCE_COUNT} < 15 THEN ${hash('i.id * 5 + k')} % 900 END,
                CASE WHEN (i.id * 7 + k * 61) % ${SOURCE_COUNT} < 15 THEN ${hash('i.id * 11 + k')} % 300 END
         FROM (SELECT id, first_seen_at, (${hash('id')} / 128) % 100 AS roll FROM items) AS i
         CROSS JOIN LATERAL generate_series(0, CASE WHEN roll < 58 THEN 0 WHEN roll < 80 THEN 1 WHEN roll < 91 THEN 2 WHEN roll < 96 THEN 3 ELSE 4 END) AS k`,
      )
      .execute(trx);

    // Earlier weeks: a verdict on every pastDecideEvery-th item, and that week's issue with the accepted links.
    for (let back = options.weekCount - 1; back >= 1; back -= 1) {
      const past = weekWindow(shiftWeek(window.label, -back), options.config.weekly);
      const issue = 1000 - back;
      await sql`
        INSERT INTO decisions (week, item_id, status, category, decided_by, decided_at)
        SELECT ${past.label}, id, CASE WHEN id % 3 = 0 THEN 'accepted' ELSE 'rejected' END, NULL, 'bench', ${past.end.toISOString()}::timestamptz
        FROM items WHERE first_seen_at >= ${past.start.toISOString()}::timestamptz AND first_seen_at < ${past.end.toISOString()}::timestamptz AND id % ${sql.lit(pastDecideEvery)} = 7
      `.execute(trx);
      await sql`INSERT INTO issues (number, title, pub_date, week) VALUES (${issue}, ${`Issue ${issue}`}, ${past.end.toISOString().slice(0, 10)}, ${past.label})`.execute(
        trx,
      );
      await sql`
        INSERT INTO published (issue_number, section, category, position, title, url, canonical_url)
        SELECT ${issue}, 'articles', 'articles', row_number() OVER (ORDER BY i.id), i.title, i.url, i.canonical_url
        FROM decisions d JOIN items i ON i.id = d.item_id WHERE d.week = ${past.label} AND d.status = 'accepted'
      `.execute(trx);
    }
    if (options.weekCount > 1) {
      const previous = weekWindow(shiftWeek(window.label, -1), options.config.weekly);
      // This week's links already published in the previous issue (re-shared old news: left out of the ranking).
      await sql`
        INSERT INTO published (issue_number, section, category, position, title, url, canonical_url)
        SELECT 999, 'projects', 'projects', 1000 + row_number() OVER (ORDER BY id), title, url, canonical_url
        FROM items WHERE first_seen_at >= ${window.start.toISOString()}::timestamptz AND first_seen_at < ${window.end.toISOString()}::timestamptz AND id % ${sql.lit(publishedEvery)} = 5
      `.execute(trx);
      // Filed under this week by the curator although first seen the week before.
      await sql`
        INSERT INTO decisions (week, item_id, status, category, decided_by, decided_at)
        SELECT ${window.label}, id, 'accepted', NULL, 'bench', ${window.start.toISOString()}::timestamptz
        FROM items WHERE first_seen_at >= ${previous.start.toISOString()}::timestamptz AND first_seen_at < ${previous.end.toISOString()}::timestamptz AND id % ${sql.lit(carriedEvery)} = 11
        ON CONFLICT DO NOTHING
      `.execute(trx);
    }
    // Imported history older than sift: 200 links of 20 issues from a year before, no items behind them.
    await sql`INSERT INTO issues (number, title, pub_date) SELECT n, 'Issue ' || n, ${new Date(firstWeek.start.getTime() - 365 * 86_400_000).toISOString().slice(0, 10)} FROM generate_series(1, 20) AS n`.execute(
      trx,
    );
    await sql`
      INSERT INTO published (issue_number, section, category, position, title, url, canonical_url)
      SELECT 1 + n % 20, 'articles', 'articles', n, 'Old link ' || n, 'https://blog' || (n * 7 % 3000) || '.example.com/old/' || n, 'https://blog' || (n * 7 % 3000) || '.example.com/old/' || n
      FROM generate_series(1, 200) AS n
    `.execute(trx);
    // This week so far: the curator's verdicts on every decideEvery-th item, a third of them moved to another category.
    await sql`
      INSERT INTO decisions (week, item_id, status, category, title, note, decided_by, decided_at)
      SELECT ${window.label}, id,
             (ARRAY['accepted', 'rejected', 'pending'])[1 + id % 3],
             CASE WHEN id % 9 < 3 THEN (ARRAY['articles', 'projects', 'media', 'discussions'])[1 + id % 4] END,
             CASE WHEN id % 5 = 0 THEN '编辑过的标题 ' || id END,
             CASE WHEN id % 4 = 0 THEN 'note ' || id END,
             'bench', ${new Date(window.end.getTime() - 86_400_000).toISOString()}::timestamptz
      FROM items WHERE first_seen_at >= ${window.start.toISOString()}::timestamptz AND first_seen_at < ${window.end.toISOString()}::timestamptz AND id % ${sql.lit(decideEvery)} = 3
      ON CONFLICT DO NOTHING
    `.execute(trx);
    await sql`SELECT setval(pg_get_serial_sequence('published', 'id'), (SELECT max(id) FROM published))`.execute(trx);
  });
  await sql`VACUUM ANALYZE`.execute(db);
  // a history this old would have been written out long ago: flush it now rather than while rankWeek is timed
  await sql`CHECKPOINT`.execute(db);

  const { start, end, label } = window;
  const row = await sql<Record<string, string | number>>`
    SELECT (SELECT count(*) FROM items) AS items,
           (SELECT count(*) FROM items WHERE first_seen_at >= ${start.toISOString()}::timestamptz AND first_seen_at < ${end.toISOString()}::timestamptz) AS week_items,
           (SELECT count(*) FROM sightings) AS sightings,
           (SELECT count(*) FROM sightings WHERE first_seen_at >= ${start.toISOString()}::timestamptz AND first_seen_at < ${end.toISOString()}::timestamptz) AS week_sightings,
           (SELECT count(*) FROM decisions) AS decisions,
           (SELECT count(*) FROM decisions WHERE week = ${label}) AS week_decisions,
           (SELECT count(*) FROM published) AS published,
           (SELECT count(*) FROM sources) AS sources
  `.execute(db);
  const counts = row.rows[0] ?? {};
  const count = (key: string) => Number(counts[key] ?? 0);
  return {
    window,
    now: new Date(window.end.getTime() - 6 * 3_600_000),
    counts: {
      items: count('items'),
      weekItems: count('week_items'),
      sightings: count('sightings'),
      weekSightings: count('week_sightings'),
      decisions: count('decisions'),
      weekDecisions: count('week_decisions'),
      published: count('published'),
      sources: count('sources'),
    },
    seedMs: performance.now() - started,
  };
}
