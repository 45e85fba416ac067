import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { sampleRss, startFeedServer, type FeedServer } from './helpers/feed-server.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let server: FeedServer;
let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  server = await startFeedServer();
  server.serveFeed('/ok.xml', sampleRss('OK'));
  server.serveFeed('/slow-a.xml', sampleRss('Slow A'), { delayMs: 3_000 });
  server.serveFeed('/slow-b.xml', sampleRss('Slow B'), { delayMs: 3_000 });
  server.status('/gone.xml', 404);
  server.status('/broken.xml', 500);
  dir = await mkdtemp(path.join(tmpdir(), 'sift-collect-output-'));
  const source = (id: string, feedPath: string) =>
    `  - { id: ${id}, name: ${id}, url: "${server.url(feedPath)}", kind: blog, lang: en, category: articles }`;
  await writeFile(
    path.join(dir, 'sources.yaml'),
    [
      'weekly:',
      '  categories:',
      '    - { id: articles, title: 文章&教程, slots: 12 }',
      'defaults:',
      '  timeout: 1s',
      'sources:',
      source('ok', '/ok.xml'),
      source('slow-a', '/slow-a.xml'),
      source('slow-b', '/slow-b.xml'),
      source('gone', '/gone.xml'),
      source('broken', '/broken.xml'),
      '',
    ].join('\n'),
  );
  database = await createTestDatabase('postgres', { migrate: false });
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** `sift collect` as a user runs it: default log level, stdout and stderr into one stream in the order written. */
function runCollect(): Promise<{ code: number | null; lines: string[] }> {
  const child = spawn('sh', ['-c', `exec "${process.execPath}" bin/sift.mjs collect 2>&1`], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: database.url ?? '',
      SIFT_SOURCES: path.join(dir, 'sources.yaml'),
      SIFT_DATA_DIR: dir,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve) =>
    child.once('close', (code) => resolve({ code, lines: output.split('\n').filter((line) => line.trim() !== '') })),
  );
}

describe('sift collect output', () => {
  it('one line per failed source, no stack, and the failures grouped by reason as the very last line', async () => {
    const { code, lines } = await runCollect();
    const text = lines.join('\n');
    expect(code).toBe(0); // one source answered
    expect(text).not.toMatch(/^\s+at /m);
    expect(text).not.toContain('"stack"');
    for (const id of ['slow-a', 'slow-b', 'gone', 'broken']) {
      expect(
        lines.filter((line) => line.includes(`"sourceId":"${id}"`)),
        id,
      ).toHaveLength(1);
    }
    expect(lines.at(-1)).toBe(
      '4 failed: 2 TIMEOUT (slow-a, slow-b), 1 HTTP_STATUS 404 (gone), 1 HTTP_STATUS 500 (broken); details: `sift sources status`',
    );
    expect(lines.at(-3)).toMatch(/^collected 5 source\(s\) in [\d.]+ s: 1 ok, 0 not modified, 4 failed$/);
  }, 120_000);
});
