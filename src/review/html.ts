/**
 * The one way the review UI builds HTML. Every interpolation in an `html` template is escaped
 * unless it is already SafeHtml (another `html` result, or a string the code vouches for with
 * `trusted`). Feed text is untrusted: it only ever enters a page through an interpolation, never
 * by string concatenation, so a title like `<img src=x onerror=…>` prints as text.
 */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** A value an `html` template accepts: text (escaped), SafeHtml (kept), lists of either, or nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char]!);
}

/**
 * Tagged template that escapes every interpolation. `null`, `undefined` and `false` render as
 * nothing (so `${isOpen && html`…`}` works); arrays are joined without separators.
 *
 * @example html`<a href="${href}">${title}</a>` // title "<b>" → "&lt;b&gt;"
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let index = 0; index < values.length; index++) {
    out += renderValue(values[index]) + strings[index + 1]!;
  }
  return new SafeHtml(out);
}

/**
 * Marks a string as HTML the code itself produced (never feed text). Use for constants such as an
 * inline SVG; anything else belongs in an `html` template.
 */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function renderValue(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((entry) => renderValue(entry)).join('');
  return escapeHtml(String(value));
}
