/** Fewer issues than this say nothing about what recurs: a first issue, or a feed that keeps one or two. */
export const MIN_ISSUES_FOR_RECURRENCE = 3;
/** A link must recur in at least this many issues, so a pick repeated in two consecutive issues stays a pick. */
const MIN_APPEARANCES = 3;

/**
 * The links (by key, e.g. canonical URL) that recur across the issues of one newsletter: present in
 * at least half of the issues, and in at least three of them, when there are three issues or more.
 *
 * Why these numbers: a standing block (the latest releases, the library index, the community
 * invite, a sponsor slot, the translator's credit) appears in nearly every issue, so half is a wide
 * margin for an issue that skipped it; a real pick rarely appears more than twice (an item and its
 * follow-up the week after), so the floor of three keeps a re-recommended link in a three- or
 * four-issue feed. With fewer than three issues nothing is learned and the set is empty.
 *
 * Each issue is counted once per key, however often it repeats the link.
 */
export function findRecurringLinks(issues: ReadonlyArray<Iterable<string>>): Set<string> {
  const recurring = new Set<string>();
  if (issues.length < MIN_ISSUES_FOR_RECURRENCE) return recurring;
  const threshold = Math.max(MIN_APPEARANCES, Math.ceil(issues.length / 2));
  const counts = new Map<string, number>();
  for (const issue of issues) {
    for (const key of new Set(issue)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counts) if (count >= threshold) recurring.add(key);
  return recurring;
}
