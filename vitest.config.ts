import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Review servers started by tests (and their child processes) read no pages ahead: seeded links
    // point at made-up hosts. test/read-ahead.test.ts turns it on against a local server.
    env: { SIFT_READ_AHEAD: '0' },
  },
});
