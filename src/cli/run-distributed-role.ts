import type { Env } from '../config/env.ts';
import { startDistributed, type DistributedOptions } from '../queue/start-distributed.ts';
import { waitForShutdownSignal } from '../queue/wait-for-shutdown-signal.ts';
import type { RefreshDeps } from '../refresh/refresh-source.ts';

/**
 * What `sift scheduler` and `sift worker` run: their role of distributed mode in this process,
 * with /healthz, /readyz and /metrics on SIFT_METRICS_PORT, until SIGTERM/SIGINT; then a graceful
 * stop (running jobs get SIFT_SHUTDOWN_TIMEOUT_MS). The signal is listened for before Redis is
 * waited for, so a stop while Redis is down still ends the process cleanly.
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
  await distributed.close(env.SIFT_SHUTDOWN_TIMEOUT_MS);
  deps.log.info(`${role} stopped`);
}
