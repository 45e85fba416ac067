import { describe, expect, it } from 'vitest';
import { currentWeek, isCalendarDate, isWeekLabel, shiftWeek, weekOf, weekOfDate, weekWindow } from './week.ts';

const shanghai = { timezone: 'Asia/Shanghai', closes_on: 'saturday' } as const;

describe('weekWindow', () => {
  it.each([
    // label, settings, start, end (exclusive)
    ['2026-W48', shanghai, '2026-11-21T16:00:00.000Z', '2026-11-28T16:00:00.000Z'],
    ['2026-W48', {}, '2026-11-21T16:00:00.000Z', '2026-11-28T16:00:00.000Z'],
    ['2026-W48', { timezone: 'UTC', closes_on: 'sunday' }, '2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    ['2026-W48', { timezone: 'UTC', closes_on: 'monday' }, '2026-11-17T00:00:00.000Z', '2026-11-24T00:00:00.000Z'],
    // 2026 has 53 ISO weeks; W53's Saturday is 2027-01-02
    ['2026-W53', shanghai, '2026-12-26T16:00:00.000Z', '2027-01-02T16:00:00.000Z'],
    ['2027-W01', shanghai, '2027-01-02T16:00:00.000Z', '2027-01-09T16:00:00.000Z'],
  ] as const)('%s with %j runs from %s to %s', (label, settings, start, end) => {
    const window = weekWindow(label, settings);
    expect(window.label).toBe(label);
    expect(window.start.toISOString()).toBe(start);
    expect(window.end.toISOString()).toBe(end);
  });

  it('is 7 local days, not 168 hours, across the spring DST change in Berlin', () => {
    // 2026-03-29 is the last Sunday of March: clocks go from 02:00 CET to 03:00 CEST.
    const window = weekWindow('2026-W13', { timezone: 'Europe/Berlin', closes_on: 'sunday' });
    expect(window.start.toISOString()).toBe('2026-03-22T23:00:00.000Z'); // Mon 00:00 CET
    expect(window.end.toISOString()).toBe('2026-03-29T22:00:00.000Z'); // Mon 00:00 CEST
    expect(window.end.getTime() - window.start.getTime()).toBe(167 * 3_600_000);
  });

  it('is 169 hours across the autumn DST change in Berlin', () => {
    // 2026-10-25 is the last Sunday of October: clocks go from 03:00 CEST back to 02:00 CET.
    const window = weekWindow('2026-W43', { timezone: 'Europe/Berlin', closes_on: 'sunday' });
    expect(window.start.toISOString()).toBe('2026-10-18T22:00:00.000Z'); // Mon 00:00 CEST
    expect(window.end.toISOString()).toBe('2026-10-25T23:00:00.000Z'); // Mon 00:00 CET
    expect(window.end.getTime() - window.start.getTime()).toBe(169 * 3_600_000);
  });

  it.each(['2027-W53', '2026-W00', '2026-48', 'W48', '2026-W5'])('rejects %s with a message naming the expected form', (label) => {
    expect(() => weekWindow(label)).toThrow(/week|W/);
    expect(isWeekLabel(label)).toBe(false);
  });
});

describe('weekOf', () => {
  it('puts 23:59 and 00:01 Shanghai time around the closing midnight in different weeks', () => {
    // Saturday 2026-11-28 23:59 and Sunday 2026-11-29 00:01 in Shanghai (UTC+8)
    expect(weekOf(new Date('2026-11-28T15:59:00Z'), shanghai).label).toBe('2026-W48');
    expect(weekOf(new Date('2026-11-28T16:01:00Z'), shanghai).label).toBe('2026-W49');
  });

  it('judges by the local date, not the UTC date', () => {
    // Sunday 00:30 in Shanghai is still Saturday in UTC
    expect(weekOf(new Date('2026-11-28T16:30:00Z'), shanghai).label).toBe('2026-W49');
    expect(weekOf(new Date('2026-11-28T16:30:00Z'), { timezone: 'UTC' }).label).toBe('2026-W48');
  });

  it('crosses the year boundary into the week that contains the closing day', () => {
    expect(weekOf(new Date('2026-12-31T12:00:00Z'), shanghai).label).toBe('2026-W53');
    expect(weekOf(new Date('2027-01-02T15:59:59Z'), shanghai).label).toBe('2026-W53');
    expect(weekOf(new Date('2027-01-02T16:00:00Z'), shanghai).label).toBe('2027-W01');
    // 2025 has 52 weeks: the Saturday 2026-01-03 closes 2026-W01
    expect(weekOf(new Date('2025-12-30T12:00:00Z'), shanghai).label).toBe('2026-W01');
  });

  it('contains the instant it was asked about', () => {
    for (const iso of ['2026-03-29T01:30:00Z', '2026-10-25T00:59:00Z', '2026-10-25T01:01:00Z', '2026-06-01T00:00:00Z']) {
      const instant = new Date(iso);
      const window = weekOf(instant, { timezone: 'Europe/Berlin', closes_on: 'saturday' });
      expect(window.start.getTime()).toBeLessThanOrEqual(instant.getTime());
      expect(window.end.getTime()).toBeGreaterThan(instant.getTime());
    }
  });

  it('currentWeek is the week of now', () => {
    expect(currentWeek(new Date('2026-11-25T04:00:00Z'), shanghai).label).toBe('2026-W48');
  });
});

describe('weekOfDate', () => {
  it.each([
    ['2026-11-22', '2026-W48'], // Sunday opens the week
    ['2026-11-25', '2026-W48'],
    ['2026-11-28', '2026-W48'], // Saturday closes it
    ['2026-11-29', '2026-W49'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2027-W01'],
  ])('%s is in %s', (date, label) => {
    expect(weekOfDate(date, shanghai).label).toBe(label);
  });

  it.each(['2026-02-30', '2026/11/25', 'yesterday'])('rejects %s', (date) => {
    expect(() => weekOfDate(date, shanghai)).toThrow(/YYYY-MM-DD/);
  });
});

describe('isCalendarDate', () => {
  it('takes days that exist and nothing else', () => {
    expect(['2026-02-28', '2028-02-29', '2026-12-31'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(['2026-02-30', '2027-02-29', '2026-13-01', '2026-04-31', '2026-1-5', '2026-11-25T00:00'].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('shiftWeek', () => {
  it.each([
    ['2026-W48', 1, '2026-W49'],
    ['2026-W52', 1, '2026-W53'],
    ['2026-W53', 1, '2027-W01'],
    ['2027-W01', -1, '2026-W53'],
    ['2026-W01', -1, '2025-W52'],
    ['2026-W10', -52, '2025-W10'],
    ['2026-W48', 0, '2026-W48'],
  ] as const)('%s %+d is %s', (label, count, expected) => {
    expect(shiftWeek(label, count)).toBe(expected);
  });
});
