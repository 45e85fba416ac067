import { unescapeInline } from './escape-markdown.ts';
import { readLink } from './read-link.ts';

/** How an item's number is punctuated: `1、` (the weekly's own), `1，`, or a Markdown list `1. `. */
export type NumberingStyle = '、' | '，' | '.';

export interface ItemLine {
  number: number;
  style: NumberingStyle;
  title: string;
  url: string | null;
  isEnglish: boolean;
  /** What followed the link on the line, marker removed; '' when nothing. */
  extra: string;
}

/** `1、` / `1，` / `1,` may be followed directly by the title; `1.` / `1．` needs a space (else "3.12 发布" would count). */
const NUMBERED = /^ {0,3}(\d{1,3})(?:([、，,])[ \t]*|([.．])[ \t]+)(.*)$/;

/** English markers seen across the weekly's history; the template's own marker is added to these. */
export const KNOWN_ENGLISH_MARKERS = [
  '（英文）',
  '(英文)',
  '（英）',
  '(英)',
  '【英文】',
  '【英】',
  '[英]',
  '[英文]',
  '(EN)',
  '（EN）',
  '(English)',
  '（English）',
];

/**
 * Reads an item's title line: `N、[title](url)`, `N、 [title](url)`, `N. [title](url)`, `N，[title](url)`,
 * a bold `N、**[title](url)**`, an English marker after the link or at the end of its text, or an
 * unlinked `N、title` (the item's links then sit in its summary). Null when the line does not start
 * with a number in one of those styles.
 */
export function readItemLine(line: string, markers: readonly string[] = KNOWN_ENGLISH_MARKERS): ItemLine | null {
  const match = NUMBERED.exec(line);
  if (!match) return null;
  const style: NumberingStyle = match[2] ? (match[2] === '、' ? '、' : '，') : '.';
  const number = Number(match[1]);
  let rest = match[4]!.trimEnd();

  const isBold = rest.startsWith('**[');
  const link = readLink(rest, isBold ? 2 : 0);
  let title: string;
  let url: string | null = null;
  let extra = '';
  if (link) {
    title = unescapeInline(link.text).trim();
    url = link.destination.trim();
    extra = rest.slice(link.end);
    if (isBold && extra.startsWith('**')) extra = extra.slice(2);
  } else {
    rest = rest.trim();
    title = unescapeInline(isBold || !rest.startsWith('**') || !rest.endsWith('**') ? rest : rest.slice(2, -2)).trim();
  }

  let isEnglish = false;
  const sorted = [...markers]
    .map((marker) => marker.trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  const leading = extra.trimStart();
  const afterLink = sorted.find((marker) => leading.startsWith(marker));
  if (afterLink) {
    isEnglish = true;
    extra = leading.slice(afterLink.length);
  }
  const inTitle = sorted.find((marker) => title.endsWith(marker));
  if (inTitle) {
    isEnglish = true;
    title = title.slice(0, -inTitle.length).trimEnd();
  }
  // A title is one line of plain text: whitespace runs read as one space, so store them as one.
  title = title.replace(/\s+/g, ' ');
  return { number, style, title, url, isEnglish, extra: extra.trimEnd() };
}
