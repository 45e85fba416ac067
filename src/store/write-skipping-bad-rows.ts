import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/tables.ts';

/**
 * SQLSTATE classes of errors that one row's values cause: 22 data exception (a number out of
 * range, a bad byte), 23 integrity constraint violation, 54 program limit exceeded (an index entry
 * too large). Anything else (connection lost, deadlock, a bug) is not a row's fault.
 */
const ROW_ERROR_CLASSES = new Set(['22', '23', '54']);

/** The database refused a row for its values (node-postgres and PGlite both carry the SQLSTATE in `code`). */
export function isRowDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length === 5 && ROW_ERROR_CLASSES.has(code.slice(0, 2));
}

/**
 * Writes `rows` inside `trx` with `write`, skipping the rows the database refuses: the rows are
 * tried together under a savepoint; when the database refuses them (isRowDataError), their writes
 * are rolled back to the savepoint and each half is tried alone, down to single rows, which are
 * skipped and passed to `onSkip` with the error. Any other error is thrown, and the caller's
 * transaction leaves nothing half-written. One bad row costs about 2 × log2(rows) attempts.
 *
 * Returns what `write` returned for each part that was stored. Rows keep their order, so callers
 * that lock rows in a sorted order still do.
 */
export async function writeSkippingBadRows<T, R>(
  trx: Transaction<Database>,
  rows: readonly T[],
  write: (part: readonly T[]) => Promise<R>,
  onSkip: (row: T, error: unknown) => void,
): Promise<R[]> {
  const results: R[] = [];
  const attempt = async (part: readonly T[]): Promise<void> => {
    if (part.length === 0) return;
    await sql`savepoint write_rows`.execute(trx);
    try {
      results.push(await write(part));
      await sql`release savepoint write_rows`.execute(trx);
      return;
    } catch (error) {
      if (!isRowDataError(error)) throw error;
      await sql`rollback to savepoint write_rows`.execute(trx);
      await sql`release savepoint write_rows`.execute(trx);
      if (part.length === 1) {
        onSkip(part[0], error);
        return;
      }
    }
    const middle = Math.ceil(part.length / 2);
    await attempt(part.slice(0, middle));
    await attempt(part.slice(middle));
  };
  await attempt(rows);
  return results;
}
