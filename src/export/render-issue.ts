import { escapeInline, formatLinkDestination } from './escape-markdown.ts';
import { fillTemplate } from './fill-template.ts';
import { formatFrontMatter } from './front-matter.ts';
import { guardSummary } from './guard-summary.ts';
import type { IssueDocument, IssueFormat, IssueItem, IssueTemplate } from './issue-document.ts';

/**
 * Writes an issue in the weekly's own Markdown: front matter (`title` from the template,
 * `pubDate`, `author`, then any other field the issue carries), the intro, then every section
 * that has items — in the issue's order, which `buildIssueFromShortlist` makes the configured
 * one — as `## heading` and items `N、[title](url)` numbered from 1, a blank line, the summary, an
 * optional `![](image)`; extra sections where they stood; the outro last.
 *
 * Titles and URLs are escaped so a link never breaks whatever the feed sent (see escapeInline and
 * formatLinkDestination); summaries are Markdown, guarded so they cannot start a new item or
 * section. `parseIssue(renderIssue(issue))` gives back the same items.
 */
export function renderIssue(issue: IssueDocument, format: Pick<IssueFormat, 'template'>): string {
  const { template } = format;
  const blocks: string[] = [formatFrontMatter(frontMatterOf(issue, template))];
  const push = (markdown: string | undefined) => {
    if (markdown && markdown.trim() !== '') blocks.push(markdown.trim());
  };
  const pushExtras = (after: number) => {
    for (const extra of issue.extraSections.filter((section) => section.after === after)) {
      blocks.push(`## ${extra.heading}`);
      push(extra.body);
    }
  };

  push(issue.intro);
  pushExtras(0);
  issue.sections.forEach((section, index) => {
    if (section.items.length > 0) {
      blocks.push(`## ${section.heading}`);
      push(section.preface);
      section.items.forEach((item, itemIndex) => {
        blocks.push(...renderItem(item, itemIndex + 1, template));
      });
      push(section.trailer);
    }
    pushExtras(index + 1);
  });
  for (const extra of issue.extraSections.filter((section) => section.after > issue.sections.length)) {
    blocks.push(`## ${extra.heading}`);
    push(extra.body);
  }
  push(issue.outro);
  return `${blocks.join('\n\n')}\n`;
}

function renderItem(item: IssueItem, number: number, template: IssueTemplate): string[] {
  const title = escapeInline(item.title);
  const link = item.url === null ? title : `[${title}](${formatLinkDestination(item.url)})`;
  const marker = item.isEnglish ? template.english_marker : '';
  const extra = item.extra ? item.extra.replace(/\s+/g, ' ').trimEnd() : '';
  const blocks = [`${number}、${link}${marker}${extra}`];
  const summary = guardSummary(item.summary);
  if (summary) blocks.push(summary);
  if (item.imageUrl) blocks.push(`![${escapeInline(item.imageAlt ?? '')}](${formatLinkDestination(item.imageUrl)})`);
  return blocks;
}

/** The issue's front matter with title/date/author rewritten from the issue (a missing date or author is left out). */
function frontMatterOf(issue: IssueDocument, template: IssueTemplate): Record<string, unknown> {
  const values = { issue: issue.number, title: issue.title, date: issue.pubDate, author: issue.author };
  const dateKey = 'date' in issue.frontMatter && !('pubDate' in issue.frontMatter) ? 'date' : 'pubDate';
  const fields: Record<string, unknown> = {
    title: fillTemplate(issue.title.trim() === '' ? withoutTitlePlaceholder(template.title) : template.title, values),
    [dateKey]: issue.pubDate || undefined,
    author: issue.author || undefined,
  };
  for (const [key, value] of Object.entries(issue.frontMatter)) {
    if (!(key in fields)) fields[key] = value;
  }
  // Keep the file's own field order when it had one.
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(issue.frontMatter)) ordered[key] = fields[key];
  for (const key of Object.keys(fields)) if (!(key in ordered)) ordered[key] = fields[key];
  return ordered;
}

/**
 * The title template for an issue without its own title: `{title}` goes together with the
 * separator before it, so `Python 潮流周刊#{issue}：{title}` gives `Python 潮流周刊#34`, not a
 * title ending in a dangling `：`.
 */
function withoutTitlePlaceholder(template: string): string {
  return template.replace(/[\s:：,，、|·\-–—]*\{title\}/, '');
}
