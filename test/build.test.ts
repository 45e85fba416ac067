import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_STAMP, findFreshBuild, listBuildInputs } from '../bin/find-fresh-build.mjs';
import { bundle, ROOT, SIFT_ENTRY_POINTS, swapIn } from '../scripts/build.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';

const run = promisify(execFile);

describe('findFreshBuild (bin/sift.mjs runs dist/ only when it was built from these very sources)', () => {
  let root: string;
  const at = (iso: string) => new Date(iso);
  const touch = (file: string, iso: string) => utimes(path.join(root, file), at(iso), at(iso));
  const FILES = ['src/cli/main.ts', 'src/refresh/process-feed.ts', 'migrations/0001_core.ts', 'scripts/build.ts'];

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sift-fresh-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** A checkout whose every file was last changed at 10:00, and a build of exactly those files. */
  async function checkout(): Promise<void> {
    await rm(root, { recursive: true, force: true });
    for (const file of FILES) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), `// ${file}\n`);
      await touch(file, '2026-11-25T10:00:00Z');
    }
    await mkdir(path.join(root, 'dist/cli'), { recursive: true });
    await writeFile(path.join(root, BUILD_STAMP), JSON.stringify({ inputs: listBuildInputs(root) }));
  }

  it('picks dist/cli/main.mjs when every input is as it was built', async () => {
    await checkout();
    expect(Object.keys(listBuildInputs(root)).sort()).toEqual([...FILES].sort());
    expect(findFreshBuild(root)).toBe(path.join(root, 'dist/cli/main.mjs'));
  });

  it('runs the sources when there is no build, or its stamp is unreadable', async () => {
    await checkout();
    await writeFile(path.join(root, BUILD_STAMP), '{"inputs": {');
    expect(findFreshBuild(root)).toBeUndefined();
    await rm(path.join(root, 'dist'), { recursive: true });
    expect(findFreshBuild(root)).toBeUndefined();
  });

  it.each(FILES)('runs the sources once %s is edited after the build, even to the same size', async (file) => {
    await checkout();
    const text = await readFile(path.join(root, file), 'utf8');
    await writeFile(path.join(root, file), text.replace('//', '/*'));
    await touch(file, '2026-11-25T11:00:01Z');
    expect(findFreshBuild(root)).toBeUndefined();
  });

  it('keeps the build when only the file times changed (image layers keep whole seconds; cp, git checkout)', async () => {
    await checkout();
    await touch('src/cli/main.ts', '2026-11-25T10:00:00.456Z');
    for (const file of FILES.slice(1)) await touch(file, '2026-11-25T12:34:56Z');
    expect(findFreshBuild(root)).toBe(path.join(root, 'dist/cli/main.mjs'));
  });

  it('runs the build when no sources ship beside it (an image with dist/ alone)', async () => {
    await checkout();
    for (const folder of ['src', 'migrations', 'scripts']) await rm(path.join(root, folder), { recursive: true });
    expect(findFreshBuild(root)).toBe(path.join(root, 'dist/cli/main.mjs'));
  });

  it('runs the sources when a file comes back with an older date (a tarball, cp -p, a clock set back)', async () => {
    await checkout();
    await writeFile(path.join(root, 'src/cli/main.ts'), '// an older main\n');
    await touch('src/cli/main.ts', '2026-01-01T00:00:00Z');
    await touch('src/cli', '2026-01-01T00:00:00Z');
    expect(findFreshBuild(root)).toBeUndefined();
  });

  it('runs the sources once a file is added or deleted', async () => {
    await checkout();
    await writeFile(path.join(root, 'src/cli/new-command.ts'), '');
    await touch('src/cli/new-command.ts', '2026-11-25T10:00:00Z');
    expect(findFreshBuild(root)).toBeUndefined();
    await checkout();
    await rm(path.join(root, 'src/refresh/process-feed.ts'));
    expect(findFreshBuild(root)).toBeUndefined();
  });
});

