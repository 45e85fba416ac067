import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { loadEnv } from '../src/config/env.ts';
import { parseSources } from '../src/config/load-sources.ts';
import { fixedClock } from '../src/shared/clock.ts';

const SOURCES = `# the weekly's sources
weekly:
  categories:
    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 12 }
    - { id: media, title: 播客&视频, emoji: "🐢", slots: 3, keywords: [podcast, video] }
sources:
  - id: pycoders        # the big one
    name: "PyCoder's Weekly"
    url: https://pycoders.com/feed
    kind: digest
    lang: en
    category: articles
  - { id: old, name: Old & gone, url: "https://old.example/rss", kind: blog, lang: en, category: articles, enabled: false }
`;

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>My feeds</title></head><body>
  <outline text="Podcasts">
    <outline type="rss" text="Talk Python To Me" xmlUrl="https://talkpython.fm/episodes/rss"/>
  </outline>
  <outline type="rss" text="PyCoder&apos;s Weekly" xmlUrl="http://www.pycoders.com/feed/"/>
  <outline type="rss" text="No feed URL"/>
</body></opml>`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sift-opml-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sift(args: string[], sourcesFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk) => (chunks.out += chunk));
  stderr.on('data', (chunk) => (chunks.err += chunk));
  const env = loadEnv({ SIFT_DATA_DIR: path.join(dir, 'data'), SIFT_SOURCES: sourcesFile, LOG_LEVEL: 'silent' });
  const code = await main(args, { env, stdout, stderr, clock: fixedClock('2026-11-25T12:00:00Z') });
  return { code, stdout: chunks.out, stderr: chunks.err };
}

describe('sift sources import-opml / export-opml', () => {
  it('import-opml appends the new feeds, keeps the file as written and lists what it skipped', async () => {
    const sourcesFile = path.join(dir, 'sources.yaml');
    await writeFile(sourcesFile, SOURCES);
    await writeFile(path.join(dir, 'feeds.opml'), OPML);
    const result = await sift(['sources', 'import-opml', path.join(dir, 'feeds.opml')], sourcesFile);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      [
        'added 1 source(s) to sources.yaml:',
        '  + talk-python-to-me  podcast en media  https://talkpython.fm/episodes/rss',
        'already in sources.yaml: 1',
        '  = pycoders  http://www.pycoders.com/feed/',
        'invalid, not added: 1',
        '  ! No feed URL: no xmlUrl',
        '',
      ].join('\n'),
    );
    const text = await readFile(sourcesFile, 'utf8');
    expect(text.startsWith(SOURCES)).toBe(true);
    expect(text.slice(SOURCES.length)).toBe(
      '  # imported from feeds.opml on 2026-11-25; kind, lang and category are guesses\n  - id: talk-python-to-me\n    name: Talk Python To Me\n    url: https://talkpython.fm/episodes/rss\n    kind: podcast\n    lang: en\n    category: media\n',
    );
    expect((await sift(['sources', 'import-opml', path.join(dir, 'feeds.opml')], sourcesFile)).stdout).toMatch(
      /^already in sources.yaml: 2\n/,
    );
  });

  it('import-opml --dry-run reports without writing, and reads a GBK-encoded export', async () => {
    const sourcesFile = path.join(dir, 'dry.yaml');
    await writeFile(sourcesFile, SOURCES);
    const gbk =
      '<?xml version="1.0" encoding="GBK"?><opml version="2.0"><body><outline text="阮一峰的网络日志" xmlUrl="https://www.ruanyifeng.com/blog/atom.xml"/></body></opml>';
    await writeFile(path.join(dir, 'gbk.opml'), iconv.encode(gbk, 'gbk'));
    const result = await sift(['sources', 'import-opml', path.join(dir, 'gbk.opml'), '--dry-run'], sourcesFile);
    expect(result.stdout).toBe(
      'would add 1 source(s) to dry.yaml:\n  + ruanyifeng  blog zh articles  https://www.ruanyifeng.com/blog/atom.xml\n',
    );
    expect(await readFile(sourcesFile, 'utf8')).toBe(SOURCES);
  });

  it('import-opml refuses a file that is not OPML and leaves sources.yaml alone', async () => {
    const sourcesFile = path.join(dir, 'untouched.yaml');
    await writeFile(sourcesFile, SOURCES);
    await writeFile(path.join(dir, 'feed.xml'), '<rss version="2.0"><channel/></rss>');
    const result = await sift(['sources', 'import-opml', path.join(dir, 'feed.xml')], sourcesFile);
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('not an OPML file') });
    expect(await readFile(sourcesFile, 'utf8')).toBe(SOURCES);
    expect(await sift(['sources', 'import-opml'], sourcesFile)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('usage: sift sources import-opml FILE'),
    });
  });

  it('export-opml prints the enabled sources, --all the disabled too, and they import back the same', async () => {
    const sourcesFile = path.join(dir, 'export.yaml');
    await writeFile(sourcesFile, SOURCES);
    const enabled = await sift(['sources', 'export-opml'], sourcesFile);
    expect(enabled.code).toBe(0);
    expect(enabled.stdout).toContain(
      '<outline type="rss" text="PyCoder&apos;s Weekly" title="PyCoder&apos;s Weekly" xmlUrl="https://pycoders.com/feed" language="en" category="/articles"/>',
    );
    expect(enabled.stdout).toContain('<dateCreated>Wed, 25 Nov 2026 12:00:00 GMT</dateCreated>');
    expect(enabled.stdout).not.toContain('old.example');

    const out = path.join(dir, 'all.opml');
    const all = await sift(['sources', 'export-opml', '--all', '--out', out], sourcesFile);
    expect(all).toMatchObject({ code: 0, stdout: '', stderr: `wrote 2 source(s) to ${out}\n` });

    const emptyFile = path.join(dir, 'empty.yaml');
    await writeFile(emptyFile, SOURCES.slice(0, SOURCES.indexOf('sources:')) + 'sources: []\n');
    await sift(['sources', 'import-opml', out], emptyFile);
    const pick = (file: string) =>
      parseSources(file, 'x.yaml')
        .sources.map((source) => `${source.name}|${source.url}|${source.kind}|${source.lang}|${source.category}`)
        .sort();
    expect(pick(await readFile(emptyFile, 'utf8'))).toEqual(pick(SOURCES));
  });
});
