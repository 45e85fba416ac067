import type { Db } from '../../db/database.ts';
import type { CandidatesByCategory } from '../../rank/build-candidates.ts';

const CHUNK_SIZE = 500;

/** Replaces a week's candidates in one transaction: readers see the old list or the new one, never a mix. */
export async function saveCandidates(db: Db, week: string, byCategory: CandidatesByCategory): Promise<void> {
  const rows = Object.values(byCategory)
    .flat()
    .map((candidate) => ({
      week,
      category: candidate.category,
      rank: candidate.rank,
      score: candidate.score,
      cluster_key: candidate.clusterKey,
      item_id: candidate.itemId,
      item_ids: JSON.stringify(candidate.members.map((member) => member.itemId)),
      source_ids: JSON.stringify(candidate.sourceIds),
      rule: candidate.rule,
      breakdown: JSON.stringify(candidate.breakdown),
      reasons: JSON.stringify(candidate.reasons),
      computed_at: candidate.computedAt,
    }));
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('candidates').where('week', '=', week).execute();
    for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
      await trx
        .insertInto('candidates')
        .values(rows.slice(start, start + CHUNK_SIZE))
        .execute();
    }
  });
}