describe('swapIn (the new build takes the place of dist/)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sift-swap-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** A build with main.mjs saying `label`, and its stamp, in root/folder. */
  async function aBuild(folder: string, label: string): Promise<string> {
    await mkdir(path.join(root, folder, 'cli'), { recursive: true });
    await writeFile(path.join(root, folder, 'cli/main.mjs'), `// ${label}\n`);
    await writeFile(path.join(root, folder, 'build.json'), '{"inputs": {}}\n');
    return path.join(root, folder);
  }

  it('replaces a dist/ that overlayfs cannot rename (EXDEV: a directory of a lower image layer)', async () => {
    const distDir = await aBuild('dist', 'old');
    const staging = await aBuild('dist.building-1', 'new');
    const renamed: string[] = [];
    const overlayRename = async (from: string, to: string) => {
      renamed.push(from);
      if (from === distDir)
        throw Object.assign(new Error(`EXDEV: cross-device link not permitted, rename '${from}' -> '${to}'`), { code: 'EXDEV' });
      await rename(from, to);
    };
    await swapIn(staging, distDir, { rename: overlayRename, rm });
    expect(renamed).toEqual([distDir, staging]);
    expect(await readFile(path.join(distDir, 'cli/main.mjs'), 'utf8')).toBe('// new\n');
    expect((await readdir(root)).sort()).toEqual(['dist']);
  });
});

describe('bin/sift.mjs', () => {
  it('prints only the usage for --help (V8 took the heap policy without a word)', async () => {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin/sift.mjs'), '--help']);
    expect(stdout).toMatch(/^usage: sift <command>/);
    expect(stdout).not.toMatch(/flag/i);
    expect(stderr).toBe('');
  });
});

describe('the bundle of scripts/build.ts', () => {
  let outdir: string;
  let runner: string;
  let dataDir: string;
  let server: FeedServer;

  beforeAll(async () => {
    // Inside the repository, like dist/: the bundle's external packages resolve from its node_modules.
    const cache = path.join(ROOT, 'node_modules/.cache');
    await mkdir(cache, { recursive: true });
    outdir = path.join(await mkdtemp(path.join(cache, 'sift-build-test-')), 'cli');
    await bundle(SIFT_ENTRY_POINTS, outdir);
    // What bin/sift.mjs does with a fresh build. A file, not `node -e`: worker threads inherit node's flags.
    runner = path.join(path.dirname(outdir), 'run-main.mjs');
    await writeFile(runner, "const { main } = await import('./cli/main.mjs');\nprocess.exitCode = await main(process.argv.slice(2));\n");
    dataDir = await mkdtemp(path.join(tmpdir(), 'sift-built-'));
    server = await startFeedServer();
    server.serveFeed(
      '/feed.xml',
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Built</title><link>https://built.example/</link><description>d</description>
<item><title>One</title><link>https://built.example/one</link></item><item><title>Two</title><link>https://built.example/two</link></item></channel></rss>`,
    );
    await writeFile(
      path.join(dataDir, 'sources.yaml'),
      `weekly:\n  categories:\n    - { id: articles, title: Articles, slots: 12 }\nsources:\n  - { id: built, name: Built, url: "${server.url('/feed.xml')}", kind: blog, lang: en, category: articles }\n`,
    );
  });
  afterAll(async () => {
    await server.close();
    await rm(path.dirname(outdir), { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Runs the bundle's main() in plain node, with no tsx anywhere in the process. */
  const runBundle = (args: string[]) =>
    run(process.execPath, [runner, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        SIFT_DATA_DIR: path.join(dataDir, 'data'),
        SIFT_SOURCES: path.join(dataDir, 'sources.yaml'),
        LOG_LEVEL: 'silent',
      },
    });

  it('holds no TypeScript and never loads tsx', async () => {
    const files = await readdir(outdir);
    expect(files).toEqual(expect.arrayContaining(['main.mjs', 'process-feed-worker.mjs', 'assets']));
    for (const file of files.filter((name) => name.endsWith('.mjs'))) {
      const text = await readFile(path.join(outdir, file), 'utf8');
      expect(text, file).not.toMatch(/from ["']tsx|import\(["']tsx|\.ts["']\)/);
    }
  });

  it('answers --help', async () => {
    const { stdout } = await runBundle(['--help']);
    expect(stdout).toMatch(/^usage: sift <command>/);
  });

  it('migrates and collects with a parse thread: the migrations and the worker are in the bundle', async () => {
    const migrated = await runBundle(['migrate']);
    expect(migrated.stdout).toMatch(/applied \d+ migration\(s\).*: 0001_core, 0002_rank, /);
    const collected = await runBundle(['collect', '--parse-threads', '1']);
    expect(collected.stdout).toContain('collected 1 source(s)');
    expect(collected.stdout).toContain('1 ok, 0 not modified, 0 failed');
    expect(collected.stdout).toContain('items new: 2');
  });
});
