import type { Queue } from 'bullmq';
import type { Db } from '../db/database.ts';
import { enqueueDueSources } from '../queue/enqueue-due-sources.ts';
import { toRefreshJobId, type RefreshJobData } from '../queue/queue-names.ts';
import type { Clock } from '../shared/clock.ts';
import { makeSourcesDue } from '../store/sources/make-sources-due.ts';
import { idleCollectStatus, type CollectNow, type CollectNowStatus } from './collect-now.ts';

/**
 * Collect now in distributed mode (REDIS_URL): the web process fetches nothing itself (the
 * workers hold the per-host leases that keep fetching polite). It makes every enabled source due
 * and runs one scheduler tick (enqueueDueSources: job `refresh-<id>`, a source already queued is
 * not queued twice), then reports progress from those jobs: a job gone (completed jobs remove
 * themselves) or completed is done, a failed one is done and failed.
 */
export function createQueuedCollectNow(deps: { db: Db; clock: Clock }, queue: Queue<RefreshJobData>): CollectNow {
  let current: CollectNowStatus = idleCollectStatus('queue');
  let jobIds: string[] = [];

  const refresh = async (): Promise<CollectNowStatus> => {
    if (current.state !== 'running') return { ...current };
    const states = await Promise.all(jobIds.map(async (id) => (await queue.getJob(id))?.getState() ?? 'completed'));
    current.done = states.filter((state) => state === 'completed' || state === 'failed').length;
    current.failed = states.filter((state) => state === 'failed').length;
    if (current.done === current.total) {
      current.state = 'done';
      current.finishedAt = new Date().toISOString();
    }
    return { ...current };
  };

  return {
    async start() {
      if (current.state === 'running') return refresh();
      const now = deps.clock.now();
      const sourceIds = await makeSourcesDue(deps.db, now);
      await enqueueDueSources(deps, queue);
      jobIds = sourceIds.map(toRefreshJobId);
      current = { ...idleCollectStatus('queue'), state: 'running', total: jobIds.length, startedAt: new Date().toISOString() };
      return refresh();
    },
    status: refresh,
    // the workers run the jobs: nothing of this process to stop
    close: async () => {},
  };
}
