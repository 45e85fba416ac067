import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { loadEnv } from '../src/config/env.ts';
import { findFreePort } from './helpers/throwaway-redis.ts';

async function migrateWith(databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk) => (chunks.out += chunk));
  stderr.on('data', (chunk) => (chunks.err += chunk));
  const code = await main(['migrate'], { env: loadEnv({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }), stdout, stderr });
  return { code, stdout: chunks.out, stderr: chunks.err };
}

describe('a DATABASE_URL that cannot work is reported as such, not as a failed migration', () => {
  it.each([
    { case: 'a MySQL URL', url: 'mysql://root:secret@127.0.0.1:3306/sift', says: 'got a mysql:// URL' },
    { case: 'a file path', url: './data/sift.db', says: 'got something that is not a URL (a file path?)' },
  ])('$case: one line, exit 1', async ({ url, says }) => {
    const result = await migrateWith(url);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `sift migrate: DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database, ${says}; unset it to keep the data in the embedded database in SIFT_DATA_DIR\n`,
    });
    expect(result.stderr).not.toContain('secret');
  });

  it('a Postgres server that is not there: one line naming it, password hidden, exit 1', async () => {
    const port = await findFreePort();
    const result = await migrateWith(`postgres://sift:secret@127.0.0.1:${port}/sift`);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `sift migrate: cannot connect to PostgreSQL at postgres://sift:***@127.0.0.1:${port}/sift: connect ECONNREFUSED 127.0.0.1:${port}\n`,
    });
  });
});
