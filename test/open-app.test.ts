import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openApp } from '../src/cli/open-app.ts';
import * as loadSourcesModule from '../src/config/load-sources.ts';
import { loadEnv } from '../src/config/env.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { ConfigError } from '../src/shared/errors.ts';
import { hashSourcesText, hashSyncCode, listSyncCodeFiles, readSyncedSources, syncSources } from '../src/store/sources/sync-sources.ts';
import { createTestDatabase, describeEachEngine, type TestDatabase } from './helpers/db.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

vi.mock('../src/config/load-sources.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/config/load-sources.ts')>();
  return { ...original, parseSources: vi.fn(original.parseSources) };
});

const yaml = (ids: string[]) => `weekly:
  categories:
    - { id: articles, title: 文章&教程, slots: 12 }
sources:
${ids.map((id) => `  - { id: ${id}, name: ${id.toUpperCase()}, url: "https://${id}.test/feed", kind: blog, lang: en, category: articles }`).join('\n')}
`;

describeEachEngine('syncSources records what it synced from', ({ getDb }) => {
  it('stores the content hash and configuration it is given, and clears them when given none', async () => {
    const db = getDb();
    const config = loadSourcesModule.parseSources(yaml(['a']), 'sources.yaml');
    const contentHash = hashSourcesText(yaml(['a']));
    expect(await readSyncedSources(db, { withConfig: true })).toBeUndefined();
    await syncSources(db, config.sources, { from: { contentHash, config } });
    expect(await readSyncedSources(db, { withConfig: false })).toEqual({ contentHash });
    expect(await readSyncedSources(db, { withConfig: true })).toEqual({ contentHash, config });
    await syncSources(db, config.sources);
    expect(await readSyncedSources(db, { withConfig: true })).toBeUndefined();
  });
});

describe('hashSourcesText', () => {
  it('changes with the text, and with the code that turns it into rows', async () => {
    expect(hashSourcesText(yaml(['a']))).not.toBe(hashSourcesText(yaml(['a', 'b'])));
    const copy = await mkdtemp(path.join(tmpdir(), 'sift-sync-code-'));
    try {
      for (const file of listSyncCodeFiles(ROOT)) {
        await mkdir(path.dirname(path.join(copy, file)), { recursive: true });
        await cp(path.join(ROOT, file), path.join(copy, file));
      }
      expect(hashSyncCode(copy)).toBe(hashSyncCode(ROOT));
      expect(listSyncCodeFiles(ROOT)).toEqual(
        expect.arrayContaining(['src/config/schema.ts', 'src/config/load-sources.ts', 'src/store/sources/sync-sources.ts']),
      );
      const schema = path.join(copy, 'src/config/schema.ts');
      await writeFile(schema, `${await readFile(schema, 'utf8')}\n// a changed default\n`);
      expect(hashSyncCode(copy)).not.toBe(hashSyncCode(ROOT));
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});

describe('openApp on Postgres', () => {
  let database: TestDatabase;
  let dir: string;
  const parse = vi.mocked(loadSourcesModule.parseSources);

  beforeAll(async () => {
    database = await createTestDatabase('postgres', { migrate: false });
    dir = await mkdtemp(path.join(tmpdir(), 'sift-open-app-'));
  });
  afterAll(async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => parse.mockClear());

  const context = () => {
    const env = loadEnv({ DATABASE_URL: database.url, SIFT_SOURCES: path.join(dir, 'sources.yaml'), LOG_LEVEL: 'silent' });
    return {
      env,
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      clock: fixedClock('2026-11-25T12:00:00Z'),
    };
  };
  const open = () => openApp(context());
  const openStore = () => openApp(context(), { config: false });
  const names = async () =>
    (await database.db.selectFrom('sources').select(['id', 'name', 'enabled']).orderBy('id').execute()).map(
      (row) => `${row.id}:${row.name}:${row.enabled}`,
    );

  it('syncs sources.yaml once, then skips the sync and the parse until the file changes', async () => {
    await writeFile(path.join(dir, 'sources.yaml'), yaml(['a', 'b']));
    parse.mockClear();
    const first = await open();
    await first.close();
    expect(await names()).toEqual(['a:A:true', 'b:B:true']);
    expect(parse).toHaveBeenCalledTimes(1);

    // a row that no longer matches the file shows whether the sync ran
    await database.db.updateTable('sources').set({ name: 'changed behind sift' }).where('id', '=', 'a').execute();
    parse.mockClear();
    const unchanged = await openStore();
    await unchanged.close();
    expect(parse).not.toHaveBeenCalled();
    expect('config' in unchanged).toBe(false);
    expect(await names()).toEqual(['a:changed behind sift:true', 'b:B:true']);

    // the configuration as the sync stored it, the same as parsing the file again
    const withConfig = await open();
    await withConfig.close();
    expect(parse).not.toHaveBeenCalled();
    const file = path.join(dir, 'sources.yaml');
    expect(withConfig.config).toEqual(loadSourcesModule.parseSources(yaml(['a', 'b']), file));
    expect(withConfig.config.file).toBe(file);
    expect(await names()).toEqual(['a:changed behind sift:true', 'b:B:true']);

    await writeFile(path.join(dir, 'sources.yaml'), yaml(['a', 'c']));
    parse.mockClear();
    const edited = await openStore();
    await edited.close();
    expect(parse).toHaveBeenCalledTimes(1);
    expect(await names()).toEqual(['a:A:true', 'b:B:false', 'c:C:true']);
  });

  it('reports a sources.yaml broken after the last sync, as before, and leaves the table as it was', async () => {
    await writeFile(path.join(dir, 'sources.yaml'), `${yaml(['a'])}  - { id: b, url: "ftp://b.test/feed" }\n`);
    await expect(openStore()).rejects.toThrow(ConfigError);
    await expect(open()).rejects.toThrow(/sources\.yaml:\d+/);
    expect(await names()).toEqual(['a:A:true', 'b:B:false', 'c:C:true']);
  });

  it('still reports a sources.yaml it cannot read', async () => {
    await rm(path.join(dir, 'sources.yaml'));
    await expect(openStore()).rejects.toThrow(/cannot read the sources file/);
  });
});
