import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, ROOT, SIFT_ENTRY_POINTS } from '../scripts/build.ts';
import { BUNDLED_PACKAGES, packageNameOf } from '../scripts/bundle-packages.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

const run = promisify(execFile);

describe('packages inside the bundle (scripts/bundle-packages.ts)', () => {
  let outdir: string;
  let imported: Set<string>;
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    const cache = path.join(ROOT, 'node_modules/.cache');
    await mkdir(cache, { recursive: true });
    outdir = path.join(await mkdtemp(path.join(cache, 'sift-bundle-packages-')), 'cli');
    await bundle(SIFT_ENTRY_POINTS, outdir);
    imported = new Set<string>();
    for (const file of (await readdir(outdir)).filter((name) => name.endsWith('.mjs'))) {
      const text = await readFile(path.join(outdir, file), 'utf8');
      for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^".][^"]*)";?$|import\("([^".][^"]*)"\)/gm)) {
        const specifier = match[1] ?? match[2] ?? '';
        if (!specifier.startsWith('node:')) imported.add(packageNameOf(specifier));
      }
    }
    database = await createTestDatabase('postgres', { migrate: false });
    dir = await mkdtemp(path.join(tmpdir(), 'sift-bundle-packages-'));
    await writeFile(
      path.join(dir, 'sources.yaml'),
      'weekly:\n  categories:\n    - { id: articles, title: Articles, slots: 12 }\nsources:\n  - { id: a, name: A, url: "https://a.test/feed", kind: blog, lang: en, category: articles }\n',
    );
    await writeFile(
      path.join(path.dirname(outdir), 'run-main.mjs'),
      "const { main } = await import('./cli/main.mjs');\nprocess.exitCode = await main(process.argv.slice(2));\n",
    );
  });
  afterAll(async () => {
    await rm(path.dirname(outdir), { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
    await database.drop();
  });

  it('loads none of the bundled packages from node_modules, and the others from there', () => {
    for (const name of BUNDLED_PACKAGES) expect(imported.has(name), name).toBe(false);
    // files of their own at run time: WebAssembly, transport threads, Lua scripts
    for (const name of ['@electric-sql/pglite', 'pino', 'bullmq', 'fastify']) expect(imported.has(name), name).toBe(true);
  });

  it('runs the bundled CommonJS packages (pg, yaml) and ES modules (kysely, zod) in plain node', async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: database.url,
      SIFT_SOURCES: path.join(dir, 'sources.yaml'),
      LOG_LEVEL: 'silent',
    };
    const runner = path.join(path.dirname(outdir), 'run-main.mjs');
    const checked = await run(process.execPath, [runner, 'sources', 'check'], { env });
    expect(checked.stdout).toContain('ok — 1 enabled source(s)');
    const migrated = await run(process.execPath, [runner, 'migrate'], { env });
    expect(migrated.stdout).toMatch(/applied \d+ migration\(s\)/);
    const status = await run(process.execPath, [runner, 'sources', 'status'], { env });
    expect(status.stdout).toContain('1 source(s)');
  });
});
