import type { Db } from '../db/database.ts';
import type { IssueDocument, IssueFormat, IssueSection } from './issue-document.ts';
import { parseIssue } from './parse-issue.ts';
import { listIssueLinks } from '../store/issues/list-issue-links.ts';
import { loadIssue } from '../store/issues/load-issue.ts';

/** Front matter fields in the order the weekly writes them; jsonb does not keep the file's order. */
const FIELD_ORDER = ['title', 'pubDate', 'date', 'author'];

/**
 * An issue of the imported history as a document. The Markdown stored on import is read again, so
 * the issue prints back as it was published: image alt texts, titles made of adjacent links, text
 * after a title link, English markers as printed (none when the issue had none, whatever the
 * template says), sponsor sections and the editor's interludes. Only an issue stored without its
 * Markdown is put together from its `published` rows: sections in print order (the rows'
 * insertion order), items by position, without what the rows do not keep. Null when the history
 * does not have the issue.
 */
export async function loadStoredIssue(db: Db, number: number, format: IssueFormat): Promise<IssueDocument | null> {
  const issue = await loadIssue(db, number);
  if (!issue) return null;
  if (issue.markdown) return { ...parseIssue(issue.markdown, format, { number }), number };
  const rows = await listIssueLinks(db, number);

  const sections = new Map<string, IssueSection>();
  for (const row of rows) {
    let section = sections.get(row.section);
    if (!section) {
      section = { heading: row.section, items: [] };
      if (row.category !== null) section.category = row.category;
      sections.set(row.section, section);
    }
    section.items.push({
      position: row.position,
      title: row.title,
      url: row.url === '' ? null : row.url,
      summary: row.summary,
      ...(row.image_url ? { imageUrl: row.image_url } : {}),
      isEnglish: row.is_english,
    });
  }
  for (const section of sections.values()) section.items.sort((a, b) => a.position - b.position);

  const stored = issue.front_matter ?? {};
  const frontMatter: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) if (key in stored) frontMatter[key] = stored[key];
  for (const [key, value] of Object.entries(stored)) if (!(key in frontMatter)) frontMatter[key] = value;

  return {
    number: issue.number,
    title: issue.title,
    pubDate: issue.pub_date ?? '',
    author: typeof stored.author === 'string' ? stored.author : '',
    frontMatter,
    intro: issue.intro ?? '',
    sections: [...sections.values()],
    extraSections: [],
    outro: issue.outro ?? '',
  };
}
