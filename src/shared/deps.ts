import type { SourcesConfig } from '../config/schema.ts';
import type { Env } from '../config/env.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';

/** What every stage receives: passed in, never imported as a singleton. */
export interface Deps {
  db: Db;
  log: Logger;
  clock: Clock;
  fetch: typeof fetch;
  config: SourcesConfig;
  env: Env;
}
