/**
 * `value` resolved against `base` when that yields a URL; otherwise `value` as written (trimmed), so a
 * relative reference with nothing to resolve against is kept for a later stage rather than lost.
 * Not normalize's resolveUrl: that one is the last step, resolves against the whole chain of bases
 * this keeps, and gives only http(s) links; this one only records what the feed declared.
 */
export function resolveReference(value: string | undefined, base: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || trimmed === '') return base;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return trimmed; // relative with no usable base: returned as written, by design
  }
}
