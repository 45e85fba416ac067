import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './parse-retry-after.ts';

const now = new Date('2026-11-23T08:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['delay in seconds', '120', 120_000],
    ['zero seconds', '0', 0],
    ['surrounding spaces', '  30 ', 30_000],
    ['IMF-fixdate', 'Mon, 23 Nov 2026 08:02:00 GMT', 120_000],
    ['RFC 850 date', 'Monday, 23-Nov-26 08:01:00 GMT', 60_000],
    ['asctime date (read as GMT)', 'Mon Nov 23 08:00:45 2026', 45_000],
    ['date in the past means now', 'Sun, 22 Nov 2026 08:00:00 GMT', 0],
    ['seconds beyond a day are capped', String(7 * 24 * 3600), MAX_RETRY_AFTER_MS],
    ['dates beyond a day are capped', 'Wed, 23 Dec 2026 08:00:00 GMT', MAX_RETRY_AFTER_MS],
  ])('%s: %j', (_name, value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it.each([
    ['absent', null],
    ['empty', ''],
    ['negative', '-5'],
    ['fractional', '1.5'],
    ['free text', 'soon'],
    ['digits with a space inside (V8 would read a year)', '1 2'],
    ['an unparseable date', 'Mon, 99 Foo 2026 99:99:99 GMT'],
  ])('%s → undefined', (_name, value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
