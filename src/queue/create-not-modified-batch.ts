import type { Db } from '../db/database.ts';
import type { Logger } from '../shared/logger.ts';
import { markSourcesNotModified, NOT_MODIFIED_PER_STATEMENT, type NotModifiedRecord } from '../store/sources/mark-sources-not-modified.ts';

export interface NotModifiedBatch {
  /** Keeps a 304's outcome; every `size` of them are written at once (one statement). */
  add(record: NotModifiedRecord): void;
  /** Writes what is kept and waits for every write started. Never throws: see below. */
  flush(): Promise<void>;
}

/**
 * The 304s of one pass, written together (markSourcesNotModified) as they fill a statement and at
 * the end, instead of one round trip each. A write that fails is logged, not thrown: a 304 not
 * recorded loses nothing (the source stays due and the next pass checks it again), and one failed
 * write must not end the pass of the others.
 */
export function createNotModifiedBatch(deps: { db: Db; log: Logger }, size = NOT_MODIFIED_PER_STATEMENT): NotModifiedBatch {
  let kept: NotModifiedRecord[] = [];
  const writes = new Set<Promise<void>>();
  const write = () => {
    if (kept.length === 0) return;
    const records = kept;
    kept = [];
    const written: Promise<void> = markSourcesNotModified(deps.db, records)
      .catch((error: unknown) =>
        deps.log.error({ err: error, sources: records.length }, 'not-modified sources not recorded; the next pass checks them again'),
      )
      .finally(() => writes.delete(written));
    writes.add(written);
  };
  return {
    add(record) {
      kept.push(record);
      if (kept.length >= size) write();
    },
    async flush() {
      write();
      await Promise.all(writes);
    },
  };
}
