import { loadEnv } from '../../src/config/env.ts';
import { parseSources } from '../../src/config/load-sources.ts';
import type { SourcesConfig } from '../../src/config/schema.ts';
import type { Db } from '../../src/db/database.ts';
import { syncSources } from '../../src/store/sources/sync-sources.ts';
import type { ServedFeed } from '../fixture/serve-feeds.ts';

/** The concurrency `sift collect` uses when not told otherwise (SIFT_CONCURRENCY, SIFT_HOST_CONCURRENCY defaults). */
export function readDefaultConcurrency(): { concurrency: number; perHostConcurrency: number } {
  const env = loadEnv({});
  return { concurrency: env.SIFT_CONCURRENCY, perHostConcurrency: env.SIFT_HOST_CONCURRENCY };
}

/**
 * The sources.yaml a user would write for these feeds, validated by sift's own parser, so the
 * bench runs with exactly the defaults (interval, timeout, user agent) a real configuration gets.
 */
export function makeSourcesConfig(feeds: readonly ServedFeed[]): SourcesConfig {
  return parseSources(renderSourcesYaml(feeds), 'bench-sources.yaml');
}

/** The text of that sources.yaml, for a `sift` process to read (bench case process). */
export function renderSourcesYaml(feeds: readonly ServedFeed[]): string {
  const lines = [
    'weekly:',
    '  categories:',
    '    - { id: articles, title: 文章&教程, slots: 12 }',
    '    - { id: projects, title: 项目&资源, slots: 12 }',
    'sources:',
    ...feeds.map(
      (feed) =>
        `  - { id: ${feed.id}, name: "${feed.id}", url: "${feed.url}", kind: ${feed.kind}, lang: ${feed.lang}, category: articles }`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** New sources per syncSources call: its single INSERT must stay under Postgres's 65,535 bind parameters (12 per source). */
const SYNC_BATCH = 4_000;

/**
 * Loads the sources into a fresh database with sift's own syncSources. Large sets go in growing
 * prefixes (each call adds at most SYNC_BATCH new sources and disables none), because one call
 * inserts every new source in a single statement.
 */
export async function seedSources(db: Db, config: SourcesConfig): Promise<void> {
  for (let end = Math.min(SYNC_BATCH, config.sources.length); ; end = Math.min(end + SYNC_BATCH, config.sources.length)) {
    await syncSources(db, config.sources.slice(0, end));
    if (end === config.sources.length) return;
  }
}
