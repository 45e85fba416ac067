import type { Db } from '../../db/database.ts';
import { matchUrl } from '../match-url.ts';

/** The ids of every source that carried the link with this canonical URL (one per sighting). */
export async function listSourcesOfUrl(db: Db, canonicalUrl: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sightings')
    .innerJoin('items', 'items.id', 'sightings.item_id')
    .select('sightings.source_id')
    .where(matchUrl('items.canonical_url', canonicalUrl))
    .execute();
  return rows.map((row) => row.source_id);
}
