import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/tables.ts';
import type { NormalizedItem } from '../../normalize/types.ts';
import { matchAnyUrl } from '../match-url.ts';

/** Rows per INSERT statement: far below Postgres's 65,535 bind parameters, large enough to stay one round trip for most feeds. */
const CHUNK_SIZE = 1_000;

export interface StoredItemRef {
  id: number;
  isNew: boolean;
}

/**
 * Upserts items by canonical URL in batched statements and returns each canonical URL's item id.
 * The first title, URL and first-seen time are kept; better data (a summary where there was none,
 * an image, a publication date, a media hint) fills gaps. Rows that gain nothing are not rewritten,
 * so a second pass over the same feed writes no item rows.
 *
 * Callers pass items already unique by canonical URL (see mergeByCanonicalUrl); they are written in
 * canonical-URL order (byCanonicalUrl) so concurrent transactions lock rows in the same order and
 * cannot deadlock.
 *
 * Uniqueness is kept by the unique index on `md5(canonical_url)` (migrations/0006: a btree entry
 * cannot hold a link over about 2.7 KB), which is the conflict target and, being the only index on
 * canonical_url (migrations/0012), what the ids of unchanged rows are read through; an existing row
 * is only taken when its canonical URL is the same, so even an md5 collision never merges two links.
 */
export async function upsertItems(
  trx: Transaction<Database>,
  items: readonly NormalizedItem[],
  now: Date,
): Promise<Map<string, StoredItemRef>> {
  const refs = new Map<string, StoredItemRef>();
  const sorted = [...items].sort(byCanonicalUrl);
  for (let start = 0; start < sorted.length; start += CHUNK_SIZE) {
    const chunk = sorted.slice(start, start + CHUNK_SIZE);
    const written = await trx
      .insertInto('items')
      .values(
        chunk.map((item) => ({
          url: item.url,
          canonical_url: item.canonicalUrl,
          title: item.title,
          summary: item.summary,
          lang: item.lang,
          published_at: item.publishedAt ?? now,
          first_seen_at: now,
          image_url: item.imageUrl,
          media_kind: item.mediaKind,
          updated_at: now,
        })),
      )
      .onConflict((conflict) =>
        conflict
          .expression(sql`md5(canonical_url)`)
          .doUpdateSet({
            summary: sql`case when items.summary = '' then excluded.summary else items.summary end`,
            image_url: sql`coalesce(items.image_url, excluded.image_url)`,
            media_kind: sql`coalesce(items.media_kind, excluded.media_kind)`,
            updated_at: sql`excluded.updated_at`,
          })
          .where(({ and, or, eb }) =>
            and([
              eb('items.canonical_url', '=', eb.ref('excluded.canonical_url')),
              or([
                eb.and([eb('items.summary', '=', ''), eb('excluded.summary', '<>', '')]),
                eb.and([eb('items.image_url', 'is', null), eb('excluded.image_url', 'is not', null)]),
                eb.and([eb('items.media_kind', 'is', null), eb('excluded.media_kind', 'is not', null)]),
              ]),
            ]),
          ),
      )
      .returning(['id', 'canonical_url', sql<boolean>`(xmax = 0)`.as('inserted')])
      .execute();
    for (const row of written) refs.set(row.canonical_url, { id: Number(row.id), isNew: row.inserted });
    const missing = chunk.map((item) => item.canonicalUrl).filter((url) => !refs.has(url));
    if (missing.length > 0) {
      const existing = await trx.selectFrom('items').select(['id', 'canonical_url']).where(matchAnyUrl('canonical_url', missing)).execute();
      for (const row of existing) refs.set(row.canonical_url, { id: Number(row.id), isNew: false });
    }
  }
  return refs;
}

/** Canonical-URL order: the order items are written and their rows locked in. */
export function byCanonicalUrl(a: NormalizedItem, b: NormalizedItem): number {
  return a.canonicalUrl < b.canonicalUrl ? -1 : a.canonicalUrl > b.canonicalUrl ? 1 : 0;
}

/**
 * Collapses items sharing a canonical URL (a feed listing the same link twice, or a digest linking
 * it from two issues) into one, the first keeping its title and later ones filling gaps.
 */
export function mergeByCanonicalUrl<T extends NormalizedItem>(items: readonly T[]): T[] {
  const merged = new Map<string, T>();
  for (const item of items) {
    const first = merged.get(item.canonicalUrl);
    if (!first) {
      merged.set(item.canonicalUrl, { ...item });
      continue;
    }
    if (!first.summary && item.summary) first.summary = item.summary;
    first.imageUrl ??= item.imageUrl;
    first.mediaKind ??= item.mediaKind;
    first.publishedAt ??= item.publishedAt;
    first.points = maxOrNull(first.points, item.points);
    first.comments = maxOrNull(first.comments, item.comments);
  }
  return [...merged.values()];
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
