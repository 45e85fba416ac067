import type { WeekWindow } from './week.ts';

/**
 * `YYYY-MM-DD` of a week's last local day in `timeZone`: the day the issue closes, the `pubDate`
 * an export gets unless the editor gives one.
 */
export function formatClosingDay(week: Pick<WeekWindow, 'end'>, timeZone: string): string {
  const lastInstant = new Date(week.end.getTime() - 1);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(lastInstant);
}
