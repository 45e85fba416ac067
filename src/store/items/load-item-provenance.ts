import type { Db } from '../../db/database.ts';
import { ReviewError } from '../../shared/review-error.ts';

/** One source that carried a link, as the reading pane shows it. */
export interface ProvenanceSource {
  sourceId: string;
  name: string;
  kind: string;
  /** The source's own URL (its feed). */
  url: string;
  firstSeenAt: Date;
  points: number | null;
  comments: number | null;
  /** The newsletter issue the link was found in (digest sources). */
  digestIssueUrl: string | null;
  appearances: number;
}

export interface ItemProvenance {
  itemId: number;
  url: string;
  canonicalUrl: string;
  title: string;
  sources: ProvenanceSource[];
  /** Numbers of the weekly's own published issues that already carried the link (history import). */
  publishedIn: number[];
}

/** Where a link came from: every source that carried it (newsletter issues first), and the weekly's issues that printed it. */
export async function loadItemProvenance(db: Db, itemId: number): Promise<ItemProvenance> {
  const item = await db.selectFrom('items').select(['id', 'url', 'canonical_url', 'title']).where('id', '=', itemId).executeTakeFirst();
  if (item === undefined) throw new ReviewError('NOT_FOUND', `no item ${itemId}`);
  const sightings = await db
    .selectFrom('sightings')
    .innerJoin('sources', 'sources.id', 'sightings.source_id')
    .select([
      'sightings.source_id',
      'sources.name',
      'sources.kind',
      'sources.url',
      'sightings.first_seen_at',
      'sightings.points',
      'sightings.comments',
      'sightings.digest_issue_url',
      'sightings.appearances',
    ])
    .where('sightings.item_id', '=', itemId)
    .orderBy('sightings.first_seen_at')
    .execute();
  const published = await db
    .selectFrom('published')
    .select('issue_number')
    .distinct()
    .where('canonical_url', '=', item.canonical_url)
    .orderBy('issue_number')
    .execute();
  const sources = sightings.map((row) => ({
    sourceId: row.source_id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    firstSeenAt: new Date(row.first_seen_at),
    points: row.points,
    comments: row.comments,
    digestIssueUrl: row.digest_issue_url,
    appearances: row.appearances,
  }));
  sources.sort((a, b) => Number(b.digestIssueUrl !== null) - Number(a.digestIssueUrl !== null));
  return {
    itemId: Number(item.id),
    url: item.url,
    canonicalUrl: item.canonical_url,
    title: item.title,
    sources,
    publishedIn: published.map((row) => row.issue_number),
  };
}
