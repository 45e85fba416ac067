/**
 * "Collect now" from the board: one pass over every enabled source, started by a curator (the
 * board's banner when sources fail), its progress polled as JSON. One pass at a time per process:
 * starting while one runs returns the running one.
 */
export interface CollectNow {
  /** Starts a pass unless one is running; resolves once it is under way (not when it ends). */
  start(): Promise<CollectNowStatus>;
  status(): Promise<CollectNowStatus>;
  /**
   * Stops the pass this process runs, if any, before the database closes: no further source is
   * started, and those running get until `timeoutMs` to finish. Nothing starts after it.
   */
  close(timeoutMs: number): Promise<void>;
}

export interface CollectNowStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  /** `in-process`: this process fetches (no REDIS_URL); `queue`: refresh jobs for the workers. */
  mode: 'in-process' | 'queue';
  /** Sources in the pass, those finished (ok, not modified or failed), and of those the failed ones. */
  total: number;
  done: number;
  failed: number;
  /** Queue mode: of the failed, jobs that vanished unrun (Redis restarted empty); their sources stay due for the scheduler. */
  lost?: number;
  startedAt: string | null;
  finishedAt: string | null;
  /** Why a pass could not run (state `failed`). */
  error?: string;
}

export function idleCollectStatus(mode: CollectNowStatus['mode']): CollectNowStatus {
  return { state: 'idle', mode, total: 0, done: 0, failed: 0, startedAt: null, finishedAt: null };
}
