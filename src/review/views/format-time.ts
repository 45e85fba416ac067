const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * `11-24 09:30` in the weekly's time zone: curators think in the newsletter's local days, and the
 * year is the board's week anyway. Formatters are cached per zone (building one costs more than
 * rendering a card).
 */
export function formatShortTime(date: Date | null, timeZone: string): string {
  if (!date) return '';
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** `11-22` – the local calendar day of an instant. */
export function formatShortDay(date: Date, timeZone: string): string {
  return formatShortTime(date, timeZone).slice(0, 5);
}
