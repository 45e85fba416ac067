import type { Env } from '../config/env.ts';
import { startDistributed, type DistributedOptions } from '../queue/start-distributed.ts';
import { waitForShutdownSignal } from '../queue/wait-for-shutdown-signal.ts';
import type { RefreshDeps } from '../refresh/refresh-source.ts';

/** Of SIFT_SHUTDOWN_TIMEOUT_MS, the last second is kept for closing queues, connections and the database after running jobs had their time. */
const CLOSE_RESERVE_MS = 1_000;

/**
 * What `sift scheduler` and `sift worker` run: their role of distributed mode in this process,
 * with /healthz, /readyz and /metrics on SIFT_METRICS_PORT, until SIGTERM/SIGINT; then a graceful
 * stop. Nothing here waits for Redis, so a stop while Redis is down ends the process as promptly
 * as one while it is up.
 *
 * The process is gone within SIFT_SHUTDOWN_TIMEOUT_MS (at least one second) of the signal in every
 * state: running jobs get that time less a second kept for closing, and if closing still hangs (a
 * connection that never answers) the process exits with code 1 at the deadline — the one place a
 * command ends the process itself, since a supervisor's SIGKILL would come next anyway.
 */
export async function runDistributedRole(
  deps: RefreshDeps,
  env: Env,
  role: 'scheduler' | 'worker',
  options: Omit<DistributedOptions, 'scheduler' | 'worker' | 'connectionName' | 'ops'>,
): Promise<void> {
  const shutdown = waitForShutdownSignal(deps.log);
  const distributed = await startDistributed(deps, {
    ...options,
    scheduler: role === 'scheduler',
    worker: role === 'worker',
    connectionName: `${options.prefix}:sift-${role}`,
    ops: { port: env.SIFT_METRICS_PORT, host: env.HOST },
  });
  await shutdown;
  const deadlineMs = Math.max(env.SIFT_SHUTDOWN_TIMEOUT_MS, CLOSE_RESERVE_MS);
  const deadline = setTimeout(() => {
    deps.log.error({ timeoutMs: deadlineMs }, `${role} still closing at SIFT_SHUTDOWN_TIMEOUT_MS; exiting now`);
    process.exit(1);
  }, deadlineMs);
  deadline.unref(); // never keeps a process alive that is done
  await distributed.close(deadlineMs - CLOSE_RESERVE_MS);
  deps.log.info(`${role} stopped`);
}
