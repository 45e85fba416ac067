/** C0 controls but tab, newline and carriage return, and DEL: never text, and U+0000 is refused by Postgres (22021). */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * `value` with every string in it (nested in arrays and plain objects too) stripped of control
 * characters other than \t, \n and \r. A page's bytes are the stranger's choice: one NUL in a
 * title made Postgres and PGlite refuse the whole stored page.
 */
export function stripControlCharacters<T>(value: T): T {
  if (typeof value === 'string') return value.replace(CONTROL_CHARACTERS, '') as T;
  if (Array.isArray(value)) return value.map((entry: unknown) => stripControlCharacters(entry)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, stripControlCharacters(entry)])) as T;
  }
  return value; // numbers, booleans, null, Dates
}
