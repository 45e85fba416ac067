import type { Logger } from '../shared/logger.ts';

/**
 * Resolves on the first SIGTERM or SIGINT (docker stop, Ctrl-C). The handlers are removed then,
 * so a second signal during the graceful shutdown gets Node's default: exit at once.
 */
export function waitForShutdownSignal(log: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      log.info({ signal }, 'shutting down: finishing running jobs');
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
