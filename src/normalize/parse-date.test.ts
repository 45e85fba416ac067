import { describe, expect, it } from 'vitest';
import { parseDate } from './parse-date.ts';

const NOW = new Date('2024-01-01T00:00:00Z');

/** One row per quirk seen in real feeds: raw value → ISO instant (UTC), or null. */
const CASES: Array<[quirk: string, raw: string | undefined, expected: string | null]> = [
  // RFC 822 / 2822
  ['RFC 822 with GMT', 'Mon, 06 Nov 2023 10:00:00 GMT', '2023-11-06T10:00:00.000Z'],
  ['numeric zone +0800', 'Mon, 06 Nov 2023 10:00:00 +0800', '2023-11-06T02:00:00.000Z'],
  ['numeric zone -0000', 'Mon, 06 Nov 2023 10:00:00 -0000', '2023-11-06T10:00:00.000Z'],
  ['named zone EST', 'Mon, 06 Nov 2023 10:00:00 EST', '2023-11-06T15:00:00.000Z'],
  ['named zone PDT', 'Mon, 06 Nov 2023 10:00:00 PDT', '2023-11-06T17:00:00.000Z'],
  ['named zone JST', 'Mon, 06 Nov 2023 10:00:00 JST', '2023-11-06T01:00:00.000Z'],
  ['GMT+8', 'Mon, 06 Nov 2023 10:00:00 GMT+8', '2023-11-06T02:00:00.000Z'],
  ['UTC+08:00 with a comment', 'Mon, 06 Nov 2023 10:00:00 UTC+08:00 (CST)', '2023-11-06T02:00:00.000Z'],
  ['half-hour zone +05:30', 'Mon, 06 Nov 2023 10:00:00 +05:30', '2023-11-06T04:30:00.000Z'],
  ['unknown zone name counts as UTC', 'Mon, 06 Nov 2023 10:00:00 XYZ', '2023-11-06T10:00:00.000Z'],
  ['missing seconds', 'Mon, 06 Nov 2023 10:00 GMT', '2023-11-06T10:00:00.000Z'],
  ['missing zone', 'Mon, 06 Nov 2023 10:00:00', '2023-11-06T10:00:00.000Z'],
  ['missing time', '06 Nov 2023', '2023-11-06T00:00:00.000Z'],
  ['wrong day name is ignored', 'Fri, 06 Nov 2023 10:00:00 GMT', '2023-11-06T10:00:00.000Z'],
  ['missing day name', '06 Nov 2023 10:00:00 GMT', '2023-11-06T10:00:00.000Z'],
  ['full day name, no comma', 'Monday 06 Nov 2023 10:00:00 GMT', '2023-11-06T10:00:00.000Z'],
  ['single-digit day', 'Mon, 6 Nov 2023 10:00:00 GMT', '2023-11-06T10:00:00.000Z'],
  ['full month name', 'Mon, 6 November 2023 09:05:07 GMT', '2023-11-06T09:05:07.000Z'],
  ['dashes between fields', 'Monday, 06-Nov-2023 10:00:00 GMT', '2023-11-06T10:00:00.000Z'],
  ['2-digit year 23 → 2023', 'Mon, 06 Nov 23 10:00:00 GMT', '2023-11-06T10:00:00.000Z'],
  ['2-digit year 99 → 1999', 'Sat, 06 Nov 99 10:00:00 GMT', '1999-11-06T10:00:00.000Z'],
  ['leap second is clamped', 'Sat, 31 Dec 2016 23:59:60 GMT', '2016-12-31T23:59:59.000Z'],
  ['localized day and month names', 'Seg, 24 Set 2018 19:18:49 -0300', '2018-09-24T22:18:49.000Z'],
  // ISO 8601
  ['ISO with Z', '2023-11-06T10:00:00Z', '2023-11-06T10:00:00.000Z'],
  ['ISO with offset', '2023-11-06T10:00:00+08:00', '2023-11-06T02:00:00.000Z'],
  ['ISO with offset without colon', '2023-11-06T10:00:00+0530', '2023-11-06T04:30:00.000Z'],
  ['ISO with fractional seconds', '2023-11-06T10:00:00.123456+08:00', '2023-11-06T02:00:00.123Z'],
  ['ISO without zone is UTC', '2023-11-06T10:00:00', '2023-11-06T10:00:00.000Z'],
  ['ISO with a space instead of T', '2023-11-06 10:00:00', '2023-11-06T10:00:00.000Z'],
  ['ISO without seconds', '2023-11-06T10:00+01:00', '2023-11-06T09:00:00.000Z'],
  ['ISO date only', '2023-11-06', '2023-11-06T00:00:00.000Z'],
  ['slashes', '2023/11/06 10:00', '2023-11-06T10:00:00.000Z'],
  ['basic ISO', '20231106T100000Z', '2023-11-06T10:00:00.000Z'],
  ['basic ISO date only', '20231106', '2023-11-06T00:00:00.000Z'],
  // others
  ['month first with AM/PM', 'Nov 6, 2023 10:00 PM', '2023-11-06T22:00:00.000Z'],
  ['12 AM is midnight', 'November 6th, 2023 12:30 AM', '2023-11-06T00:30:00.000Z'],
  ['JavaScript Date.toString', 'Mon Nov 06 2023 10:00:00 GMT+0800 (China Standard Time)', '2023-11-06T02:00:00.000Z'],
  ['Chinese 年月日', '2023年11月6日 10:00', '2023-11-06T10:00:00.000Z'],
  ['Unix seconds', '1699264800', '2023-11-06T10:00:00.000Z'],
  ['Unix milliseconds', '1699264800000', '2023-11-06T10:00:00.000Z'],
  ['surrounding whitespace', '  \n2023-11-06T10:00:00Z\t', '2023-11-06T10:00:00.000Z'],
  // clamped
  ['future date is clamped to now', '2099-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z'],
  ['a wrong zone pushing past now is clamped', 'Mon, 01 Jan 2024 05:00:00 GMT', '2024-01-01T00:00:00.000Z'],
  // garbage
  ['undefined', undefined, null],
  ['empty', '', null],
  ['words', 'yesterday', null],
  ['Unix epoch placeholder', 'Thu, 01 Jan 1970 00:00:00 GMT', null],
  ['Go zero time placeholder', '0001-01-01T00:00:00Z', null],
  ['31 February', '2023-02-31', null],
  ['hour 25', '2023-11-06T25:00:00Z', null],
  ['unknown month', 'Mon, 06 Foo 2023 10:00:00 GMT', null],
  ['zone out of range', 'Mon, 06 Nov 2023 10:00:00 +2500', null],
  ['trailing garbage', '2023-11-06 and then some words', null],
  ['short number is not a timestamp', '12345', null],
];

describe('parseDate', () => {
  it.each(CASES)('%s', (_quirk, raw, expected) => {
    expect(parseDate(raw, NOW)?.toISOString() ?? null).toBe(expected);
  });
});
