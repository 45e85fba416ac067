/**
 * Readers for xml2js nodes (what rss-parser hands back for custom fields and raw elements). xml2js
 * gives a string for a plain element, `{ _: text, $: attributes }` for one with attributes, `''` for
 * an empty one, and arrays wherever an element may repeat, so every reader accepts all of these.
 */

/** An element's text, or undefined when it has none. Arrays read their first element. */
export function readText(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return node === '' ? undefined : node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return readText(node[0]);
  if (typeof node === 'object') {
    // Mixed content (`Example <a>test</a>` in an unescaped title): xml2js keeps the text under `_` and
    // the child elements under their names, losing their order; text first, then children, is the
    // best reading left.
    const record = node as Record<string, unknown>;
    const childTexts = Object.entries(record)
      .filter(([key]) => key !== '$' && key !== '_')
      .map(([, child]) =>
        readList(child)
          .map((element) => readText(element) ?? '')
          .join(' '),
      );
    const joined = [typeof record._ === 'string' ? record._ : '', ...childTexts].filter((part) => part !== '').join(' ');
    return joined === '' ? undefined : joined;
  }
  return undefined;
}

/** An attribute of an element (first element of an array), or undefined. */
export function readAttribute(node: unknown, name: string): string | undefined {
  const element = Array.isArray(node) ? node[0] : node;
  if (element === null || typeof element !== 'object') return undefined;
  const attributes = (element as { $?: Record<string, unknown> }).$;
  const value = attributes?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The elements of a repeated child as an array, whatever shape xml2js gave it. */
export function readList(node: unknown): unknown[] {
  if (node === undefined || node === null || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

/** A child element of an object node, or undefined. */
export function readChild(node: unknown, name: string): unknown {
  const element = Array.isArray(node) ? node[0] : node;
  if (element === null || typeof element !== 'object') return undefined;
  return (element as Record<string, unknown>)[name];
}

/** Trimmed text, or undefined if blank. */
export function readTrimmed(node: unknown): string | undefined {
  const text = readText(node)?.trim();
  return text === '' ? undefined : text;
}
