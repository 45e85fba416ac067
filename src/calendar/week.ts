import type { WeeklyConfig } from '../config/schema.ts';
import { AppError } from '../shared/errors.ts';
import { WEEKDAYS } from '../config/schema.ts';

/**
 * The issue week: the 7 local days ending with the closing weekday (`weekly.closes_on`, default
 * saturday) in `weekly.timezone` (default Asia/Shanghai). A week is named after the ISO week that
 * contains its closing day, so with the defaults `2026-W48` runs from Sunday 2026-11-22 00:00 to
 * Sunday 2026-11-29 00:00 Shanghai time.
 *
 * Calendar arithmetic happens on plain dates (no zone), and only the two boundaries are turned
 * into instants, through Intl: a week that spans a DST change is 7 local days long, not 168 hours.
 */
export interface WeekWindow {
  /** ISO-week style label, e.g. `2026-W48`. */
  label: string;
  /** First instant of the week (local midnight at the start of its first day). */
  start: Date;
  /** First instant after the week (exclusive): local midnight after the closing day. */
  end: Date;
}

/** The part of WeeklyConfig the week math needs; both fields fall back to the shipped defaults. */
export type WeekSettings = Partial<Pick<WeeklyConfig, 'timezone' | 'closes_on'>>;

export class WeekError extends AppError<'BAD_WEEK'> {}

const DEFAULT_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
const LABEL_PATTERN = /^(\d{4})-W(\d{2})$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date with no zone, kept as the UTC midnight of that date (only used for arithmetic). */
type CalendarDate = number;

/** The window of a week label such as `2026-W48`; throws WeekError for a malformed or non-existent week. */
export function weekWindow(label: string, weekly: WeekSettings = {}): WeekWindow {
  const { year, week } = parseWeekLabel(label);
  const closingDay = mondayOfIsoWeek(year, week) + closingOffset(weekly) * DAY_MS;
  const zone = weekly.timezone ?? DEFAULT_ZONE;
  return {
    label: formatWeekLabel(year, week),
    start: localMidnight(closingDay - 6 * DAY_MS, zone),
    end: localMidnight(closingDay + DAY_MS, zone),
  };
}

/** The week a local calendar date (`YYYY-MM-DD`, in the configured zone) belongs to. */
export function weekOfDate(date: string, weekly: WeekSettings = {}): WeekWindow {
  if (!isCalendarDate(date)) throw new WeekError('BAD_WEEK', `not a date: ${JSON.stringify(date)} (expected YYYY-MM-DD, e.g. 2026-11-25)`);
  return weekWindow(labelOfDay(calendarDay(date), weekly), weekly);
}

/** True when `date` is `YYYY-MM-DD` and that day exists (`2026-02-30` does not). */
export function isCalendarDate(date: string): boolean {
  return DATE_PATTERN.test(date) && new Date(calendarDay(date)).toISOString().slice(0, 10) === date;
}

function calendarDay(date: string): CalendarDate {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year!, month! - 1, day!);
}

/**
 * The week a published issue closes: the week of its date, except that an issue dated on the first
 * day of a week (a Sunday with the default saturday close) was late for the week that just ended
 * and closes that one. Throws WeekError for a date that is not `YYYY-MM-DD`.
 */
export function weekOfIssueDate(date: string, weekly: WeekSettings = {}): WeekWindow {
  const window = weekOfDate(date, weekly);
  return formatLocalDate(window.start, weekly) === date ? weekWindow(shiftWeek(window.label, -1), weekly) : window;
}

/** The first instant after local calendar date `date` (`YYYY-MM-DD`) in the configured zone. */
export function endOfLocalDate(date: string, weekly: WeekSettings = {}): Date {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new WeekError('BAD_WEEK', `not a date: ${JSON.stringify(date)} (expected YYYY-MM-DD, e.g. 2026-11-25)`);
  return localMidnight(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + DAY_MS, weekly.timezone ?? DEFAULT_ZONE);
}

