import type { FinishedStatus, Job, Queue } from 'bullmq';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { hostOf } from './collect-sources.ts';
import { RETRY_BACKOFF_TYPE } from './compute-retry-delay.ts';
import { toRefreshJobId, type RefreshJobData } from './queue-names.ts';
import { selectDueSources, type SelectedSource } from '../store/sources/select-due-sources.ts';
import { filterStillDue } from '../store/sources/filter-still-due.ts';

/** Attempts per refresh job: the first try and two retries for transient failures. */
export const REFRESH_ATTEMPTS = 3;

/** Failed jobs stay visible (dashboard, failed gauge) this long; the next due tick replaces them. */
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 1000 };

export interface EnqueueResult {
  /** Sources due now. */
  due: number;
  /** Of those, the ones this call added (the rest were already waiting, delayed or running). */
  enqueued: number;
}

/**
 * One scheduler tick: a refresh job per due source. The job id (`refresh-<id>`) makes this
 * idempotent — a source already waiting, delayed (retry, busy host) or running is not queued again,
 * even when two schedulers tick at the same moment (BullMQ's job scheduler can start a tick
 * while the previous one still runs elsewhere). A finished job still holding the id (a failed one
 * kept for inspection) is re-queued in place; completed jobs remove themselves.
 */
export async function enqueueDueSources(deps: { db: Db; clock: Clock }, queue: Queue<RefreshJobData>): Promise<EnqueueResult> {
  const due = await selectDueSources(deps.db, deps.clock.now());
  const jobs = await Promise.all(due.map((source) => queue.getJob(toRefreshJobId(source.id))));
  const states = await Promise.all(jobs.map((job) => (job ? job.getState() : 'unknown')));
  const candidates = due.filter((_source, index) => ['unknown', 'completed', 'failed'].includes(states[index]));
  // A job that ended between the select and the state check has already stored its source's next
  // check (its transaction commits before the job completes): ask the database again, after the check.
  const stillDue = await filterStillDue(
    deps.db,
    candidates.map((source) => source.id),
    deps.clock.now(),
  );
  const toRetry: Array<Promise<boolean>> = [];
  const toAdd: SelectedSource[] = [];
  for (const source of candidates) {
    if (!stillDue.has(source.id)) continue;
    const index = due.indexOf(source);
    const job = jobs[index];
    if (job && states[index] !== 'unknown') toRetry.push(requeueFinishedJob(job, states[index] as FinishedStatus, hostOf(source.url)));
    else toAdd.push(source);
  }
  const retried = (await Promise.all(toRetry)).filter(Boolean).length;
  if (toAdd.length > 0) {
    await queue.addBulk(
      interleaveByHost(toAdd).map((source) => ({
        name: 'refresh',
        data: { sourceId: source.id, host: hostOf(source.url) },
        opts: {
          jobId: toRefreshJobId(source.id),
          attempts: REFRESH_ATTEMPTS,
          backoff: { type: RETRY_BACKOFF_TYPE },
          removeOnComplete: true,
          removeOnFail: KEEP_FAILED,
        },
      })),
    );
  }
  return { due: due.length, enqueued: toAdd.length + retried };
}

/**
 * Puts a finished job (a failed one kept for inspection) back in the queue, attempts reset. BullMQ
 * does this atomically and refuses when the job is no longer finished — another scheduler got there
 * first — which counts as done. Returns whether this call re-queued it.
 */
async function requeueFinishedJob(job: Job<RefreshJobData>, state: FinishedStatus, host: string): Promise<boolean> {
  try {
    if (job.data.host !== host) await job.updateData({ ...job.data, host });
    await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  } catch (error) {
    const now = await job.getState();
    if (now === 'completed' || now === 'failed') throw error;
    return false; // already waiting, delayed or running again: another scheduler re-queued it
  }
}

/**
 * Orders sources so consecutive jobs go to different hosts (a, b, c, a, b, c… instead of a, a, a,
 * b…): workers taking the head of the queue then find free host slots instead of bouncing jobs
 * back for a host that is at its limit.
 */
export function interleaveByHost<T extends { url: string }>(sources: readonly T[]): T[] {
  const byHost = new Map<string, T[]>();
  for (const source of sources) {
    const host = hostOf(source.url);
    const group = byHost.get(host);
    if (group) group.push(source);
    else byHost.set(host, [source]);
  }
  const groups = [...byHost.values()];
  const ordered: T[] = [];
  for (let round = 0; ordered.length < sources.length; round += 1) {
    for (const group of groups) if (round < group.length) ordered.push(group[round]);
  }
  return ordered;
}
