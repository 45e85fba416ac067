import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { loadEnv } from '../src/config/env.ts';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => (text += chunk));
  return { stream, text: () => text };
}

describe('sift serve', () => {
  it('refuses a non-loopback HOST without SIFT_REVIEW_TOKEN, exits 1 and says why, before touching the database', async () => {
    const stderr = capture();
    const stdout = capture();
    const code = await main(['serve'], {
      env: loadEnv({ HOST: '0.0.0.0', SIFT_DATA_DIR: '/nonexistent/never-created', SIFT_SOURCES: '/nonexistent/sources.yaml' }),
      stderr: stderr.stream,
      stdout: stdout.stream,
    });
    expect(code).toBe(1);
    expect(stderr.text()).toContain('HOST=0.0.0.0');
    expect(stderr.text()).toContain('SIFT_REVIEW_TOKEN');
  });

  it('refuses --host 0.0.0.0 the same way', async () => {
    const stderr = capture();
    const code = await main(['serve', '--host', '0.0.0.0'], {
      env: loadEnv({ SIFT_SOURCES: '/nonexistent/sources.yaml' }),
      stderr: stderr.stream,
    });
    expect(code).toBe(1);
    expect(stderr.text()).toContain('without a login');
  });

  it('rejects a port that is not a number', async () => {
    const stderr = capture();
    const code = await main(['serve', '--port', 'http'], {
      env: loadEnv({ SIFT_SOURCES: '/nonexistent/sources.yaml' }),
      stderr: stderr.stream,
    });
    expect(code).toBe(1);
    expect(stderr.text()).toContain('--port');
  });
});
