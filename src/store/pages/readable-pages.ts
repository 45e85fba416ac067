import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ReadableStatus } from '../../db/tables.ts';
import type { GithubFacts } from '../../read/read-github-repository.ts';
import { matchAnyUrl, matchUrl } from '../match-url.ts';

export type { ReadableStatus } from '../../db/tables.ts';

/** Everything stored of one page: what the reading pane shows. */
export interface StoredReadablePage {
  canonicalUrl: string;
  status: ReadableStatus;
  errorCode: string | null;
  error: string | null;
  finalUrl: string | null;
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  text: string | null;
  /** Sanitized when stored (src/read/sanitize-article-html.ts). */
  html: string | null;
  leadImageUrl: string | null;
  siteName: string | null;
  lang: string | null;
  github: GithubFacts | null;
  attempts: number;
  nextTryAt: Date | null;
  fetchedAt: Date;
}

/** What drafting reads of a page (a stable shape: other stages depend on it). */
export interface ReadablePage {
  status: ReadableStatus;
  title: string | null;
  /** The article's plain text, paragraphs separated by blank lines ('' when the fetch failed). */
  text: string;
  /** The first paragraph worth reading: a GitHub README's first paragraph or description, else the article's first real paragraph. */
  leadParagraph: string | null;
  /** True when the page's text is English (the weekly's `(英)` marker); null when nothing was read. */
  isEnglish: boolean | null;
  lang: string | null;
  excerpt: string | null;
  leadImageUrl: string | null;
  siteName: string | null;
  github: GithubFacts | null;
  fetchedAt: Date;
}

/**
 * The readable page stored for `canonicalUrl` (see src/read/read-page.ts), or null when it was
 * never fetched. A failed or oversized page comes back too, with `status` saying so and empty text.
 */
export async function loadReadablePage(db: Db, canonicalUrl: string): Promise<ReadablePage | null> {
  const stored = await loadStoredReadablePage(db, canonicalUrl);
  if (stored === null) return null;
  const text = stored.status === 'ok' ? (stored.text ?? '') : '';
  return {
    status: stored.status,
    title: stored.title,
    text,
    leadParagraph: stored.status === 'ok' ? findLeadParagraph(text, stored.github) : null,
    isEnglish: stored.status === 'ok' && stored.lang !== null ? stored.lang === 'en' : null,
    lang: stored.lang,
    excerpt: stored.excerpt,
    leadImageUrl: stored.leadImageUrl,
    siteName: stored.siteName,
    github: stored.github,
    fetchedAt: stored.fetchedAt,
  };
}

/** Every column of the stored page, or null. Looked up through the unique index on `md5(canonical_url)`, its only one. */
export async function loadStoredReadablePage(db: Db, canonicalUrl: string): Promise<StoredReadablePage | null> {
  const row = await db.selectFrom('readable_pages').selectAll().where(matchUrl('canonical_url', canonicalUrl)).executeTakeFirst();
  if (row === undefined) return null;
  return {
    canonicalUrl: row.canonical_url,
    status: row.status,
    errorCode: row.error_code,
    error: row.error,
    finalUrl: row.final_url,
    title: row.title,
    byline: row.byline,
    excerpt: row.excerpt,
    text: row.text,
    html: row.html,
    leadImageUrl: row.lead_image_url,
    siteName: row.site_name,
    lang: row.lang,
    github: (typeof row.github === 'string' ? JSON.parse(row.github) : row.github) as GithubFacts | null,
    attempts: row.attempts,
    nextTryAt: row.next_try_at === null ? null : new Date(row.next_try_at),
    fetchedAt: new Date(row.fetched_at),
  };
}

/** Of `canonicalUrls`, those with a stored page that need no fetch now (ok, or failed and not due again yet). */
export async function listSettledPages(db: Db, canonicalUrls: readonly string[], now: Date): Promise<Set<string>> {
  if (canonicalUrls.length === 0) return new Set();
  const rows = await db
    .selectFrom('readable_pages')
    .select('canonical_url')
    .where(matchAnyUrl('canonical_url', canonicalUrls))
    .where((eb) => eb.or([eb('status', '=', 'ok'), eb('next_try_at', '>', now)]))
    .execute();
  return new Set(rows.map((row) => row.canonical_url));
}

export type ReadablePageWrite = Omit<StoredReadablePage, 'attempts' | 'nextTryAt'>;

/**
 * Stores one read, replacing the previous one. A page that is not ok counts one more consecutive
 * failure and is not fetched again before `now + retryDelay(attempts)`; an ok page resets both.
 * Unique by `md5(canonical_url)` (migrations/0009), so a URL of any length can be stored.
 */
export async function saveReadablePage(
  db: Db,
  page: ReadablePageWrite,
  retryDelayMs: (attempts: number) => number,
): Promise<StoredReadablePage> {
  const previous = await db
    .selectFrom('readable_pages')
    .select('attempts')
    .where(matchUrl('canonical_url', page.canonicalUrl))
    .executeTakeFirst();
  const attempts = page.status === 'ok' ? 0 : (previous?.attempts ?? 0) + 1;
  const nextTryAt = page.status === 'ok' ? null : new Date(page.fetchedAt.getTime() + retryDelayMs(attempts));
  const values = {
    status: page.status,
    error_code: page.errorCode,
    error: page.error,
    final_url: page.finalUrl,
    title: page.title,
    byline: page.byline,
    excerpt: page.excerpt,
    text: page.text,
    html: page.html,
    lead_image_url: page.leadImageUrl,
    site_name: page.siteName,
    lang: page.lang,
    github: page.github === null ? null : JSON.stringify(page.github),
    attempts,
    next_try_at: nextTryAt,
    fetched_at: page.fetchedAt,
  };
  await db
    .insertInto('readable_pages')
    .values({ canonical_url: page.canonicalUrl, ...values })
    .onConflict((conflict) =>
      conflict
        .expression(sql`md5(canonical_url)`)
        .doUpdateSet(values)
        // an md5 collision of two different URLs never overwrites the other's page
        .where((eb) => eb('readable_pages.canonical_url', '=', eb.ref('excluded.canonical_url'))),
    )
    .execute();
  return { ...page, attempts, nextTryAt };
}

/** A README's first paragraph or the repository's description; else the first paragraph of the text long enough to say something. */
function findLeadParagraph(text: string, github: GithubFacts | null): string | null {
  const fromGithub = github?.readme[0] ?? github?.description;
  if (fromGithub) return fromGithub;
  const paragraphs = text.split(/\n{2,}/).map((paragraph) => paragraph.trim());
  return paragraphs.find((paragraph) => paragraph.length >= 80) ?? paragraphs.find((paragraph) => paragraph !== '') ?? null;
}
