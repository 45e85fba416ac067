import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../config/env.ts';

type DatabaseEnv = Pick<Env, 'DATABASE_URL' | 'SIFT_DATA_DIR'>;

/**
 * Which database a command reads, for people: `Postgres at postgres://sift@db:5432/sift
 * (DATABASE_URL)` without the password or query (they may hold secrets), or `the embedded database
 * (PGlite) in /abs/data`. A command that finds nothing must say where it looked: `npm run demo`
 * keeps its data in a folder of its own, and an empty answer from the wrong one looks like a bug.
 */
export function describeDatabase(env: DatabaseEnv): string {
  if (!env.DATABASE_URL) return `the embedded database (PGlite) in ${env.SIFT_DATA_DIR}`;
  let url: URL;
  try {
    url = new URL(env.DATABASE_URL);
  } catch {
    return 'Postgres at DATABASE_URL (not a URL)';
  }
  url.password = '';
  url.search = '';
  url.hash = '';
  return `Postgres at ${url.toString()} (DATABASE_URL)`;
}

/** Where `npm run demo` keeps its data: a database and sources file of its own under SIFT_DATA_DIR. */
export function demoDataPaths(env: Pick<Env, 'SIFT_DATA_DIR'>): { dataDir: string; sources: string } {
  const dataDir = path.join(env.SIFT_DATA_DIR, 'demo');
  return { dataDir, sources: path.join(dataDir, 'sources.yaml') };
}

/**
 * After `npm run demo`, the board the curator saw lives in the demo's own database, not the one a
 * plain `sift export` reads: when this environment's embedded database has a demo beside it,
 * `; the demo … keeps its own database: SIFT_DATA_DIR=… SIFT_SOURCES=… npx sift export …`, else ''.
 */
export function hintDemoDatabase(env: DatabaseEnv): string {
  if (env.DATABASE_URL) return '';
  const demo = demoDataPaths(env);
  return existsSync(demo.sources)
    ? `; the demo (npm run demo) keeps its own database: SIFT_DATA_DIR=${demo.dataDir} SIFT_SOURCES=${demo.sources} npx sift export …`
    : '';
}
