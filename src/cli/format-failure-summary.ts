import type { CollectSummary } from '../queue/collect-sources.ts';

/** Source ids named per group; the rest are counted (all of them are in `sift sources status`). */
const IDS_PER_GROUP = 10;

/**
 * The last line of `sift collect` when sources failed: the failures grouped by what went wrong
 * (error code, and the status of an HTTP_STATUS), largest group first, each with its source ids.
 *
 * @example formatFailureSummary(failures) // "3 failed: 2 TIMEOUT (a, b), 1 HTTP_STATUS 404 (c); details: `sift sources status`"
 */
export function formatFailureSummary(failures: CollectSummary['failures']): string {
  const groups = new Map<string, string[]>();
  for (const failure of failures) {
    const reason = failure.status === undefined ? failure.code : `${failure.code} ${failure.status}`;
    const ids = groups.get(reason);
    if (ids) ids.push(failure.sourceId);
    else groups.set(reason, [failure.sourceId]);
  }
  const parts = [...groups]
    .sort(([reasonA, idsA], [reasonB, idsB]) => idsB.length - idsA.length || reasonA.localeCompare(reasonB))
    .map(([reason, ids]) => {
      const named = [...ids].sort().slice(0, IDS_PER_GROUP);
      const more = ids.length > named.length ? `, +${ids.length - named.length} more` : '';
      return `${ids.length} ${reason} (${named.join(', ')}${more})`;
    });
  return `${failures.length} failed: ${parts.join(', ')}; details: \`sift sources status\``;
}
