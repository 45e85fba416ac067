import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';

/** The review sessions in the database (table `review_sessions`), so logging out really ends one. */
export interface SessionStore {
  /** Starts a session for `curator` and returns its random id (what the cookie carries). */
  create(curator: string): Promise<string>;
  /** The live session with this id, or null once it was revoked or has expired. */
  find(id: string): Promise<{ curator: string } | null>;
  /** Ends the session: its cookie, wherever a copy of it went, no longer signs anyone in. */
  revoke(id: string): Promise<void>;
}

/**
 * A signed cookie alone cannot be taken back: a copy keeps working until it expires. Keeping the
 * sessions server-side makes logout final on every replica and across restarts. Rows are keyed by
 * a hash of the id, so the table itself gives no one a session; expired rows go at each login.
 */
export function createSessionStore(db: Db, options: { now: () => Date; maxAgeMs: number }): SessionStore {
  return {
    async create(curator) {
      const id = randomBytes(16).toString('hex');
      const now = options.now();
      await db.deleteFrom('review_sessions').where('expires_at', '<=', now).execute();
      await db
        .insertInto('review_sessions')
        .values({ id_hash: hashSessionId(id), curator, created_at: now, expires_at: new Date(now.getTime() + options.maxAgeMs) })
        .execute();
      return id;
    },
    async find(id) {
      const row = await db
        .selectFrom('review_sessions')
        .select('curator')
        .where('id_hash', '=', hashSessionId(id))
        .where('expires_at', '>', options.now())
        .executeTakeFirst();
      return row ?? null;
    },
    async revoke(id) {
      await db.deleteFrom('review_sessions').where('id_hash', '=', hashSessionId(id)).execute();
    },
  };
}

function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
