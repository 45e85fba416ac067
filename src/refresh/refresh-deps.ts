import type { SourcesConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { PrivateNetworkDeps } from './choose-private-network-policy.ts';
import type { FeedDocument, ProcessedFeed } from './process-feed.ts';

/**
 * What a refresh is given, assembled at the process edge (cli/open-app.ts, the bench, the tests).
 * In a file of its own so refreshSource and the click-through resolver it calls both take it
 * without importing each other.
 */
export interface RefreshDeps extends Pick<PrivateNetworkDeps, 'env' | 'publicDispatcher'> {
  db: Db;
  log: Logger;
  clock: Clock;
  fetch: typeof fetch;
  config: SourcesConfig;
  /** Where the CPU-bound decode/parse/normalize runs; defaults to this thread (see ParsePool). */
  processFeed?: (document: FeedDocument) => Promise<ProcessedFeed>;
}
