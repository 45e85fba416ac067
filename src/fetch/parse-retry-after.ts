/** The longest wait we honour: a server asking for more is treated as asking for a day. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

const DAY_NAME = /^(mon|tue|wed|thu|fri|sat|sun)/i;
const HAS_ZONE = /(gmt|utc|[+-]\d{4})\s*$/i;

/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3) into milliseconds from `now`.
 *
 * Accepts delay-seconds (`120`) and all three HTTP-date forms (IMF-fixdate, RFC 850, asctime —
 * asctime has no zone and is read as GMT). A date in the past means "now" (0). Anything else —
 * negative or fractional numbers, free text — is `undefined`, because guessing a delay from a
 * malformed header is worse than falling back to our own backoff. The result is capped at
 * {@link MAX_RETRY_AFTER_MS} so one bad header cannot park a source for months.
 *
 * @example parseRetryAfter('120', now) // 120_000
 * @example parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', now) // ms until then
 */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // V8's Date.parse accepts almost anything ("1" is the year 2001), so only try strings shaped like an HTTP-date.
  if (!DAY_NAME.test(text)) return undefined;
  const at = Date.parse(HAS_ZONE.test(text) ? text : `${text} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(at - now.getTime(), 0), MAX_RETRY_AFTER_MS);
}