/** The week an instant falls in, judged by the local date in the configured zone. */
export function weekOf(instant: Date, weekly: WeekSettings = {}): WeekWindow {
  const zone = weekly.timezone ?? DEFAULT_ZONE;
  const parts = readZonedParts(instant.getTime(), zone);
  return weekWindow(labelOfDay(Date.UTC(parts.year, parts.month - 1, parts.day), weekly), weekly);
}

/** The week in progress at `now` (the one whose issue is being prepared). */
export function currentWeek(now: Date, weekly: WeekSettings = {}): WeekWindow {
  return weekOf(now, weekly);
}

/** The label `count` weeks after (or before, when negative) `label`, across year boundaries. */
export function shiftWeek(label: string, count: number): string {
  const { year, week } = parseWeekLabel(label);
  const monday = mondayOfIsoWeek(year, week) + count * 7 * DAY_MS;
  const shifted = isoWeekOf(monday);
  return formatWeekLabel(shifted.year, shifted.week);
}

/** True when `label` names a week that exists (`2026-W53` does, `2027-W53` does not). */
export function isWeekLabel(label: string): boolean {
  try {
    parseWeekLabel(label);
    return true;
  } catch {
    return false; // the error says why; callers only want a yes or no
  }
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in the configured zone, for people. */
export function formatLocalDate(instant: Date, weekly: WeekSettings = {}): string {
  const parts = readZonedParts(instant.getTime(), weekly.timezone ?? DEFAULT_ZONE);
  return [parts.year, parts.month, parts.day].map((value, index) => String(value).padStart(index === 0 ? 4 : 2, '0')).join('-');
}

function parseWeekLabel(label: string): { year: number; week: number } {
  const match = LABEL_PATTERN.exec(label);
  if (!match) throw new WeekError('BAD_WEEK', `not a week: ${JSON.stringify(label)} (expected YYYY-Www, e.g. 2026-W48)`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  const weeks = weeksInIsoYear(year);
  if (week < 1 || week > weeks) {
    throw new WeekError('BAD_WEEK', `${label} does not exist: ISO year ${year} has weeks 01 to ${weeks}`);
  }
  return { year, week };
}

function formatWeekLabel(year: number, week: number): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Label of the week whose closing day is the first closing weekday on or after `day`. */
function labelOfDay(day: CalendarDate, weekly: WeekSettings): string {
  const weekday = isoWeekday(day); // 0 = Monday
  const daysToClose = (closingOffset(weekly) - weekday + 7) % 7;
  const closing = isoWeekOf(day + daysToClose * DAY_MS);
  return formatWeekLabel(closing.year, closing.week);
}

function closingOffset(weekly: WeekSettings): number {
  return WEEKDAYS.indexOf(weekly.closes_on ?? 'saturday');
}

function isoWeekday(day: CalendarDate): number {
  return (new Date(day).getUTCDay() + 6) % 7;
}

function isoWeekOf(day: CalendarDate): { year: number; week: number } {
  const thursday = day + (3 - isoWeekday(day)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return { year, week };
}

function mondayOfIsoWeek(year: number, week: number): CalendarDate {
  const january4 = Date.UTC(year, 0, 4); // always in ISO week 1
  return january4 - isoWeekday(january4) * DAY_MS + (week - 1) * 7 * DAY_MS;
}

function weeksInIsoYear(year: number): number {
  return isoWeekOf(Date.UTC(year, 11, 28)).week; // Dec 28 is always in the last ISO week
}

/** The instant of 00:00 on calendar date `day` in `zone`; DST-safe (re-checks the offset at the result). */
function localMidnight(day: CalendarDate, zone: string): Date {
  const firstGuess = day - zoneOffset(day, zone);
  const offsetThere = zoneOffset(firstGuess, zone);
  return new Date(day - offsetThere);
}

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function zoneOffset(instant: number, zone: string): number {
  const parts = readZonedParts(instant, zone);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function readZonedParts(instant: number, zone: string) {
  let formatter = formatters.get(zone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (error) {
      throw new WeekError('BAD_WEEK', `unknown time zone ${JSON.stringify(zone)} (weekly.timezone)`, { cause: error });
    }
    formatters.set(zone, formatter);
  }
  const values: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return { year: values.year, month: values.month, day: values.day, hour: values.hour, minute: values.minute, second: values.second };
}
