/** A run of consecutive items of the `sources:` list, as the text of a YAML sequence of its own. */
export interface SourceListChunk {
  /** The items' lines, with the comments and blank lines between them, indented as in the file. */
  text: string;
  /** Index (0-based) in the file of the chunk's first line: chunk line N is file line lineOffset + N. */
  lineOffset: number;
  /** Items that start in the chunk: a parse that finds another count split an item, not the list. */
  itemCount: number;
}

export interface SourceListSplit {
  /**
   * The file with `sources: []` on the `sources:` line and the list's lines blank: everything
   * else (weekly, defaults, classify) on its own line number.
   */
  head: string;
  /** Index (0-based) of the `sources:` line. */
  keyLine: number;
  chunks: SourceListChunk[];
}

const KEY_LINE = /^sources:(\s+#[^\n]*|\s*)$/;
const ANY_SOURCES_KEY = /^["']?sources["']?\s*:/;
/** Several documents, directives, tab indentation: shapes the line scan does not follow. */
const UNFOLLOWED = /^(---|\.\.\.)(\s|$)|^%|^\t/;
/** `#[^\n]*`, not `#.*`: a comment line of a CRLF file ends in `\r`, which `.` does not match. */
const BLANK_OR_COMMENT = /^\s*(#[^\n]*)?$/;
const FIRST_ITEM = /^( *)-(\s|$)/;

/**
 * Cuts a sources.yaml into its head and chunks of `itemsPerChunk` sources by looking at lines
 * only, so a file with thousands of sources can be parsed a chunk at a time: a YAML document
 * costs ~10 KB of memory per source while it is parsed, so one of 10,000 sources peaks at 100 MB.
 *
 * Follows the plain shape only: one top-level `sources:` line (a comment may follow) and below it
 * a block sequence whose items start with `-` at one indentation; the list ends at the first
 * line, other than a blank or a comment, that is less indented or at that indentation without
 * `-`. Returns undefined for anything else. The cut is a guess the caller must check: parse each
 * piece, and fall back to the whole file unless every piece parses cleanly, the head has an empty
 * `sources` on keyLine, and each chunk is a sequence of itemCount items.
 */
export function splitSourceList(text: string, itemsPerChunk: number): SourceListSplit | undefined {
  const lines = text.split('\n');
  let keyLine = -1;
  for (const [index, line] of lines.entries()) {
    if (UNFOLLOWED.test(line)) return undefined;
    if (!ANY_SOURCES_KEY.test(line)) continue;
    if (keyLine !== -1 || !KEY_LINE.test(line)) return undefined;
    keyLine = index;
  }
  if (keyLine === -1) return undefined;

  let first = keyLine + 1;
  while (first < lines.length && BLANK_OR_COMMENT.test(lines[first] as string)) first++;
  const indent = FIRST_ITEM.exec(lines[first] ?? '')?.[1]?.length;
  if (indent === undefined) return undefined;
  const itemStart = new RegExp(`^ {${indent}}-(\\s|$)`);

  const starts: number[] = [];
  let end = first;
  for (; end < lines.length; end++) {
    const line = lines[end] as string;
    if (itemStart.test(line)) starts.push(end);
    else if (!BLANK_OR_COMMENT.test(line) && leadingSpaces(line) <= indent) break;
  }

  const chunks: SourceListChunk[] = [];
  for (let index = 0; index < starts.length; index += itemsPerChunk) {
    const from = starts[index] as number;
    const to = starts[index + itemsPerChunk] ?? end;
    // a list that runs to the end of the file already ends with the file's last newline (or has none)
    const text = lines.slice(from, to).join('\n') + (to < lines.length ? '\n' : '');
    chunks.push({ text, lineOffset: from, itemCount: Math.min(itemsPerChunk, starts.length - index) });
  }
  const head = lines.map((line, index) => (index === keyLine ? 'sources: []' : index >= first && index < end ? '' : line)).join('\n');
  return { head, keyLine, chunks };
}

function leadingSpaces(line: string): number {
  let count = 0;
  while (line.charCodeAt(count) === 32) count++;
  return count;
}
