import type { Db } from '../../db/database.ts';
import type { Candidate, CandidatesByCategory } from '../../rank/build-candidates.ts';
import type { ScoreBreakdown } from '../../rank/score-candidate.ts';
import { asItemIds } from '../items/as-item-ids.ts';

/**
 * Reads a week's persisted candidates, best first per category, with every member link's URL,
 * title and sources. Categories appear as stored; callers that need every configured category
 * (even empty ones) add them. Returns {} for a week never ranked.
 */
export async function loadCandidates(db: Db, week: string): Promise<CandidatesByCategory> {
  const rows = await db.selectFrom('candidates').selectAll().where('week', '=', week).orderBy('category').orderBy('rank').execute();
  if (rows.length === 0) return {};

  const memberIds = [...new Set(rows.flatMap((row) => row.item_ids.map(Number)))];
  const [items, sightings] = await Promise.all([
    db.selectFrom('items').select(['id', 'url', 'title', 'canonical_url']).where('id', 'in', asItemIds(memberIds)).execute(),
    db.selectFrom('sightings').select(['item_id', 'source_id']).where('item_id', 'in', memberIds).orderBy('first_seen_at').execute(),
  ]);
  const itemById = new Map(items.map((item) => [Number(item.id), item]));
  const sourcesById = new Map<number, string[]>();
  for (const sighting of sightings) {
    const id = Number(sighting.item_id);
    sourcesById.set(id, [...(sourcesById.get(id) ?? []), sighting.source_id]);
  }

  const byCategory: CandidatesByCategory = {};
  for (const row of rows) {
    const members = row.item_ids.map(Number).flatMap((itemId) => {
      const item = itemById.get(itemId);
      return item ? [{ itemId, url: item.url, title: item.title, sourceIds: sourcesById.get(itemId) ?? [] }] : [];
    });
    const lead = itemById.get(Number(row.item_id));
    const candidate: Candidate = {
      week: row.week,
      category: row.category,
      rank: row.rank,
      score: Number(row.score),
      clusterKey: row.cluster_key,
      itemId: Number(row.item_id),
      title: lead?.title ?? '',
      url: lead?.url ?? row.cluster_key,
      members,
      sourceIds: row.source_ids,
      rule: row.rule,
      breakdown: row.breakdown as ScoreBreakdown,
      reasons: row.reasons,
      computedAt: row.computed_at,
    };
    (byCategory[row.category] ??= []).push(candidate);
  }
  return byCategory;
}
