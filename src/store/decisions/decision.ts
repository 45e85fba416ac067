import type { DecisionRow } from '../../db/tables.ts';

export const DECISION_STATUSES = ['accepted', 'rejected', 'pending'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/**
 * A curator's verdict on one item for one week, as the UI and the JSON API see it. `version`
 * counts writes (0 = no decision yet) and is what optimistic concurrency compares.
 */
export interface Decision {
  week: string;
  itemId: number;
  status: DecisionStatus;
  /** The category the item is printed in; null = wherever ranking put it. */
  category: string | null;
  /** Edited title / Chinese description; null = the feed's text. */
  title: string | null;
  summary: string | null;
  note: string | null;
  /** The image the issue prints under the item: null = the item's own, '' = none. */
  imageUrl: string | null;
  /** Its alt text (`![alt](url)`); null = none. */
  imageAlt: string | null;
  /** 1-based place in its category's shortlist, for accepted items only. */
  position: number | null;
  version: number;
  decidedBy: string | null;
  decidedAt: Date;
}

export function toDecision(row: DecisionRow): Decision {
  return {
    week: row.week,
    itemId: Number(row.item_id),
    status: row.status as DecisionStatus,
    category: row.category,
    title: row.title,
    summary: row.summary,
    note: row.note,
    imageUrl: row.image_url,
    imageAlt: row.image_alt,
    position: row.position,
    version: row.version,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}
