import { parseZoneOffset } from './parse-zone-offset.ts';

/**
 * Earlier dates are placeholders, not publication dates: the Unix epoch (`Thu, 01 Jan 1970`) and
 * Go's zero time (`0001-01-01T00:00:00Z`, common in Hugo feeds) mean "unknown".
 */
const EARLIEST = Date.UTC(1990, 0, 1);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Abbreviations that localized feeds (Portuguese, Spanish, French, German) write instead of the English ones. */
const LOCAL_MONTHS: Record<string, number> = {
  ene: 1,
  fev: 2,
  fév: 2,
  avr: 4,
  abr: 4,
  mai: 5,
  mag: 5,
  jui: 6,
  giu: 6,
  lug: 7,
  ago: 8,
  aoû: 8,
  set: 9,
  okt: 10,
  out: 10,
  ott: 10,
  dez: 12,
  dic: 12,
  déc: 12,
  mär: 3,
  mrz: 3,
};
/** English day names with or without a comma, or any word followed by a comma (`Seg,` in Portuguese). */
const DAY_NAME = /^((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|[\p{L}]{2,12}\.?,)\s*/iu;
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([ap]\.?m\.?)?`;

/** `2023-11-05`, `2023-11-05T10:00:00.123+08:00`, `2023-11-05 10:00`, `2023/11/05 10:00 UTC`. */
const ISO = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)${TIME})?\s*(.*)$`, 'i');
/** `20231105`, `20231105T100000Z` (basic ISO 8601). */
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
/** RFC 822 after the day name: `5 Nov 2023 10:00:00 +0800`, `05-Nov-23 10:00 EST`, no time at all. */
const RFC822 = new RegExp(String.raw`^(\d{1,2})[\s-]+(\p{L}{3,9})\.?,?[\s-]+(\d{4}|\d{2})(?:,?(?:\s+|T)${TIME})?\s*(.*)$`, 'iu');
/** Month first: `Nov 5, 2023 10:00 AM`, JavaScript's `Nov 06 2023 10:00:00 GMT+0800 (…)`. */
const MONTH_FIRST = new RegExp(
  String.raw`^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?${TIME})?\s*(.*)$`,
  'i',
);
/** Chinese sites: `2023年11月5日 10:00`. */
const CHINESE = new RegExp(String.raw`^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:${TIME})?\s*(.*)$`, 'i');

interface DateFields {
  year: number;
  month: number;
  day: number;
  time: Array<string | undefined>;
  zone: string;
}

/**
 * Reads a feed's date as written. Accepts RFC 822 in its real-world forms (odd or named zones,
 * `GMT+8`, missing seconds, wrong or missing day names, 2-digit years: 00–49 → 20xx), ISO 8601
 * (with or without `T`, zone or fractional seconds), a few common others (month first, Chinese
 * `年月日`) and Unix timestamps of 10 (seconds) or 13 (milliseconds) digits. Dates without a zone
 * are taken as UTC. A date after `now` (a wrong zone, a scheduled post) is clamped to `now`, so
 * nothing sorts above what was really published. Returns null for anything else, including
 * placeholder dates before 1990.
 */
export function parseDate(raw: string | undefined, now: Date): Date | null {
  const text = raw?.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  const millis = parseTimestamp(text) ?? parseFields(text);
  if (millis === null || !Number.isFinite(millis) || millis < EARLIEST) return null;
  return new Date(Math.min(millis, now.getTime()));
}

function parseTimestamp(text: string): number | null {
  if (/^\d{10}$/.test(text)) return Number(text) * 1000;
  if (/^\d{13}$/.test(text)) return Number(text);
  return null;
}

function parseFields(text: string): number | null {
  const fields = matchFields(text.replace(/\s*\([^)]*\)$/, ''));
  return fields ? toMillis(fields) : null;
}

function matchFields(text: string): DateFields | null {
  let match = ISO.exec(text);
  if (match) return { year: +match[1], month: +match[3], day: +match[4], time: match.slice(5, 10), zone: match[10] };
  match = ISO_BASIC.exec(text);
  if (match) {
    return { year: +match[1], month: +match[2], day: +match[3], time: [match[4], match[5], match[6]], zone: match[7] ?? '' };
  }
  match = CHINESE.exec(text);
  if (match) return { year: +match[1], month: +match[2], day: +match[3], time: match.slice(4, 9), zone: match[9] };

  const withoutDay = text.replace(DAY_NAME, '');
  match = RFC822.exec(withoutDay);
  if (match) {
    const month = parseMonth(match[2]);
    const year = match[3].length === 2 ? expandTwoDigitYear(+match[3]) : +match[3];
    return month ? { year, month, day: +match[1], time: match.slice(4, 9), zone: match[9] } : null;
  }
  match = MONTH_FIRST.exec(withoutDay);
  if (match) {
    const month = parseMonth(match[1]);
    return month ? { year: +match[3], month, day: +match[2], time: match.slice(4, 9), zone: match[9] } : null;
  }
  return null;
}

function parseMonth(name: string): number | null {
  const prefix = name.slice(0, 3).toLowerCase();
  const index = MONTHS.indexOf(prefix);
  return index === -1 ? (LOCAL_MONTHS[prefix] ?? null) : index + 1;
}

/** RFC 2822 §4.3: 00–49 are 2000–2049, 50–99 are 1950–1999. */
function expandTwoDigitYear(year: number): number {
  return year < 50 ? 2000 + year : 1900 + year;
}

function toMillis(fields: DateFields): number | null {
  const [hourText, minuteText, secondText, fractionText, meridiem] = fields.time;
  let hour = hourText === undefined ? 0 : +hourText;
  const minute = minuteText === undefined ? 0 : +minuteText;
  // A leap second (…:60) is the last second of its minute.
  const second = secondText === undefined ? 0 : Math.min(+secondText, 59);
  const millisecond = fractionText === undefined ? 0 : +fractionText.padEnd(3, '0').slice(0, 3);
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    const isPm = meridiem.toLowerCase().startsWith('p');
    hour = (hour % 12) + (isPm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || fields.month < 1 || fields.month > 12) return null;

  const offsetMinutes = parseZoneOffset(fields.zone ?? '');
  if (offsetMinutes === null) return null;
  const local = Date.UTC(fields.year, fields.month - 1, fields.day, hour, minute, second, millisecond);
  // Date.UTC rolls 31 Feb over into March; a day that does not exist is garbage.
  if (new Date(local).getUTCDate() !== fields.day) return null;
  return local - offsetMinutes * 60_000;
}
