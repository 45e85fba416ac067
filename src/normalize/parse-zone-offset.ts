/**
 * Zone abbreviations seen in feeds, in hours from UTC. The US ones are RFC 822's own; ambiguous
 * names follow RFC 822 (`CST` is US Central, not China) or the most common use in English feeds
 * (`IST` India, `BST` British Summer Time).
 */
const NAMED_ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
  AKST: -9,
  AKDT: -8,
  HST: -10,
  BST: 1,
  IST: 5.5,
  CET: 1,
  CEST: 2,
  MET: 1,
  MEST: 2,
  WEST: 1,
  EET: 2,
  EEST: 3,
  MSK: 3,
  HKT: 8,
  SGT: 8,
  AWST: 8,
  JST: 9,
  KST: 9,
  ACST: 9.5,
  AEST: 10,
  AEDT: 11,
  NZST: 12,
  NZDT: 13,
};

/**
 * Minutes east of UTC for a date's zone as written: '' (no zone: UTC), `Z`, a name from the table,
 * `+0800`, `+08:00`, `+8`, `-5:30`, with or without a `GMT`/`UTC` prefix (`GMT+8`). An unknown
 * alphabetic abbreviation counts as UTC (RFC 2822 treats unknown zones as `-0000`); anything else
 * is null, so the caller rejects the date rather than guessing.
 */
export function parseZoneOffset(zone: string): number | null {
  const text = zone.trim().toUpperCase();
  if (text === '') return 0;
  if (text in NAMED_ZONES) return NAMED_ZONES[text] * 60;
  const numeric = /^(?:GMT|UTC|UT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (numeric) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? 0);
    if (hours > 14 || minutes > 59) return null;
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return /^[A-Z]{1,5}$/.test(text) ? 0 : null;
}
