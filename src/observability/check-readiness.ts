import type { Redis } from 'ioredis';
import type { Db } from '../db/database.ts';
import { pingDatabase } from '../db/ping-database.ts';

/** A dependency that does not answer within this long counts as down (probes must stay quick). */
const CHECK_TIMEOUT_MS = 2_000;

export interface Readiness {
  isReady: boolean;
  /** Per dependency: "ok" or what went wrong. */
  checks: Record<string, string>;
}

/**
 * Whether this process can do its work: Postgres answers `select 1`, and Redis (when the process
 * uses it) is connected and answers PING. A service connection holds commands while Redis is away
 * instead of failing them, so "not connected" is reported at once rather than waited on.
 */
export async function checkReadiness(deps: { db: Db; redis?: Redis }): Promise<Readiness> {
  const checks: Record<string, string> = {};
  const probes: Array<Promise<void>> = [
    probe(() => pingDatabase(deps.db)).then((result) => {
      checks.postgres = result;
    }),
  ];
  const { redis } = deps;
  if (redis) {
    probes.push(
      (redis.status === 'ready' ? probe(() => redis.ping()) : Promise.resolve(`not connected (${redis.status})`)).then((result) => {
        checks.redis = result;
      }),
    );
  }
  await Promise.all(probes);
  return { isReady: Object.values(checks).every((result) => result === 'ok'), checks };
}

async function probe(run: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      run().then(
        () => 'ok',
        (error: unknown) => `error: ${error instanceof Error ? error.message : String(error)}`,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
