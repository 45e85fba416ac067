import type { Db } from '../../db/database.ts';
import { matchAnyUrl } from '../match-url.ts';

/** What link_redirects remembers of one click-through URL. */
export interface RememberedRedirect {
  target: string | null;
  attempts: number;
  nextTryAt: Date | null;
}

/** Rows per lookup statement (a hostile feed can carry any number of links). */
const CHUNK_SIZE = 1_000;

/** What link_redirects remembers of these URLs, by URL (looked up by `md5(url)`, its unique index). */
export async function loadLinkRedirects(db: Db, urls: readonly string[]): Promise<Map<string, RememberedRedirect>> {
  const remembered = new Map<string, RememberedRedirect>();
  for (let start = 0; start < urls.length; start += CHUNK_SIZE) {
    const chunk = urls.slice(start, start + CHUNK_SIZE);
    const rows = await db
      .selectFrom('link_redirects')
      .select(['url', 'target_url', 'attempts', 'next_try_at'])
      .where(matchAnyUrl('url', chunk))
      .execute();
    for (const row of rows) remembered.set(row.url, { target: row.target_url, attempts: row.attempts, nextTryAt: row.next_try_at });
  }
  return remembered;
}
