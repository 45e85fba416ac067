import type { Db } from '../db/database.ts';
import type { IssueDocument, IssueSection } from './issue-document.ts';

/** Front matter fields in the order the weekly writes them; jsonb does not keep the file's order. */
const FIELD_ORDER = ['title', 'pubDate', 'date', 'author'];

/**
 * An issue of the imported history as a document, from its `issues` row and `published` rows:
 * sections in print order (the rows' insertion order), items by position. Renders to the issue's
 * items as they were imported. Null when the history does not have the issue.
 *
 * What the rows do not keep is not restored: sections without items between item sections, the
 * editor's interludes after a section, image alt texts and text after a title link.
 */
export async function loadStoredIssue(db: Db, number: number): Promise<IssueDocument | null> {
  const issue = await db.selectFrom('issues').selectAll().where('number', '=', number).executeTakeFirst();
  if (!issue) return null;
  const rows = await db.selectFrom('published').selectAll().where('issue_number', '=', number).orderBy('id').execute();

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
