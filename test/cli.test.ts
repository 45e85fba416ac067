import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { loadEnv } from '../src/config/env.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';

let server: FeedServer;
let dir: string;

beforeAll(async () => {
  server = await startFeedServer();
  dir = await mkdtemp(path.join(tmpdir(), 'sift-cli-'));
  server.serveFeed(
    '/ok.xml',
    `<?xml version="1.0"?><rss version="2.0"><channel><title>OK</title><link>https://ok.example/</link><description>d</description>
<item><title>Hello</title><link>https://ok.example/hello</link></item><item><title>World</title><link>https://ok.example/world</link></item></channel></rss>`,
    { etag: '"x"' },
  );
  server.status('/broken.xml', 500);
  await writeFile(
    path.join(dir, 'sources.yaml'),
    `weekly:
  categories:
    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 12 }
sources:
  - { id: ok, name: OK, url: "${server.url('/ok.xml')}", kind: blog, lang: en, category: articles }
  - { id: broken, name: Broken, url: "${server.url('/broken.xml')}", kind: blog, lang: en, category: articles }
`,
  );
  await writeFile(path.join(dir, 'bad.yaml'), 'weekly:\n  categories: [\n');
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function sift(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk) => (chunks.out += chunk));
  stderr.on('data', (chunk) => (chunks.err += chunk));
  const env = loadEnv({ SIFT_DATA_DIR: path.join(dir, 'data'), SIFT_SOURCES: path.join(dir, 'sources.yaml'), LOG_LEVEL: 'silent' });
  const code = await main(args, { env, stdout, stderr, clock: fixedClock('2026-11-25T12:00:00Z') });
  return { code, stdout: chunks.out, stderr: chunks.err };
}

describe('sift CLI on the embedded database', () => {
  it('migrates once, then is a no-op', async () => {
    const first = await sift(['migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^applied \d+ migration\(s\) to embedded database in .*data: 0001_core/);
    const second = await sift(['migrate']);
    expect(second).toMatchObject({ code: 0, stdout: expect.stringMatching(/is up to date/) });
  });

  it('collect exits 0 with a summary even when a source fails', async () => {
    const result = await sift(['collect']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('collected 2 source(s)');
    expect(result.stdout).toContain('1 ok, 0 not modified, 1 failed');
    expect(result.stdout).toContain('items new: 2, sightings new: 2');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('1 failed: 1 HTTP_STATUS 500 (broken); details: `sift sources status`');
  });

  it('collect --all a second time adds nothing; --source runs one source', async () => {
    const again = await sift(['collect', '--all']);
    expect(again.stdout).toContain('0 ok, 1 not modified, 1 failed');
    expect(again.stdout).toContain('items new: 0, sightings new: 0');
    const one = await sift(['collect', '--source', 'ok']);
    expect(one.stdout).toContain('collected 1 source(s)');
    const unknown = await sift(['collect', '--source', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown source id(s): nope');
  });

  it('sources status lists the broken source first', async () => {
    const result = await sift(['sources', 'status']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^source\s+status\s+fails/);
    expect(lines[1]).toMatch(/^broken\s+HTTP_STATUS\s+2\s+never/);
    expect(lines[2]).toMatch(/^ok\s+not_modified\s+0\s/);
  });
  it('collect exits 1 when every source it tried failed, after the summary', async () => {
    const result = await sift(['collect', '--source', 'broken']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('0 ok, 0 not modified, 1 failed');
  });

  it('sources check: exit 0 with a summary, exit 1 with every problem placed', async () => {
    const good = await sift(['sources', 'check']);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('2 enabled source(s)');
    expect(good.stdout).toMatch(/by kind:\s+blog 2/);
    const bad = await sift(['sources', 'check', '--file', path.join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^bad\.yaml:3:1: YAML syntax error/m);
  });

  it('an unknown command is a usage error', async () => {
    const result = await sift(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });
});
