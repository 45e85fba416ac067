import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.ts';
import { loadEnv } from '../../src/config/env.ts';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createTestDatabase, type Engine, type TestDatabase } from './db.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliHarness {
  /** A scratch folder, removed on close. */
  dir: string;
  /** The Postgres database the commands use (DATABASE_URL); undefined on the embedded one. */
  databaseUrl: string | undefined;
  /** Runs `sift <args>` through `main`, as a user runs it, with the clock fixed. */
  sift(args: string[]): Promise<CliRun>;
  /** Direct access to the same database the commands use, between commands. */
  withDb<T>(work: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The commands on one engine: a fresh Postgres database given by DATABASE_URL, or the embedded
 * database in a scratch SIFT_DATA_DIR (opened by each command in turn). `sources` is the
 * sources.yaml to use: a path, or `{ yaml }` written to the scratch folder.
 */
export async function openCliHarness(
  engine: Engine,
  options: { sources: string | { yaml: string }; now: string; prefix: string },
): Promise<CliHarness> {
  const dir = await mkdtemp(path.join(tmpdir(), options.prefix));
  let sourcesPath: string;
  if (typeof options.sources === 'string') {
    sourcesPath = options.sources;
  } else {
    sourcesPath = path.join(dir, 'sources.yaml');
    await writeFile(sourcesPath, options.sources.yaml);
  }
  const server: TestDatabase | undefined = engine === 'postgres' ? await createTestDatabase('postgres') : undefined;
  const env = loadEnv({ DATABASE_URL: server?.url, SIFT_DATA_DIR: path.join(dir, 'data'), SIFT_SOURCES: sourcesPath, LOG_LEVEL: 'silent' });
  return {
    dir,
    databaseUrl: server?.url,
    async sift(args) {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const chunks = { out: '', err: '' };
      stdout.on('data', (chunk) => (chunks.out += chunk));
      stderr.on('data', (chunk) => (chunks.err += chunk));
      const code = await main(args, { env, stdout, stderr, clock: fixedClock(options.now) });
      return { code, stdout: chunks.out, stderr: chunks.err };
    },
    async withDb(work) {
      if (server) return work(server.db);
      const handle = await openDatabase({ dataDir: path.join(dir, 'data') });
      try {
        await migrateToLatest(handle.db);
        return await work(handle.db);
      } finally {
        await handle.close();
      }
    },
    async close() {
      await server?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
