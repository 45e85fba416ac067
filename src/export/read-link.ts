import { unescapeInline } from './escape-markdown.ts';

export interface MarkdownLink {
  /** The link text as written (still Markdown). */
  text: string;
  /** The destination with `<…>` removed and backslash escapes resolved. */
  destination: string;
  /** Index just past the closing `)`. */
  end: number;
}

/**
 * Reads an inline link `[text](destination "title")` starting at `start` (which must be `[`).
 * Follows CommonMark where the weekly needs it: brackets nest in the text, code spans and
 * backslash escapes are skipped, the destination is `<…>` or bare with balanced parentheses, an
 * optional title is dropped. Null when there is no complete link at `start`.
 */
export function readLink(line: string, start = 0): MarkdownLink | null {
  if (line[start] !== '[') return null;
  const textEnd = findClosingBracket(line, start);
  if (textEnd < 0 || line[textEnd + 1] !== '(') return null;
  let index = textEnd + 2;
  while (line[index] === ' ' || line[index] === '\t') index++;

  let rawDestination: string;
  if (line[index] === '<') {
    const close = findUnescaped(line, '>', index + 1);
    if (close < 0 || line.slice(index + 1, close).includes('<')) return null;
    rawDestination = line.slice(index + 1, close);
    index = close + 1;
  } else {
    const destinationStart = index;
    let depth = 0;
    for (; index < line.length; index++) {
      const char = line[index]!;
      if (char === '\\' && index + 1 < line.length) {
        index++;
      } else if (char === '(') {
        depth++;
      } else if (char === ')') {
        if (depth === 0) break;
        depth--;
      } else if (char === ' ' || char === '\t') {
        break;
      }
    }
    rawDestination = line.slice(destinationStart, index);
  }

  while (line[index] === ' ' || line[index] === '\t') index++;
  const quote = line[index];
  if (quote === '"' || quote === "'" || quote === '(') {
    const close = findUnescaped(line, quote === '(' ? ')' : quote, index + 1);
    if (close < 0) return null;
    index = close + 1;
    while (line[index] === ' ' || line[index] === '\t') index++;
  }
  if (line[index] !== ')') return null;
  return { text: line.slice(start + 1, textEnd), destination: unescapeInline(rawDestination), end: index + 1 };
}

/** Index of the `]` closing the `[` at `start`, skipping escapes, code spans and nested brackets; -1 if none. */
function findClosingBracket(line: string, start: number): number {
  let depth = 0;
  for (let index = start; index < line.length; index++) {
    const char = line[index]!;
    if (char === '\\') {
      index++;
    } else if (char === '`') {
      const run = /^`+/.exec(line.slice(index))![0];
      const close = line.indexOf(run, index + run.length);
      if (close >= 0) index = close + run.length - 1;
      else index += run.length - 1;
    } else if (char === '[') {
      depth++;
    } else if (char === ']' && --depth === 0) {
      return index;
    }
  }
  return -1;
}

function findUnescaped(line: string, target: string, from: number): number {
  for (let index = from; index < line.length; index++) {
    if (line[index] === '\\') index++;
    else if (line[index] === target) return index;
  }
  return -1;
}
