import type { Db } from '../../db/database.ts';

export interface SourceSelection {
  /** Every enabled source, due or not. */
  all?: boolean;
  /** Exactly these sources (enabled or not: the user asked by name). */
  sourceIds?: string[];
}

export interface SelectedSource {
  id: string;
  url: string;
}

/** The sources a pass should refresh: the due ones (enabled, next check reached) unless told otherwise. */
export async function selectDueSources(db: Db, now: Date, selection: SourceSelection = {}): Promise<SelectedSource[]> {
  let query = db.selectFrom('sources').select(['id', 'url']).orderBy('next_check_at').orderBy('id');
  if (selection.sourceIds && selection.sourceIds.length > 0) {
    query = query.where('id', 'in', selection.sourceIds);
  } else {
    query = query.where('enabled', '=', true);
    if (!selection.all) query = query.where('next_check_at', '<=', now);
  }
  return query.execute();
}
