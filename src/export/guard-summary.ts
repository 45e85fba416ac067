/** Lines parseIssue would take for a new item when they start a block (`3、…`, `3，…`, `3,…`). */
const ITEM_LIKE = /^( {0,3})(\d)(\d{0,2}[ \t]*[、，,])/;
const HEADING_LIKE = /^( {0,3})(#{1,6})(?=[^#]|$)/;
const SETEXT_UNDERLINE = /^( {0,3})([=-]+[ \t]*)$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * Makes an item's summary (Markdown) safe to print under its title. Outside code blocks: a block
 * starting like a new item (`2、…`) gets its first digit as a character reference, a heading line
 * (`# …`) or a line that would turn the one above into a heading (`---`, `===`) gets a backslash —
 * all still read the same — and runs of blank lines become one. An unclosed code fence is closed,
 * else it would swallow the rest of the issue. Code inside fences is never touched.
 */
export function guardSummary(summary: string): string {
  let fence: { char: string; length: number } | null = null;
  const out: string[] = [];
  for (const line of summary.replace(/\r\n?/g, '\n').split('\n')) {
    if (fence) {
      out.push(line);
      const close = FENCE_CLOSE.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
      continue;
    }
    const previous = out.at(-1);
    const isBlockStart = previous === undefined || previous.trim() === '';
    if (line.trim() === '') {
      if (!isBlockStart) out.push('');
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1]![0] === '`' && line.slice(open[0].length).includes('`'))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      out.push(line);
      continue;
    }
    let guarded = line
      .replace(HEADING_LIKE, (_, indent: string, hashes: string) => `${indent}\\${hashes}`)
      .replace(SETEXT_UNDERLINE, (_, indent: string, underline: string) => `${indent}\\${underline}`);
    if (isBlockStart)
      guarded = guarded.replace(ITEM_LIKE, (_, indent: string, digit: string, rest: string) => `${indent}&#${digit.charCodeAt(0)};${rest}`);
    out.push(guarded);
  }
  const openFence = fence as { char: string; length: number } | null;
  if (openFence) out.push(openFence.char.repeat(openFence.length));
  return out.join('\n').trimEnd();
}
