import type { Db } from '../../db/database.ts';
import type { SourceRow } from '../../db/tables.ts';

/** The stored row of one source (its feed URL, validators and health), or undefined when sources.yaml no longer has it. */
export function loadSource(db: Db, sourceId: string): Promise<SourceRow | undefined> {
  return db.selectFrom('sources').selectAll().where('id', '=', sourceId).executeTakeFirst();
}
