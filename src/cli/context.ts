import type { Readable, Writable } from 'node:stream';
import type { Env } from '../config/env.ts';
import type { Clock } from '../shared/clock.ts';

/** What a command gets from the process edge: the validated env and the standard streams. */
export interface CliContext {
  env: Env;
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  clock: Clock;
}

/** Every command file exports `run`; the exit code is returned, never `process.exit`ed. */
export type Command = (args: string[], ctx: CliContext) => Promise<number>;

export function writeLine(stream: Writable, line = ''): void {
  stream.write(`${line}\n`);
}
