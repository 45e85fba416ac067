/** Longest link or error text a log line quotes: enough to recognize it, never a feed's 5 MB. */
export const MAX_LOGGED_LENGTH = 200;

/**
 * A link or an error message cut for a log line (feed text is untrusted and may be huge): at most
 * `max` characters, the cut marked with an ellipsis. Errors give their message.
 */
export function shortenForLog(value: unknown, max = MAX_LOGGED_LENGTH): string {
  const text = value instanceof Error ? value.message : String(value);
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
