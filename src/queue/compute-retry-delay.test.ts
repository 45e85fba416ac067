import { describe, expect, it } from 'vitest';
import { computeRetryDelay, createBackoffStrategy, RETRY_BACKOFF_TYPE } from './compute-retry-delay.ts';

describe('computeRetryDelay', () => {
  it.each([
    { case: 'first retry, lowest jitter', attemptsMade: 1, random: 0, expected: 5_000 },
    { case: 'first retry, highest jitter', attemptsMade: 1, random: 0.999_999, expected: 10_000 },
    { case: 'second retry doubles', attemptsMade: 2, random: 0.5, expected: 15_000 },
    { case: 'third retry doubles again', attemptsMade: 3, random: 0, expected: 20_000 },
    { case: 'capped at maxMs, jitter included', attemptsMade: 20, random: 0.999_999, expected: 60_000 },
    { case: 'Retry-After longer than the backoff wins', attemptsMade: 1, random: 0, retryAfterMs: 120_000, expected: 120_000 },
    { case: 'Retry-After shorter than the backoff is ignored', attemptsMade: 2, random: 0, retryAfterMs: 1_000, expected: 10_000 },
  ])('$case', ({ attemptsMade, random, retryAfterMs, expected }) => {
    expect(computeRetryDelay(attemptsMade, { baseMs: 10_000, maxMs: 60_000, retryAfterMs, random: () => random })).toBe(expected);
  });

  it('spreads workers that failed together over half the window', () => {
    const delays = new Set(Array.from({ length: 200 }, () => computeRetryDelay(1, { baseMs: 10_000 })));
    expect(delays.size).toBeGreaterThan(100);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(5_000);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(10_000);
  });
});

describe('createBackoffStrategy', () => {
  const strategy = createBackoffStrategy({ baseMs: 1_000, random: () => 0 });

  it('reads the Retry-After the processor attached to its error', () => {
    const error = Object.assign(new Error('HTTP_STATUS: 429'), { retryAfterMs: 30_000 });
    expect(strategy(1, RETRY_BACKOFF_TYPE, error)).toBe(30_000);
    expect(strategy(2, RETRY_BACKOFF_TYPE, new Error('TIMEOUT'))).toBe(1_000);
  });
});
