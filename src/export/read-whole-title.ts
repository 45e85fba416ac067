import { unescapeInline } from './escape-markdown.ts';
import type { IssueItem } from './issue-document.ts';
import { readLink } from './read-link.ts';

/**
 * An item's title as a reader sees it: the title link's text plus the text of the links written
 * right after it. The weekly sometimes links a title in two parts, `[pybites：](u)[定期重构的重要性](u)`,
 * which parses as the title `pybites：` with the second link left in `extra` (so it prints back as
 * written); this gives `pybites：定期重构的重要性`.
 */
export function readWholeTitle(item: Pick<IssueItem, 'title' | 'url' | 'extra'>): string {
  let title = item.title;
  let rest = item.url === null ? '' : (item.extra ?? '');
  for (let link = readLink(rest); link; link = readLink(rest)) {
    title += unescapeInline(link.text).trim();
    rest = rest.slice(link.end);
  }
  return title.replace(/\s+/g, ' ').trim();
}
