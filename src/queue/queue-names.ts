/** BullMQ queue names. The key prefix (SIFT_QUEUE_PREFIX) namespaces them per deployment or test run. */
export const REFRESH_QUEUE = 'refresh';
export const SCHEDULER_QUEUE = 'scheduler';

/** The one job scheduler on the scheduler queue: upserting it from several schedulers keeps one. */
export const TICK_SCHEDULER_ID = 'tick';

/** What a refresh job carries. `host` is the fetch host, for the per-host limit (saves a query per bounce). */
export interface RefreshJobData {
  sourceId: string;
  host: string;
}

/**
 * The job id of a source's refresh: one per source, so BullMQ refuses a second copy while one is
 * waiting, delayed or running. BullMQ ids may not contain `:` (source ids are slugs, so they never do).
 */
export function toRefreshJobId(sourceId: string): string {
  return `refresh-${sourceId}`;
}
