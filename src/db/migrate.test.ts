import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index.ts';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

describe('migrations/index.ts', () => {
  it('lists every numbered migration file of migrations/, in order, each with up()', () => {
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((file) => /^\d+_.+\.ts$/.test(file))
      .sort()
      .map((file) => file.replace(/\.ts$/, ''));
    expect(Object.keys(MIGRATIONS)).toEqual(files);
    for (const [name, migration] of Object.entries(MIGRATIONS)) expect(typeof migration.up, name).toBe('function');
  });
});
