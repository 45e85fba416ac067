/**
 * Name of a markup document's first element, skipping the prolog, comments, processing instructions
 * and DOCTYPE; undefined when the text has no element there (empty, comment-only, or not markup).
 * A cheap look at the start of the text: it lets parseFeed turn away HTML pages and non-feed XML
 * with a precise message, without a full parse.
 */
export function findRootElement(text: string): string | undefined {
  return text.match(ROOT_ELEMENT)?.[1];
}

// One character of whitespace per repetition (not \s+) so the pattern cannot backtrack badly.
const ROOT_ELEMENT = /^(?:\s|\uFEFF|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*<([A-Za-z_][\w:.-]*)/i;

/** True when only whitespace, a prolog, comments or processing instructions are present. */
export function hasOnlyProlog(text: string): boolean {
  return /^(?:\s|\uFEFF|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*$/.test(text);
}
