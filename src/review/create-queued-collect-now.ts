import type { JobState, Queue } from 'bullmq';
import type { Db } from '../db/database.ts';
import { enqueueDueSources } from '../queue/enqueue-due-sources.ts';
import { toRefreshJobId, type RefreshJobData } from '../queue/queue-names.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import { listSourcesStillDue, makeSourcesDue } from '../store/sources/make-sources-due.ts';
import { idleCollectStatus, type CollectNow, type CollectNowStatus } from './collect-now.ts';

/**
 * Collect now in distributed mode (REDIS_URL): the web process fetches nothing itself (the
 * workers hold the per-host leases that keep fetching polite). It makes every enabled source due
 * and runs one scheduler tick (enqueueDueSources: job `refresh-<id>`, a source already queued is
 * not queued twice), then reports progress from those jobs: a job gone (completed jobs remove
 * themselves) or completed is done, a failed one is done and failed. A job gone whose source is
 * still due as the pass made it (no refresh ended since) was lost, not run: Redis restarted empty
 * or its queue was cleared. It counts as failed and `lost`; the source stays due, so the
 * scheduler queues it again on its next tick.
 *
 * Redis out of reach (the producer connection fails at once) ends the pass as `failed` with the
 * reason, for the board to show, whether at the start (no job queued; the sources stay due, so the
 * scheduler queues them once Redis is back) or while polling (the jobs can no longer be followed;
 * starting again follows them anew). Logged once, with the error.
 */
export function createQueuedCollectNow(deps: { db: Db; clock: Clock; log: Logger }, queue: Queue<RefreshJobData>): CollectNow {
  let current: CollectNowStatus = idleCollectStatus('queue');
  let sourceIds: string[] = [];
  /** The instant the pass made its sources due: a source still due at it has not been refreshed since. */
  let dueAt = new Date(0);
  /**
   * Sources whose job was already running (or had just ended) as the pass queued its jobs: such a
   * refresh may have written its next check before the pass made the source due again, so once
   * gone it counts as done, never as lost.
   */
  let ranBeforePass = new Set<string>();

  const fail = (status: CollectNowStatus, what: string, error: unknown) => {
    deps.log.error({ err: error }, `collect now: ${what}`);
    status.state = 'failed';
    status.error = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    status.finishedAt = new Date().toISOString();
  };

  /** Reads the pass's jobs and counts them; `onRead` sees the states first (the pass's first read). */
  const refresh = async (onRead?: (states: readonly (JobState | 'unknown')[]) => void): Promise<CollectNowStatus> => {
    const pass = current;
    if (pass.state !== 'running') return { ...pass };
    try {
      // `unknown`: the job is gone, which a completed job does (removeOnComplete)
      const states = await Promise.all(sourceIds.map((id) => queue.getJobState(toRefreshJobId(id))));
      onRead?.(states);
      const gone = sourceIds.filter((id, index) => states[index] === 'unknown' && !ranBeforePass.has(id));
      const lost = gone.length > 0 ? (await listSourcesStillDue(deps.db, gone, dueAt)).length : 0;
      pass.done = states.filter((state) => state === 'completed' || state === 'failed' || state === 'unknown').length;
      pass.failed = states.filter((state) => state === 'failed').length + lost;
      pass.lost = lost;
      if (pass.done === pass.total) {
        pass.state = 'done';
        pass.finishedAt = new Date().toISOString();
      }
    } catch (error) {
      fail(pass, 'could not read the refresh jobs from Redis', error);
    }
    return { ...pass };
  };

  return {
    async start() {
      if (current.state === 'running') return refresh();
      const pass: CollectNowStatus = { ...idleCollectStatus('queue'), state: 'running', startedAt: new Date().toISOString() };
      const now = deps.clock.now();
      const due = await makeSourcesDue(deps.db, now);
      try {
        await enqueueDueSources(deps, queue);
      } catch (error) {
        fail(pass, 'could not queue the refresh jobs in Redis', error);
        current = pass;
        return { ...pass };
      }
      sourceIds = due;
      dueAt = now;
      current = { ...pass, total: sourceIds.length };
      ranBeforePass = new Set();
      return refresh((states) => {
        ranBeforePass = new Set(sourceIds.filter((_, index) => ['active', 'completed', 'unknown'].includes(states[index])));
      });
    },
    status: () => refresh(),
    // the workers run the jobs: nothing of this process to stop
    close: async () => {},
  };
}
