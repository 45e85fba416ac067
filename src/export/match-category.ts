import type { CategoryConfig } from '../config/schema.ts';
import { readLink } from './read-link.ts';

/** Emoji, their joiners, variation selectors and skin-tone/keycap parts. */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: every part of an emoji sequence is removed on its own (global replace)
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u{1F3FB}-\u{1F3FF}\u200d\ufe0e\ufe0f\u20e3]/gu;

/**
 * The category a section heading names, by its configured title: "## 🦄文章&教程",
 * "## 🦄 文章 & 教程", "### 文章＆教程" and a linked "## [🦄文章&教程](…)" all name the category
 * titled "文章&教程". Emoji, spaces, emphasis and full-width forms are ignored; a heading that
 * merely contains a title ("本周文章&教程") matches when no heading-equal title does. Undefined
 * when no category claims the heading.
 */
export function matchCategory(heading: string, categories: readonly CategoryConfig[]): string | undefined {
  const key = headingKey(heading);
  if (key === '') return undefined;
  const exact = categories.find((category) => headingKey(category.title) === key || category.id === key);
  if (exact) return exact.id;
  const partial = categories.find((category) => {
    const titleKey = headingKey(category.title);
    return titleKey.length >= 2 && key.includes(titleKey);
  });
  return partial?.id;
}

/** The comparable form of a heading: link text only, no emoji/spaces/emphasis, half-width, lowercase. */
export function headingKey(heading: string): string {
  const trimmed = heading.trim();
  const link = trimmed.startsWith('[') ? readLink(trimmed) : null;
  const text = link && link.end === trimmed.length ? link.text : trimmed;
  return text
    .normalize('NFKC')
    .replace(EMOJI, '')
    .replace(/[\s*_`~]/g, '')
    .toLowerCase();
}
