import { describe, expect, it } from 'vitest';
import { formatFailureSummary } from './format-failure-summary.ts';

const failure = (sourceId: string, code: string, status?: number) => ({ sourceId, code, status, message: `${code} of ${sourceId}` });

describe('formatFailureSummary', () => {
  it.each([
    { case: 'one failure', failures: [failure('a', 'TIMEOUT')], expected: '1 failed: 1 TIMEOUT (a)' },
    {
      case: 'largest group first, HTTP statuses apart, ids sorted',
      failures: [failure('c', 'HTTP_STATUS', 404), failure('b', 'TIMEOUT'), failure('a', 'TIMEOUT'), failure('d', 'HTTP_STATUS', 500)],
      expected: '4 failed: 2 TIMEOUT (a, b), 1 HTTP_STATUS 404 (c), 1 HTTP_STATUS 500 (d)',
    },
    {
      case: 'at most ten ids per group, the rest counted',
      failures: Array.from({ length: 12 }, (_unused, index) => failure(`s${String(index).padStart(2, '0')}`, 'NETWORK')),
      expected: '12 failed: 12 NETWORK (s00, s01, s02, s03, s04, s05, s06, s07, s08, s09, +2 more)',
    },
  ])('$case', ({ failures, expected }) => {
    expect(formatFailureSummary(failures)).toBe(`${expected}; details: \`sift sources status\``);
  });
});
