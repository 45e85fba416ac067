import type { FoundItem } from './process-feed.ts';

const DAY_MS = 86_400_000;

export interface ListedPosition {
  /** Start (UTC) of the day the list was dated: the entry's date, else the read's. */
  listedAt: Date;
  position: number;
}

/**
 * Per canonical URL, its best place on each day a ranked feed listed it. A feed holding several
 * days' lists (three weeks of trending) shows a link once per day: each day keeps its own place,
 * and sighting_positions keeps the best of every read of that day.
 */
export function listPositions(items: readonly FoundItem[], now: Date): Map<string, ListedPosition[]> {
  const byUrl = new Map<string, Map<number, number>>();
  for (const item of items) {
    const day = Math.floor((item.publishedAt ?? now).getTime() / DAY_MS) * DAY_MS;
    let days = byUrl.get(item.canonicalUrl);
    if (!days) byUrl.set(item.canonicalUrl, (days = new Map()));
    days.set(day, Math.min(days.get(day) ?? Infinity, item.position));
  }
  const listed = new Map<string, ListedPosition[]>();
  for (const [url, days] of byUrl)
    listed.set(
      url,
      [...days].map(([day, position]) => ({ listedAt: new Date(day), position })),
    );
  return listed;
}
