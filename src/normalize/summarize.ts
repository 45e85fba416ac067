const ELLIPSIS = '…';

/**
 * Longest title stored: a real one is a line; a feed that puts a whole page in `<title>` must not
 * make every card, log line and page that shows it megabytes long.
 */
export const MAX_TITLE_LENGTH = 300;

/** Where a sentence ends: `.!?` before a space (Latin), or a full-width stop anywhere (no spaces in Chinese). */
const SENTENCE_END = /[.!?](?=\s)|[。！？]["'”’」』）)]?/g;
/** Full-width clause breaks, used when no sentence ends late enough: Chinese text may run long between stops. */
const CLAUSE_END = /[，；：、]/g;
const CJK = /[\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF\uAC00-\uD7AF]/;

/**
 * Shortens plain text to at most `max` characters for a summary. Prefers ending after a full
 * sentence (`. ! ?` and Chinese `。！？`), then after a clause, then between words; text with no
 * spaces (Chinese, Japanese) is cut between characters rather than mid-word, because every
 * character boundary is a word boundary there. A cut text ends with `…` (counted in `max`);
 * cuts that would keep less than half of `max` fall through to the next kind of boundary.
 */
export function summarize(text: string, max = 500): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const room = max - ELLIPSIS.length;
  const window = trimmed.slice(0, room + 1);
  const minimum = Math.floor(max / 2);

  const cut =
    findLastBoundary(window, SENTENCE_END, minimum, room) ??
    findLastBoundary(window, CLAUSE_END, minimum, room) ??
    findLastWordBoundary(window, minimum, room) ??
    room;
  return `${avoidSplitSurrogate(trimmed, cut).trimEnd()}${ELLIPSIS}`;
}

/** End index (exclusive) of the last match of `pattern` that keeps between `minimum` and `room` characters. */
function findLastBoundary(window: string, pattern: RegExp, minimum: number, room: number): number | null {
  let best: number | null = null;
  for (const match of window.matchAll(pattern)) {
    const end = (match.index ?? 0) + match[0].length;
    if (end >= minimum && end <= room) best = end;
  }
  return best;
}

/** The last space, or the last gap next to a CJK character, that keeps at least `minimum` characters. */
function findLastWordBoundary(window: string, minimum: number, room: number): number | null {
  for (let index = room; index >= minimum; index -= 1) {
    if (/\s/.test(window[index] ?? '')) return index;
    if (CJK.test(window[index - 1] ?? '') || CJK.test(window[index] ?? '')) return index;
  }
  return null;
}

function avoidSplitSurrogate(text: string, cut: number): string {
  const code = text.charCodeAt(cut - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? cut - 1 : cut);
}
