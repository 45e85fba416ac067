import { WHITESPACE_TO_COLLAPSE } from '../shared/whitespace-runs.ts';

/** Zero-width and soft-hyphen characters that email templates sprinkle into preheaders and titles. */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each invisible character is removed on its own, wherever it stands
const INVISIBLE = /[\u00AD\u034F\u200B-\u200D\u2060\uFEFF]/g;
/** A character cleanText keeps as it is: neither whitespace nor invisible. */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the same characters as INVISIBLE, each on its own
const VISIBLE = /[^\s\u00AD\u034F\u200B-\u200D\u2060\uFEFF]/;

/**
 * Plain text as a reader sees it: invisible characters dropped, every run of whitespace (including
 * `&nbsp;` and the ideographic space) collapsed to one space, ends trimmed. Entities are already
 * decoded by htmlparser2.
 */
export function cleanText(raw: string): string {
  return raw.replace(INVISIBLE, '').replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
}

/** Whether cleanText would leave anything of `raw` (without building its result). */
export function hasVisibleText(raw: string): boolean {
  return VISIBLE.test(raw);
}

/** Full-width stops end a sentence by themselves; ASCII ones only before a space ("Python 3.13" is no end). */
function isSentenceEnd(chars: string[], index: number): boolean {
  if (/[。！？]/u.test(chars[index])) return true;
  return /[.!?…]/u.test(chars[index]) && /\s/.test(chars[index + 1] ?? ' ');
}

/**
 * Cuts `text` to at most `max` characters (code points, so emoji never split), preferring the end of
 * a sentence, then a word boundary, in the second half of the budget; an ellipsis marks a cut that is
 * not at a sentence end.
 */
export function truncateText(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const window = chars.slice(0, max);
  const floor = Math.floor(max / 2);
  for (let index = window.length - 1; index >= floor; index -= 1) {
    if (isSentenceEnd(chars, index)) return window.slice(0, index + 1).join('');
  }
  const budget = window.slice(0, max - 1);
  for (let index = budget.length - 1; index >= floor; index -= 1) {
    if (/\s/.test(budget[index])) return `${budget.slice(0, index).join('').trimEnd()}…`;
  }
  return `${budget.join('')}…`;
}
