import type { Readable, Writable } from 'node:stream';
import type { Env } from '../config/env.ts';
import type { SourcesConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';

/** What a command gets from the process edge: the validated env and the standard streams. */
export interface CliContext {
  env: Env;
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  clock: Clock;
}

/**
 * What a command's stages receive, assembled here at the process edge (openApp): passed in, never
 * imported as a singleton. Each stage names the part it takes (RefreshDeps, RankDeps, …), so no
 * room below the CLI needs this whole set, and src/shared stays free of config and db.
 */
export interface Deps {
  db: Db;
  log: Logger;
  clock: Clock;
  fetch: typeof fetch;
  config: SourcesConfig;
  env: Env;
}

/** Every command file exports `run`; the exit code is returned, never `process.exit`ed. */
export type Command = (args: string[], ctx: CliContext) => Promise<number>;

export function writeLine(stream: Writable, line = ''): void {
  stream.write(`${line}\n`);
}
