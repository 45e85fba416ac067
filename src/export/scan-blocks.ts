/** A run of lines of a Markdown body: a heading line, or the lines between blank lines. */
export interface MarkdownBlock {
  /** Index of the first line in the scanned lines. */
  start: number;
  /** Index just past the last line. */
  end: number;
  lines: string[];
  heading?: {
    level: number;
    text: string;
    /** False for `##标题` with no space after the hashes: only trusted when it names a category. */
    isStrict: boolean;
  };
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:([ \t]+)(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const LOOSE_HEADING = /^ {0,3}(#{1,6})([^#\s].*?)[ \t]*$/;

/**
 * Splits Markdown lines into blocks: every ATX heading is a block of its own, other blocks end at
 * a blank line. A fenced code block (``` or ~~~) stays inside one block whatever it contains —
 * blank lines, `# comments` that look like headings, `1、` lines — and an unclosed fence runs to
 * the end, as CommonMark reads it.
 */
export function scanBlocks(lines: readonly string[]): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let current: MarkdownBlock | null = null;
  let fence: { char: string; length: number } | null = null;
  const flush = () => {
    if (current) blocks.push(current);
    current = null;
  };

  lines.forEach((line, index) => {
    if (fence) {
      current!.lines.push(line);
      current!.end = index + 1;
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
      return;
    }
    if (/^\s*$/.test(line)) {
      flush();
      return;
    }
    const heading = readHeading(line);
    // A loose `##标题` is a heading only where a block starts; inside a paragraph it is text.
    if (heading && (heading.isStrict || !current)) {
      flush();
      blocks.push({ start: index, end: index + 1, lines: [line], heading });
      return;
    }
    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1]![0] === '`' && line.slice(open[0].length).includes('`'))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
    }
    if (!current) current = { start: index, end: index + 1, lines: [] };
    current.lines.push(line);
    current.end = index + 1;
  });
  flush();
  return blocks;
}

function readHeading(line: string): MarkdownBlock['heading'] | undefined {
  const strict = ATX_HEADING.exec(line);
  if (strict) return { level: strict[1]!.length, text: (strict[3] ?? '').trim(), isStrict: true };
  const loose = LOOSE_HEADING.exec(line);
  if (loose) return { level: loose[1]!.length, text: loose[2]!.trim(), isStrict: false };
  return undefined;
}

/** Lines [start, end) as text, without the blank lines around them. */
export function sliceLines(lines: string[], start: number, end: number): string {
  return lines
    .slice(start, end)
    .join('\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
}
