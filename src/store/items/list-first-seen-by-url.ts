import type { Db } from '../../db/database.ts';
import { matchAnyUrl } from '../match-url.ts';

/** When sift first saw each of these canonical URLs (one row per stored item; URLs never seen are missing). */
export async function listFirstSeenByUrl(db: Db, canonicalUrls: string[]): Promise<Array<{ canonical_url: string; first_seen_at: Date }>> {
  return db.selectFrom('items').select(['canonical_url', 'first_seen_at']).where(matchAnyUrl('canonical_url', canonicalUrls)).execute();
}
